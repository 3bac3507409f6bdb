package io.kinora.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Third-party browser code that is resolved at build time (hls.js comes from the npm registry
 * via its WebJar on Maven Central; dash.js, which has no WebJar, from the npm registry's tarball,
 * pinned by its sha512 in pom.xml) rather than committed. Loaded once; it is immutable. The full
 * hls.js build, not the light one: fMP4 videos carry their audio as an alternate-audio rendition
 * (an EXT-X-MEDIA group), which the light build cannot play.
 */
final class StaticAssets {

  private static final Buffer HLS_JS = load();
  /** dash.js from the npm registry's tarball, unpacked by the build (pom.xml, sha512-pinned). */
  private static final String DASH_JS_PATH = "vendor/dash.all.min.js";
  private static final Buffer DASH_JS = loadDash();

  private StaticAssets() {
  }

  static void hlsJs(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=86400")
        .end(HLS_JS);
  }

  static void dashJs(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=86400")
        .end(DASH_JS);
  }

  private static Buffer loadDash() {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(DASH_JS_PATH)) {
      if (in == null) {
        throw new IllegalStateException(DASH_JS_PATH + " is missing: rebuild with mvn package");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Buffer load() {
    ClassLoader loader = StaticAssets.class.getClassLoader();
    try (InputStream props = loader.getResourceAsStream("kinora-build.properties")) {
      Properties build = new Properties();
      build.load(props);
      String path = "META-INF/resources/webjars/hls.js/" + build.getProperty("hlsjs.version") + "/dist/hls.min.js";
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
