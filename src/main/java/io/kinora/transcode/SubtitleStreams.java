package io.kinora.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text subtitle streams of an upload (SubRip, mov_text, WebVTT, ASS/SSA), and the one short
 * ffmpeg run that writes each as WebVTT. Picture-based subtitles (DVD, Blu-ray) are not text and
 * are left out; so are streams past the number of tracks a video may have.
 */
final class SubtitleStreams {

  /** The text subtitle codecs ffmpeg can write as WebVTT. */
  static final Set<String> TEXT_CODECS = Set.of("subrip", "srt", "mov_text", "webvtt", "ass", "ssa", "text");

  /** One text subtitle stream: its index in the file, its language tag as the file has it, its title. */
  record Stream(int index, String language, String title) {
  }

  private static final Map<String, String> TWO_LETTER_BY_THREE = twoLetterCodes();

  private SubtitleStreams() {
  }

  /** Writes stream {@code i} of {@code streams} to {@code dir/i.vtt}, all in one run. */
  static List<String> arguments(Path source, List<Stream> streams, Path dir) {
    List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
    args.addAll(SelfContainedInput.inputOptions());
    args.addAll(List.of("-i", source.toString()));
    for (int i = 0; i < streams.size(); i++) {
      args.addAll(List.of("-map", "0:" + streams.get(i).index(), "-c:s", "webvtt", "-f", "webvtt",
          dir.resolve(i + ".vtt").toString()));
    }
    return args;
  }

  /**
   * The BCP 47 tag of a file's language tag: containers write ISO 639-2 codes ({@code eng},
   * {@code fre}/{@code fra}), which become {@code en} and {@code fr}; none or unknown is {@code und}.
   */
  static String languageTag(String fromFile) {
    if (fromFile == null || fromFile.isBlank()) {
      return "und";
    }
    String code = fromFile.strip().toLowerCase(Locale.ROOT);
    if (code.matches("[a-z]{2}")) {
      return code;
    }
    return TWO_LETTER_BY_THREE.getOrDefault(code, code.matches("[a-z]{3}") ? code : "und");
  }

  private static Map<String, String> twoLetterCodes() {
    Map<String, String> codes = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      try {
        codes.put(new Locale(two).getISO3Language(), two);
      } catch (java.util.MissingResourceException none) {
        // a language without a three-letter code keeps none
      }
    }
    // ISO 639-2/B codes, which Matroska files often carry, beside the /T ones Java knows
    Map.of("fre", "fr", "ger", "de", "dut", "nl", "chi", "zh", "cze", "cs", "gre", "el", "per", "fa",
        "rum", "ro", "slo", "sk", "wel", "cy").forEach(codes::putIfAbsent);
    return Map.copyOf(codes);
  }
}
