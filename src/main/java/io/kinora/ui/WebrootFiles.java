package io.kinora.ui;

import io.vertx.core.file.FileSystem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The text files under {@code webroot/}, by the URL path they are served at ({@code /js/lib/api.js}).
 * Reads block: the node reads through Vert.x's file system on a worker thread, which resolves
 * {@code webroot/} the way the static handler does (the working directory, else the jar), and
 * tests read the repository's files directly.
 */
@FunctionalInterface
interface WebrootFiles {

  /** The file served at {@code urlPath}, or null when there is none. */
  Text read(String urlPath);

  record Text(String content, Instant modified) {
  }

  static WebrootFiles of(FileSystem fs) {
    return urlPath -> {
      String path = "webroot" + urlPath;
      if (!fs.existsBlocking(path)) {
        return null;
      }
      return new Text(fs.readFileBlocking(path).toString(StandardCharsets.UTF_8),
          Instant.ofEpochMilli(fs.propsBlocking(path).lastModifiedTime()));
    };
  }
}
