package io.kinora.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Third-party browser code that is resolved at build time (hls.js comes from the npm registry
 * via its WebJar on Maven Central) rather than committed. Loaded once; it is immutable. The
 * light build: Kinora needs no subtitles, alternate audio or DRM, and it is 30% smaller.
 */
final class StaticAssets {

  private static final Buffer HLS_JS = load();

  private StaticAssets() {
  }

  static void hlsJs(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=86400")
        .end(HLS_JS);
  }

  private static Buffer load() {
    ClassLoader loader = StaticAssets.class.getClassLoader();
    try (InputStream props = loader.getResourceAsStream("kinora-build.properties")) {
      Properties build = new Properties();
      build.load(props);
      String path = "META-INF/resources/webjars/hls.js/" + build.getProperty("hlsjs.version") + "/dist/hls.light.min.js";
      try (InputStream js = loader.getResourceAsStream(path)) {
        if (js == null) {
          throw new IllegalStateException(path + " is missing: rebuild with mvn package");
        }
        return Buffer.buffer(js.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
