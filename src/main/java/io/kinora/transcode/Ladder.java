package io.kinora.transcode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the renditions for a source. A rung's number is the output's short side, so portrait
 * video gets portrait renditions. Never upscales, keeps the display aspect ratio, even sizes;
 * a source smaller than the lowest rung gets one rendition at its own size.
 */
public final class Ladder {

  /** Top video bit rates (kbit/s) for the named rungs, x264 at 30 fps; others scale by area. */
  private static final int[][] KBPS = {{2160, 14000}, {1440, 8000}, {1080, 5000}, {720, 2800},
      {480, 1400}, {360, 800}, {240, 400}};

  private Ladder() {
  }

  /** One planned output. */
  public record Rung(String name, int width, int height, int videoKbps, H264Level level) {

    public int maxrateKbps() {
      return videoKbps * 107 / 100;
    }

    public int bufsizeKbps() {
      return videoKbps * 2;
    }

    public String codecs(boolean withAudio) {
      return "avc1.6400" + level.hex() + (withAudio ? ",mp4a.40.2" : "");
    }
  }

  public static List<Rung> plan(List<Integer> rungs, int width, int height, double fps) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("source size must be positive");
    }
    int shortSide = Math.min(width, height);
    boolean landscape = width >= height;
    List<Rung> plan = new ArrayList<>();
    rungs.stream().distinct().sorted(Comparator.reverseOrder())
        .filter(r -> r <= shortSide)
        .forEach(r -> {
          int w = landscape ? even((double) r * width / height, width) : even(r, width);
          int h = landscape ? even(r, height) : even((double) r * height / width, height);
          plan.add(rung(r + "p", w, h, fps));
        });
    if (plan.isEmpty()) {
      int w = even(width, width);
      int h = even(height, height);
      plan.add(rung(Math.min(w, h) + "p", w, h, fps));
    }
    return plan;
  }

  private static Rung rung(String name, int w, int h, double fps) {
    return new Rung(name, w, h, kbps(w, h, fps), H264Level.forFrame(w, h, fps));
  }

  static int kbps(int w, int h, double fps) {
    int shortSide = Math.min(w, h);
    double base = -1;
    for (int[] row : KBPS) {
      if (row[0] == shortSide) {
        base = row[1];
      }
    }
    if (base < 0) {
      // between named rungs: scale the 1080p rate by area (bits per pixel stay roughly level)
      base = 5000.0 * Math.pow((double) w * h / (1920 * 1080), 0.85);
    }
    double motion = fps > 31 ? 1.5 : 1.0;
    return (int) Math.max(150, Math.round(base * motion));
  }

  /** The even number nearest to {@code value} that does not exceed {@code max} (never upscale). */
  static int even(double value, int max) {
    long nearest = 2 * Math.round(value / 2);
    if (nearest > max) {
      nearest -= 2;
    }
    return (int) Math.max(2, nearest);
  }
}
