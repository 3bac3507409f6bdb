package io.kinora.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/**
 * Video IDs are the only key to a private video, so no page may leak its URL in a Referer; the
 * pages load nothing but this origin, blob: media/workers (hls.js) and storage for uploads.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private final String contentSecurityPolicy;

  public SecurityHeaders(String storageUrl) {
    this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; "
        + "connect-src 'self' " + origin(storageUrl) + "; "
        + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'";
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", contentSecurityPolicy);
    ctx.next();
  }
}
