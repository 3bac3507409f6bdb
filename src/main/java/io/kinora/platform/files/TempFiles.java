package io.kinora.platform.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Work directories: removing them (best effort, since a leftover is swept at the next start) and
 * telling a full disk from other failures. Blocking.
 */
public final class TempFiles {

  private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

  private TempFiles() {
  }

  /** Below this much free space, a failed write is taken for a full disk. */
  static final long NEARLY_FULL_BYTES = 1024 * 1024;

  /**
   * Whether {@code failure} happened because the file system under {@code dir} is full: the error
   * says so (Java's and ffmpeg's "No space left on device", whatever wrapped it), or hardly any
   * space is left there now that the write failed. Blocking.
   */
  public static boolean outOfSpace(Path dir, Throwable failure, String... detail) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (saysNoSpace(t.getMessage())) {
        return true;
      }
    }
    for (String line : detail) {
      if (saysNoSpace(line)) {
        return true;
      }
    }
    long free = usableSpace(dir);
    return free >= 0 && free < NEARLY_FULL_BYTES;
  }

  /** Free bytes for this process on the file system holding {@code dir}; -1 when unknown. */
  public static long usableSpace(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean saysNoSpace(String message) {
    return message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("could not delete temp file {}", p, e);
        }
      });
    } catch (IOException e) {
      LOG.warn("could not clean temp dir {}", dir, e);
    }
  }
}
