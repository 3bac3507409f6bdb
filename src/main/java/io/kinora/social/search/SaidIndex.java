package io.kinora.social.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each word of a video's captions is said: per word, the whole seconds at which its first
 * few cues start, so a search hit can link to the moment ({@code /watch/{id}?t=42}). Kept in
 * {@code kinora:search:said:{id}} (hash word → "12,42,97") by the same script that swaps the
 * video's postings, and bounded: {@link #MAX_WORDS} words a video, {@link #MAX_TIMES} times a word,
 * and the first {@link #MAX_CHARS} characters of its captions, so a sync stays a short task on the
 * event loop. The WebVTT read here is the form Kinora itself wrote ({@code CaptionFile.toWebVtt}):
 * a timing line starting with the cue's {@code HH:MM:SS.mmm}, then its text.
 */
final class SaidIndex {

  static final int MAX_WORDS = 500;
  static final int MAX_TIMES = 8;
  static final int MAX_CHARS = 512 * 1024;

  private SaidIndex() {
  }

  /** Word → start seconds, from the WebVTT of every track, in cue order, tracks in their order. */
  static Map<String, List<Integer>> of(Collection<String> webVtts) {
    Map<String, List<Integer>> said = new LinkedHashMap<>();
    int budget = MAX_CHARS;
    for (String vtt : webVtts) {
      int second = -1;
      for (String line : vtt.substring(0, Math.min(vtt.length(), Math.max(0, budget))).split("\n")) {
        if (line.contains(" --> ") && line.length() >= 12 && line.charAt(2) == ':') {
          second = Integer.parseInt(line.substring(0, 2)) * 3600 + Integer.parseInt(line.substring(3, 5)) * 60
              + Integer.parseInt(line.substring(6, 8));
        } else if (second >= 0 && !line.isEmpty()) {
          add(said, SearchText.tokens(line.replaceAll("<[^>]*>", " ")), second);
        }
      }
      budget -= vtt.length();
    }
    return said;
  }

  private static void add(Map<String, List<Integer>> said, List<String> words, int second) {
    for (String word : words) {
      List<Integer> times = said.get(word);
      if (times == null) {
        if (said.size() >= MAX_WORDS) {
          continue;
        }
        times = new ArrayList<>();
        said.put(word, times);
      }
      if (times.size() < MAX_TIMES && !times.contains(second)) {
        times.add(second);
      }
    }
  }

  /** The hash the script writes: word, "s1,s2,…", word, … */
  static List<String> fields(Map<String, List<Integer>> said) {
    List<String> fields = new ArrayList<>();
    said.forEach((word, times) -> {
      fields.add(word);
      fields.add(String.join(",", times.stream().map(String::valueOf).toList()));
    });
    return fields;
  }

  /**
   * The moment that says most of the query's words: the start second shared by the most of them,
   * the earliest on a tie; -1 when none of them is said.
   *
   * @param timesByWord each query word's stored times ("12,42"), null for a word never said
   */
  static int moment(List<String> timesByWord) {
    Map<Integer, Integer> words = new LinkedHashMap<>();
    for (String times : timesByWord) {
      if (times == null || times.isEmpty()) {
        continue;
      }
      for (String t : times.split(",")) {
        words.merge(Integer.parseInt(t), 1, Integer::sum);
      }
    }
    int best = -1;
    int bestCount = 0;
    for (Map.Entry<Integer, Integer> e : words.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
