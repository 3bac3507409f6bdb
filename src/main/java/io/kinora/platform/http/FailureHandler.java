package io.kinora.platform.http;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where failures become HTTP answers: a {@link KinoraException}'s code picks the
 * status, Vert.x Web's own 4xx keep theirs, backend trouble is a 503 worth retrying, and anything
 * else is a 500 with the details in the log, never in the response.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  public static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case EXPIRED -> 410;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case RANGE_NOT_SATISFIABLE -> 416;
      case TOO_MANY_REQUESTS -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      // a refused upload may still be paused (ApiBodies): let its bytes drain while we answer
      ctx.request().resume();
    }
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof KinoraException known) {
      // backend trouble is worth a line in the log; a shed request (no cause) would flood it
      if (known.code() == ErrorCode.UNAVAILABLE && known.getCause() != null) {
        LOG.atWarn().addKeyValue("requestId", RequestIds.of(ctx))
            .log("request {} {} failed: {}", ctx.request().method(), ctx.request().path(), describe(known));
      }
      retryAfter(ctx, known.retryAfterSeconds());
      Responses.error(ctx, status(known.code()), known.getMessage());
    } else if (status == 413) {
      Responses.error(ctx, 413, "The request body is too large.");
    } else if (status >= 400 && status < 500) {
      Responses.error(ctx, status, failure != null && failure.getMessage() != null
          ? failure.getMessage() : defaultMessage(status));
    } else if (isBackendTrouble(failure)) {
      LOG.atWarn().addKeyValue("requestId", RequestIds.of(ctx))
          .log("request {} {} failed: {}", ctx.request().method(), ctx.request().path(), String.valueOf(failure));
      retryAfter(ctx, KinoraException.UNAVAILABLE_RETRY_SECONDS);
      Responses.error(ctx, 503, "A backing service (Redis or storage) did not answer; try again in a moment.");
    } else {
      LOG.atError().addKeyValue("requestId", RequestIds.of(ctx)).setCause(failure)
          .log("request {} {} failed", ctx.request().method(), ctx.request().path());
      Responses.error(ctx, 500, "Something went wrong on this server; the operator can find it in the log.");
    }
  }

  private static void retryAfter(RoutingContext ctx, long seconds) {
    if (seconds > 0 && !ctx.response().headWritten()) {
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
    }
  }

  private static String describe(KinoraException e) {
    return e.getCause() == null ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
  }

  /** Connection, timeout and Redis errors: worth retrying, unlike a bug. */
  private static boolean isBackendTrouble(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException
          || t.getClass().getName().startsWith("io.vertx.redis.")) {
        return true;
      }
    }
    return failure == null;
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 404 -> "Not found.";
      case 405 -> "Method not allowed here.";
      case 415 -> "Unsupported content type.";
      default -> "Bad request.";
    };
  }
}
