package io.kinora.transcode;

import io.kinora.video.Storyboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The second, short ffmpeg run that tiles the ladder run's storyboard thumbnails into sheets of
 * {@code columns x rows} (the last one partial): about 0.1 s for 200 thumbnails of 160x90. The
 * thumbnails are JPEGs this node just wrote; nothing else is read.
 */
public final class StoryboardSheets {

  /** The ladder run's thumbnail files, numbered from 1 (ffmpeg's image2 pattern). */
  static final String THUMBNAILS = "thumb_%04d.jpg";

  private StoryboardSheets() {
  }

  /** How many thumbnails the ladder run wrote into {@code dir}: 1, 2, ... without a gap. */
  static int written(Path dir) {
    int n = 0;
    while (Files.exists(dir.resolve(String.format(Locale.ROOT, THUMBNAILS, n + 1)))) {
      n++;
    }
    return n;
  }

  static List<String> arguments(Path thumbnailDir, Storyboard board, Path sheetDir) {
    return List.of("-hide_banner", "-nostdin", "-protocol_whitelist", "file", "-f", "image2",
        "-framerate", "1", "-start_number", "1", "-i", thumbnailDir.resolve(THUMBNAILS).toString(),
        "-vf", "tile=" + board.columns() + "x" + board.rows(), "-fps_mode", "passthrough", "-q:v", "5",
        "-f", "image2", sheetDir.resolve("sheet_%03d.jpg").toString());
  }

  /** The storyboard the sheets hold: the plan's layout, as many thumbnails as were drawn. */
  static Storyboard drawn(Storyboard planned, int thumbnails) {
    return new Storyboard(planned.intervalMillis(), Math.min(planned.count(), thumbnails), planned.columns(),
        planned.rows(), planned.tileWidth(), planned.tileHeight());
  }
}
