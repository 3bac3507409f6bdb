package io.kinora.transcode;

import io.kinora.video.SourceLoudness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code loudnorm}'s measurement of the source from ffmpeg's output: at the end of the run
 * it prints a JSON object, one {@code "name" : "value"} per line, among ffmpeg's other output.
 */
final class LoudnessReport {

  private static final Pattern FIELD = Pattern.compile("\"(input_i|input_tp|input_lra)\"\\s*:\\s*\"(-?[0-9.]+|-?inf)\"");

  private final Map<String, String> values = new ConcurrentHashMap<>();

  /** Called with every message ffmpeg writes; Jaffree hands the JSON over as one message of many lines. */
  void line(String message) {
    Matcher field = FIELD.matcher(message);
    while (field.find()) {
      values.put(field.group(1), field.group(2));
    }
  }

  /** The source's integrated loudness, true peak and loudness range; null if ffmpeg printed none, or silence (-inf). */
  SourceLoudness measured() {
    String integrated = values.get("input_i");
    String peak = values.get("input_tp");
    String range = values.get("input_lra");
    if (integrated == null || peak == null || range == null || integrated.endsWith("inf")) {
      return null;
    }
    return new SourceLoudness(Double.parseDouble(integrated), parse(peak), parse(range));
  }

  private static double parse(String value) {
    return value.endsWith("inf") ? (value.startsWith("-") ? -99 : 99) : Double.parseDouble(value);
  }
}
