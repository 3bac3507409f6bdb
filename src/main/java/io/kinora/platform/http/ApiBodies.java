package io.kinora.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * How API request bodies are read, in one place, before anything asynchronous (such as finding
 * out who is calling) can let the body slip past unread: JSON and form bodies are read whole, up
 * to {@link #LIMIT}; a {@code multipart/form-data} upload or a raw {@code image/*} body (an avatar
 * picture, larger than any JSON body) is paused instead, and the handler that streams it resumes
 * it once its own handlers are set ({@link FailureHandler} resumes a refused one).
 */
public final class ApiBodies implements Handler<RoutingContext> {

  /** The largest JSON body any API endpoint takes. */
  public static final long LIMIT = 64 * 1024;

  private final BodyHandler json = BodyHandler.create(false).setBodyLimit(LIMIT);

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (Bodies.isMultipartForm(contentType) || Bodies.isImage(contentType)) {
      ctx.request().pause();
      ctx.next();
    } else {
      json.handle(ctx);
    }
  }
}
