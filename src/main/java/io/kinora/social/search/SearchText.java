package io.kinora.social.search;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way text becomes search words, for documents (titles, channel names, descriptions) and
 * queries alike, so that what a person types meets what was indexed: case- and accent-insensitive
 * ({@code Crème} = {@code creme}, {@code Straße} = {@code strasse}, {@code İstanbul} = {@code istanbul}),
 * compatibility forms unfolded ({@code ﬁlm} = {@code film}, full-width letters), while marks that
 * carry meaning outside Latin, Greek and Cyrillic stay ({@code パン} is not {@code ハン}) and Hangul
 * comes back composed. Text is split on everything that is not a letter, mark or digit; Chinese,
 * Japanese and Thai runs, written without spaces, are split into words by {@link BreakIterator}.
 */
public final class SearchText {

  /** Longer tokens are cut here (the same for documents and queries): a bound on key names. */
  public static final int MAX_TOKEN_LENGTH = 64;

  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
  private static final Pattern UNSPACED_SCRIPT =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}\\p{IsLao}\\p{IsKhmer}\\p{IsMyanmar}]");
  private static final Pattern WORDLIKE = Pattern.compile("[\\p{L}\\p{N}]");

  private SearchText() {
  }

  /**
   * Folded text: NFKD, combining marks dropped only after Latin, Greek and Cyrillic letters, lower
   * case in {@link Locale#ROOT}, the letters that do not decompose mapped by hand (ß→ss, ı→i,
   * æ→ae, œ→oe, ø→o, ł→l, đ/ð→d, þ→th, final ς→σ), then NFC.
   */
  public static String fold(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder kept = new StringBuilder(decomposed.length());
    boolean stripMarks = false;
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (isMark(cp)) {
        if (stripMarks) {
          continue;
        }
      } else {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        stripMarks = script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK
            || script == Character.UnicodeScript.CYRILLIC;
      }
      kept.appendCodePoint(cp);
    }
    String lower = kept.toString().toLowerCase(Locale.ROOT);
    StringBuilder mapped = new StringBuilder(lower.length() + 8);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      switch (c) {
        case 'ß' -> mapped.append("ss");
        case 'ı' -> mapped.append('i');
        case 'æ' -> mapped.append("ae");
        case 'œ' -> mapped.append("oe");
        case 'ø' -> mapped.append('o');
        case 'ł' -> mapped.append('l');
        case 'đ', 'ð' -> mapped.append('d');
        case 'þ' -> mapped.append("th");
        case 'ς' -> mapped.append('σ');
        default -> mapped.append(c);
      }
    }
    return Normalizer.normalize(mapped, Normalizer.Form.NFC);
  }

  /** The distinct words of {@code text}, folded, in the order they first appear. */
  public static List<String> tokens(String text) {
    return tokens(text, Integer.MAX_VALUE);
  }

  /** The first {@code max} distinct words of {@code text}, folded, in order. */
  public static List<String> tokens(String text, int max) {
    Set<String> out = new LinkedHashSet<>();
    String folded = fold(text);
    if (folded.isEmpty()) {
      return List.of();
    }
    for (String piece : SEPARATORS.split(folded)) {
      if (out.size() >= max) {
        break;
      }
      if (piece.isEmpty() || !WORDLIKE.matcher(piece).find()) {
        continue; // a mark alone is no word
      }
      if (UNSPACED_SCRIPT.matcher(piece).find()) {
        for (String word : segment(piece)) {
          if (out.size() >= max) {
            break;
          }
          out.add(cut(word));
        }
      } else {
        out.add(cut(piece));
      }
    }
    return new ArrayList<>(out);
  }

  private static List<String> segment(String run) {
    List<String> words = new ArrayList<>();
    BreakIterator boundaries = BreakIterator.getWordInstance(Locale.ROOT);
    boundaries.setText(run);
    int start = boundaries.first();
    for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
      String word = run.substring(start, end);
      if (WORDLIKE.matcher(word).find()) {
        words.add(word);
      }
    }
    return words;
  }

  private static String cut(String token) {
    if (token.codePointCount(0, token.length()) <= MAX_TOKEN_LENGTH) {
      return token;
    }
    return token.substring(0, token.offsetByCodePoints(0, MAX_TOKEN_LENGTH));
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
