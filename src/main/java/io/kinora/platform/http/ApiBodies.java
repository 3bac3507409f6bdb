package io.kinora.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * How API request bodies are read, in one place, before anything asynchronous (such as finding
 * out who is calling) can let the body slip past unread: JSON and form bodies are read whole, up
 * to {@link BodyLimits#API_JSON}; a {@code multipart/form-data} upload, a raw {@code image/*} body (an avatar
 * picture, larger than any JSON body) or a caption file ({@link Bodies#isCaptionFile}) is paused instead, and the handler that streams it resumes
 * it once its own handlers are set ({@link FailureHandler} resumes a refused one).
 */
public final class ApiBodies implements Handler<RoutingContext> {

  private final Handler<RoutingContext> json = BodyLimits.readUpTo(BodyLimits.API_JSON);

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (Bodies.isMultipartForm(contentType) || Bodies.isImage(contentType) || Bodies.isCaptionFile(contentType)) {
      ctx.request().pause();
      ctx.next();
    } else {
      json.handle(ctx);
    }
  }
}
