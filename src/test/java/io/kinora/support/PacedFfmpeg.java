package io.kinora.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The system's ffmpeg and ffprobe, with ffmpeg reading its input at the clip's own pace
 * ({@code -re}): a 12 s clip takes 12 s to transcode on any machine. For tests that must act while
 * a transcode is under way (stop Redis, cut storage); hand {@link #dir} to {@code KINORA_FFMPEG_DIR}.
 */
public final class PacedFfmpeg {

  private PacedFfmpeg() {
  }

  /** Writes the two wrappers into {@code parent/paced-ffmpeg} and returns that directory. */
  public static Path dir(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("paced-ffmpeg"));
    // -re is an input option: first on the line, it applies to the job's one input file
    write(dir.resolve("ffmpeg"), "exec ffmpeg -re \"$@\"");
    write(dir.resolve("ffprobe"), "exec ffprobe \"$@\"");
    return dir;
  }

  /**
   * Wrappers in {@code parent/paced-ffmpeg} that pace ffmpeg only while {@code switchFile} exists:
   * a test deletes it to let the next run go at full speed.
   */
  public static Path whilePresent(Path parent, Path switchFile) throws IOException {
    return whilePresent(parent, switchFile, parent.resolve("never-there"));
  }

  /**
   * The same, and while {@code otherEncoder} exists, x264 runs {@code veryfast} where the node asks
   * for {@code ultrafast}: an encoder that writes other parameter sets, as another ffmpeg might.
   */
  public static Path whilePresent(Path parent, Path switchFile, Path otherEncoder) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("paced-ffmpeg"));
    write(dir.resolve("ffmpeg"), String.join("\n",
        "if [ -e '" + switchFile + "' ]; then exec ffmpeg -re \"$@\"; fi",
        "if [ -e '" + otherEncoder + "' ]; then",
        "  for a; do shift; [ \"$a\" = ultrafast ] && a=veryfast; set -- \"$@\" \"$a\"; done",
        "fi",
        "exec ffmpeg \"$@\""));
    write(dir.resolve("ffprobe"), "exec ffprobe \"$@\"");
    return dir;
  }

  private static void write(Path wrapper, String line) throws IOException {
    Files.writeString(wrapper, "#!/bin/sh\n" + line + "\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
