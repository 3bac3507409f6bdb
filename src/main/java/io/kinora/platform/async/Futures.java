package io.kinora.platform.async;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Helpers for futures shared between callers on different event loops. */
public final class Futures {

  private Futures() {
  }

  /**
   * {@code shared} as seen from the calling context: its callbacks run on the caller's own event
   * loop, not on whichever thread completed it (a request's handlers must stay on its loop).
   */
  public static <T> Future<T> onCallersContext(Future<T> shared) {
    Context caller = Vertx.currentContext();
    if (caller == null || shared.isComplete()) {
      return shared;
    }
    Promise<T> answer = Promise.promise();
    shared.onComplete(result -> {
      if (Vertx.currentContext() == caller) {
        answer.handle(result);
      } else {
        caller.runOnContext(v -> answer.handle(result));
      }
    });
    return answer.future();
  }
}
