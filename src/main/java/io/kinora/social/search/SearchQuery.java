package io.kinora.social.search;

import io.kinora.platform.error.KinoraException;

import java.util.List;

/**
 * What a person asked for, made into bounded work: the words (folded like the documents), of
 * which the last one, when it is at least {@link #MIN_PREFIX} characters long, also matches as the
 * beginning of a longer word ("brul" finds "brûlée"). At most {@link #MAX_WORDS} words count, so
 * the scores of a match stay exact (see {@link SearchIndex#score}).
 *
 * @param words      whole words every result must contain (possibly empty)
 * @param prefix     the last word as a prefix, or null
 * @param normalized the query as searched, the name of its cached result ({@code "creme brul*"})
 */
public record SearchQuery(List<String> words, String prefix, String normalized) {

  public static final int MAX_LENGTH = 200;
  public static final int MAX_WORDS = 8;
  /** A one-letter prefix would stand for an arbitrary first few words of the alphabet. */
  public static final int MIN_PREFIX = 2;

  /**
   * Parses {@code q} (the raw parameter). Refuses a missing or blank one and one longer than
   * {@link #MAX_LENGTH} characters after trimming; words past the eighth are left out.
   */
  public static SearchQuery parse(String q) {
    String trimmed = q == null ? "" : q.strip();
    if (trimmed.isEmpty()) {
      throw KinoraException.invalid("Type a word to search for: 'q' is empty.");
    }
    if (trimmed.length() > MAX_LENGTH) {
      throw KinoraException.invalid("A search is at most " + MAX_LENGTH + " characters long: shorten 'q' to its most telling words.");
    }
    List<String> tokens = SearchText.tokens(trimmed, MAX_WORDS);
    if (tokens.isEmpty()) {
      return new SearchQuery(List.of(), null, "");
    }
    String last = tokens.get(tokens.size() - 1);
    if (last.codePointCount(0, last.length()) < MIN_PREFIX) {
      return new SearchQuery(tokens, null, String.join(" ", tokens));
    }
    List<String> words = tokens.subList(0, tokens.size() - 1);
    String normalized = (words.isEmpty() ? "" : String.join(" ", words) + " ") + last + "*";
    return new SearchQuery(List.copyOf(words), last, normalized);
  }

  /** True when nothing searchable is left ("?!" or only marks): no result, no work. */
  public boolean isEmpty() {
    return words.isEmpty() && prefix == null;
  }
}
