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

  private static final Buffer HLS_JS =
      resource("META-INF/resources/webjars/hls.js/" + pinned("hlsjs.version") + "/dist/hls.min.js");
  /** dash.js from the npm registry's tarball, unpacked by the build (pom.xml, sha512-pinned). */
  private static final String DASH_JS_PATH = "vendor/dash.all.min.js";
  private static final Buffer DASH_JS = resource(DASH_JS_PATH);

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

  /** A file on the classpath, read once at start: the build put it there. */
  static Buffer resource(String path) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing: rebuild with mvn package");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A version the build pinned (pom.xml), from {@code kinora-build.properties}. */
  static String pinned(String property) {
    try (InputStream props = StaticAssets.class.getClassLoader().getResourceAsStream("kinora-build.properties")) {
      Properties build = new Properties();
      build.load(props);
      return build.getProperty(property);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
