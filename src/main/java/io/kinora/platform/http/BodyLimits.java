package io.kinora.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * How much of a request body a route reads into memory, decided here for every route: a body
 * over its limit is refused with 413 before it is held whole. Bodies larger than any of these
 * (uploads, avatars) are streamed by their handlers instead ({@link ApiBodies}).
 */
public final class BodyLimits {

  /** The largest JSON or form body any API endpoint takes. */
  public static final long API_JSON = 64 * 1024;
  /** The largest storage notification (a MinIO bucket event) the webhook takes. */
  public static final long STORAGE_EVENT = 1024 * 1024;

  private BodyLimits() {
  }

  /** Reads the body whole, up to {@code limit} bytes; uploads are never written to disk here. */
  public static Handler<RoutingContext> readUpTo(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }
}
