package io.kinora.video;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * What Kinora accepts, defined once: the API checks it, the UI reads it from {@code GET
 * /api/limits}, the tests use the same constants. Anything beyond fails fast, before minutes of
 * CPU are spent.
 */
public record VideoLimits(long maxBytes, long maxDurationSeconds, int maxDimension) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 5000;
  public static final int MAX_FILENAME = 255;

  /** What the UI needs to know, as {@code GET /api/limits} answers it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("maxTitleLength", MAX_TITLE)
        .put("maxDescriptionLength", MAX_DESCRIPTION)
        .put("maxFilenameLength", MAX_FILENAME)
        .put("maxUploadBytes", maxBytes)
        .put("maxDurationSeconds", maxDurationSeconds)
        .put("maxDimension", maxDimension);
  }

  public String tooLarge(long size) {
    return "The file is " + humanBytes(size) + ", larger than the " + humanBytes(maxBytes)
        + " upload limit. Compress or trim it and upload again.";
  }

  public static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    do {
      value /= 1024;
      unit++;
      // decide the unit after rounding, so 1048575 bytes reads "1 MiB", not "1024.0 KiB"
    } while (Math.round(value * 10) / 10.0 >= 1024 && unit < units.length - 1);
    if (Math.round(value * 10) / 10.0 >= 1024 && unit < units.length - 1) {
      value = 1023.9;
    }
    double rounded = Math.round(value * 10) / 10.0;
    return (rounded == Math.rint(rounded) ? String.format(Locale.ROOT, "%.0f", rounded)
        : String.format(Locale.ROOT, "%.1f", rounded)) + " " + units[unit];
  }

  public static String humanDuration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    long h = s / 3600;
    long m = (s % 3600) / 60;
    if (h == 0) {
      return m + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    return h + " h" + (m == 0 ? "" : " " + m + " min");
  }
}
