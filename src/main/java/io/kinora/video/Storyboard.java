package io.kinora.video;

import io.vertx.core.json.JsonObject;

/**
 * The thumbnails shown above the seek bar: one every {@code intervalMillis} (2 s, or longer so a
 * long video gets at most {@link #MAX_THUMBNAILS}), drawn by the ladder's ffmpeg run into JPEG
 * sheets of {@code columns x rows} tiles of {@code tileWidth x tileHeight}. Thumbnail {@code i}
 * shows the frame at {@code i * interval}; it is tile {@code i % (columns * rows)} of sheet
 * {@code i / (columns * rows) + 1}, read left to right, top to bottom. The layout is stored with
 * the video (hash field {@code storyboard}), so changing these constants never misreads old sheets.
 */
public record Storyboard(long intervalMillis, int count, int columns, int rows, int tileWidth, int tileHeight) {

  public static final long MIN_INTERVAL_MILLIS = 2000;
  public static final int MAX_THUMBNAILS = 200;
  public static final int COLUMNS = 10;
  public static final int ROWS = 10;
  /** The long side of a tile; the short side follows the video's display aspect (160x90 for 16:9). */
  public static final int TILE_LONG_SIDE = 160;

  /** The plan for a video of this duration and display size. */
  public static Storyboard plan(double durationSeconds, int width, int height) {
    long durationMillis = Math.max(1, Math.round(durationSeconds * 1000));
    long interval = Math.max(MIN_INTERVAL_MILLIS, ceilDiv(durationMillis, MAX_THUMBNAILS));
    int count = (int) Math.max(1, ceilDiv(durationMillis, interval));
    int tileWidth = TILE_LONG_SIDE;
    int tileHeight = TILE_LONG_SIDE;
    if (width > 0 && height > 0) {
      if (width >= height) {
        tileHeight = even((double) TILE_LONG_SIDE * height / width);
      } else {
        tileWidth = even((double) TILE_LONG_SIDE * width / height);
      }
    }
    return new Storyboard(interval, count, COLUMNS, ROWS, tileWidth, tileHeight);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static int even(double value) {
    return (int) Math.max(2, 2 * Math.round(value / 2));
  }

  public int perSheet() {
    return columns * rows;
  }

  public int sheets() {
    return (count + perSheet() - 1) / perSheet();
  }

  /** ffmpeg's {@code fps} value: one frame per interval, as an exact ratio. */
  public String fps() {
    return "1000/" + intervalMillis;
  }

  /** File name of sheet {@code number} (from 1), what ffmpeg's {@code sheet_%03d.jpg} writes. */
  public static String sheetName(int number) {
    return String.format(java.util.Locale.ROOT, "sheet_%03d.jpg", number);
  }

  /** Sheet (from 1) holding thumbnail {@code i}. */
  public int sheetOf(int i) {
    return i / perSheet() + 1;
  }

  public int xOf(int i) {
    return (i % columns) * tileWidth;
  }

  public int yOf(int i) {
    return (i % perSheet()) / columns * tileHeight;
  }

  public JsonObject toJson() {
    return new JsonObject().put("intervalMillis", intervalMillis).put("count", count).put("columns", columns)
        .put("rows", rows).put("tileWidth", tileWidth).put("tileHeight", tileHeight);
  }

  /** The stored layout, or null for a video processed before storyboards existed. */
  public static Storyboard fromStored(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      return null;
    }
    JsonObject j = new JsonObject(encoded);
    return new Storyboard(j.getLong("intervalMillis"), j.getInteger("count"), j.getInteger("columns"),
        j.getInteger("rows"), j.getInteger("tileWidth"), j.getInteger("tileHeight"));
  }
}
