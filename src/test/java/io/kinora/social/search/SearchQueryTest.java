package io.kinora.social.search;

import io.kinora.platform.error.KinoraException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing a search into bounded work, and the scores its words are ranked by. */
class SearchQueryTest {

  @Test
  void theLastWordIsAlsoAPrefix() {
    SearchQuery q = SearchQuery.parse("  Crème BRÛL ");

    assertEquals(List.of("creme"), q.words());
    assertEquals("brul", q.prefix());
    assertEquals("creme brul*", q.normalized());
  }

  @Test
  void aOneLetterLastWordMatchesOnlyWhole() {
    SearchQuery q = SearchQuery.parse("vitamin c");

    assertEquals(List.of("vitamin", "c"), q.words());
    assertNull(q.prefix());
    assertEquals("vitamin c", q.normalized());
  }

  @Test
  void aSingleWordIsAPrefix() {
    SearchQuery q = SearchQuery.parse("Straße");

    assertEquals(List.of(), q.words());
    assertEquals("strasse", q.prefix());
  }

  @Test
  void differentlyWrittenQueriesShareOneCachedResult() {
    assertEquals(SearchQuery.parse("CRÈME  brûlée!").normalized(), SearchQuery.parse("creme brulee").normalized());
  }

  @Test
  void atMostEightWordsCount() {
    SearchQuery q = SearchQuery.parse("one two three four five six seven eight nine ten");

    assertEquals(List.of("one", "two", "three", "four", "five", "six", "seven"), q.words());
    assertEquals("eight", q.prefix());
  }

  @Test
  void blankIsRefusedWithASentence() {
    for (String blank : new String[] {null, "", "   ", "\t\n"}) {
      KinoraException e = assertThrows(KinoraException.class, () -> SearchQuery.parse(blank));
      assertTrue(e.getMessage().endsWith("."), e.getMessage());
    }
  }

  @Test
  void twoHundredCharactersAreAllowedAndMoreRefused() {
    SearchQuery.parse(" " + "a".repeat(200) + " ");
    assertThrows(KinoraException.class, () -> SearchQuery.parse("a".repeat(201)));
  }

  @Test
  void punctuationAloneMeansNoWork() {
    assertTrue(SearchQuery.parse("?!").isEmpty());
    assertFalse(SearchQuery.parse("ok").isEmpty());
  }

  @Test
  void pagingStopsAtTheWindow() {
    SearchApi.checkWindow(10, 20);
    SearchApi.checkWindow(4, 50);
    KinoraException e = assertThrows(KinoraException.class, () -> SearchApi.checkWindow(11, 20));
    assertTrue(e.getMessage().contains("page 1 to 10"), e.getMessage());
  }

  @Test
  void aTitleMatchOutranksAnyDescriptionMatchWhateverItsAge() {
    long old = 1_000_000_000_000L;
    long now = 1_800_000_000_000L;
    assertTrue(SearchIndex.score(SearchIndex.TITLE, old) > SearchIndex.score(SearchIndex.DESCRIPTION, now));
    // eight words of the newest video still sum below one weight step
    assertTrue(8 * now < SearchIndex.WEIGHT_STEP);
    // the largest sum is exact in a double
    long max = 8 * SearchIndex.score(7, now);
    assertEquals(max, (long) (double) max);
  }
}
