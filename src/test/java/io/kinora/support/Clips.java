package io.kinora.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media, generated with ffmpeg at test time (no media is committed). */
public final class Clips {

  private Clips() {
  }

  /** A test pattern with a tone: {@code seconds} long, {@code w}x{@code h}, H.264/AAC MP4. */
  public static Path mp4(Path dir, String name, int w, int h, double seconds) throws IOException {
    return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "testsrc2=size=" + w + "x" + h + ":rate=30:duration=" + seconds,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart");
  }

  /** Runs ffmpeg with the given arguments (before the output path) and returns the output. */
  public static Path ffmpeg(Path output, String... args) throws IOException {
    Files.createDirectories(output.getParent());
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
    command.addAll(List.of(args));
    command.add(output.toString());
    run(command);
    return output;
  }

  public static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
