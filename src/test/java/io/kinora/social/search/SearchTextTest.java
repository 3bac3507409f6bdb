package io.kinora.social.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The folding table of docs/notes/issue-15-social.md §2: what a person types meets what was indexed. */
class SearchTextTest {

  @ParameterizedTest(name = "{0} folds like {1}")
  @CsvSource({
      "Crème Brûlée, creme brulee",
      "CRÈME, creme",
      "São Paulo, sao paulo",
      "Ångström, angstrom",
      "naïve café, naive cafe",
      "Łódź, lodz",
      "Straße, strasse",
      "STRASSE, strasse",
      "İstanbul, istanbul",
      "ıstanbul, istanbul",
      "ﬁlm ﬂow, film flow",
      "ｆｕｌｌｗｉｄｔｈ, fullwidth",
      "x², x2",
      "𝐁𝐨𝐥𝐝, bold",
      "ǅemal, dzemal",
      "Æsir Œuvre, aesir oeuvre",
      "Ørsted, orsted",
      "Đakovo, dakovo",
      "ð þ, d th",
      "ΣΊΣΥΦΟΣ, σισυφοσ",
      "σίσυφος, σισυφοσ",
      "Кириллица Ёлка, кириллица елка",
  })
  void foldsCaseAccentsAndCompatibilityForms(String input, String folded) {
    assertEquals(folded, SearchText.fold(input));
  }

  @Test
  void japaneseVoicingMarksStaySoPanIsNotHan() {
    assertEquals("パン", SearchText.fold("パン"));
    assertNotEquals(SearchText.tokens("パン"), SearchText.tokens("ハン"));
    assertEquals(List.of("がぎぐ"), SearchText.tokens("がぎぐ"));
  }

  @Test
  void halfwidthKatakanaMeetsFullwidth() {
    assertEquals(SearchText.tokens("パン"), SearchText.tokens("ﾊﾟﾝ"));
  }

  @Test
  void hangulComesBackComposed() {
    assertEquals("가나다", SearchText.fold("가나다"));
    assertEquals(3, SearchText.fold("가나다").length());
  }

  @Test
  void apostrophesAndPunctuationSplitWordsTheSameForQueriesAndDocuments() {
    assertEquals(List.of("don", "t", "stop", "the", "4k", "60fps", "drone", "footage", "sao", "paulo", "travel"),
        SearchText.tokens("Don't stop — the 4K/60fps drone-footage (São Paulo) #travel"));
    assertEquals(List.of("don", "t"), SearchText.tokens("DON’T"));
  }

  @Test
  void japaneseWithoutSpacesIsSplitIntoWords() {
    List<String> tokens = SearchText.tokens("東京タワーの夜景 Tokyo");
    assertEquals("tokyo", tokens.get(tokens.size() - 1));
    assertEquals(true, tokens.contains("東京"), tokens.toString());
    assertEquals(true, tokens.contains("タワー"), tokens.toString());
  }

  @Test
  void devanagariVowelSignsStayInsideTheWord() {
    assertEquals(List.of("हिन्दी"), SearchText.tokens("हिन्दी"));
  }

  @Test
  void repeatedWordsCountOnceInOrder() {
    assertEquals(List.of("the", "cat", "and"), SearchText.tokens("The cat and THE CAT"));
  }

  @Test
  void onlyTheFirstDistinctWordsAreKeptWhenBounded() {
    assertEquals(List.of("a", "b"), SearchText.tokens("a a b c d", 2));
  }

  @Test
  void veryLongWordsAreCut() {
    String word = "a".repeat(500);
    assertEquals(SearchText.MAX_TOKEN_LENGTH, SearchText.tokens(word).get(0).length());
  }

  @Test
  void nothingButPunctuationHasNoWords() {
    assertEquals(List.of(), SearchText.tokens("?! — ..."));
    assertEquals(List.of(), SearchText.tokens(""));
    assertEquals(List.of(), SearchText.tokens(null));
  }

  @Test
  void theDefaultLocaleDoesNotMatter() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertEquals(List.of("istanbul", "title"), SearchText.tokens("ISTANBUL TITLE"));
    } finally {
      Locale.setDefault(before);
    }
  }
}
