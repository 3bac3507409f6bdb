package io.kinora.platform.http;

import io.kinora.platform.error.KinoraException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load shedding: a node answers at most {@code max} requests at a time (across all its HTTP
 * verticles); one more is answered 503 with {@code Retry-After} at once, before it costs a Redis
 * or storage read, instead of joining a queue that would only grow. Streams (SSE) count while
 * they start and leave the count once streaming ({@link #streaming}): they are idle by nature.
 */
public final class InFlightLimit implements Handler<RoutingContext> {

  /** Seconds a shed client is told to wait: most bursts are over by then. */
  static final long RETRY_AFTER_SECONDS = 1;
  private static final String COUNTED = "kinora.inFlight";

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();

  public InFlightLimit(int max) {
    this.max = max;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.get(COUNTED) != null) {
      // a rerouted request (the web UI's pages) passes here again: it is already counted
      ctx.next();
      return;
    }
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      ctx.fail(KinoraException.overloaded(
          "This server is answering too many requests at once; try again in a moment.", RETRY_AFTER_SECONDS));
      return;
    }
    ctx.put(COUNTED, this);
    ctx.addEndHandler(done -> leave(ctx));
    ctx.next();
  }

  /** The request became a long-lived stream: it no longer counts against the limit. */
  public static void streaming(RoutingContext ctx) {
    InFlightLimit limit = ctx.get(COUNTED);
    if (limit != null) {
      limit.leave(ctx);
    }
  }

  private void leave(RoutingContext ctx) {
    if (ctx.remove(COUNTED) != null) {
      inFlight.decrementAndGet();
    }
  }

  /** Requests being answered now (for health and metrics). */
  public int inFlight() {
    return inFlight.get();
  }
}
