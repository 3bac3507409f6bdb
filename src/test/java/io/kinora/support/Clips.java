package io.kinora.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test media, generated with ffmpeg at test time (no media is committed). Each distinct clip is
 * made once per test run and kept in a temp directory; asking for it again, under any name,
 * copies it.
 */
public final class Clips {

  private static final Map<String, Path> MADE = new HashMap<>();
  private static Path cache;

  private Clips() {
  }

  /**
   * The short standard clip: 1 s of 320x240 test pattern with a tone. Enough for any test that
   * needs "a video that becomes ready" and nothing particular about it.
   */
  public static Path shortClip() throws IOException {
    return mp4(cacheDir(), "short.mp4", 320, 240, 1);
  }

  /** A test pattern with a tone: {@code seconds} long, {@code w}x{@code h}, 30 fps, H.264/AAC MP4. */
  public static Path mp4(Path dir, String name, int w, int h, double seconds) throws IOException {
    return mp4(dir, name, w, h, seconds, 30);
  }

  /** The same at {@code fps} frames a second: fewer frames are quicker to transcode. */
  public static Path mp4(Path dir, String name, int w, int h, double seconds, int fps) throws IOException {
    return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "testsrc2=size=" + w + "x" + h + ":rate=" + fps + ":duration=" + seconds,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart");
  }

  /**
   * Runs ffmpeg with the given arguments (before the output path) and returns the output; the
   * same arguments and file type a second time copy the first result instead.
   */
  public static synchronized Path ffmpeg(Path output, String... args) throws IOException {
    Files.createDirectories(output.getParent());
    String name = output.getFileName().toString();
    String key = name.substring(name.lastIndexOf('.') + 1) + " " + String.join(" ", args);
    Path made = MADE.get(key);
    if (made == null) {
      made = cacheDir().resolve("clip-" + MADE.size() + name.substring(name.lastIndexOf('.')));
      List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
      command.addAll(List.of(args));
      command.add(made.toString());
      run(command);
      MADE.put(key, made);
    }
    // a copy already there is left alone: rewriting it would change its mtime under a test in
    // another class that is resuming an upload of it (kinora-upload keys its state by mtime)
    if (!output.equals(made) && !(Files.exists(output) && Files.mismatch(made, output) == -1)) {
      Files.copy(made, output, StandardCopyOption.REPLACE_EXISTING);
    }
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

  private static synchronized Path cacheDir() throws IOException {
    if (cache == null) {
      cache = Files.createTempDirectory("kinora-clips-");
      Path dir = cache;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    }
    return cache;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
