package io.kinora.platform.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing work directories; best effort, since a leftover is swept at the next start. Blocking. */
public final class TempFiles {

  private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

  private TempFiles() {
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
