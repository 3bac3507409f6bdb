package io.kinora.app;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * A node's start while its storage or Redis cannot be reached yet. Each step that needs them is
 * tried again, with backoff, for as long as it takes: on a cluster's first start, one node's
 * storage may come up after another node. Until then {@link #waitingFor()} says what is missing,
 * for {@code /health}. A step that fails for any other reason (a bug, bad data) fails the start.
 */
final class WaitingForParts {

  private static final Logger LOG = LoggerFactory.getLogger(WaitingForParts.class);
  static final long FIRST_DELAY_MILLIS = 500;
  static final long MAX_DELAY_MILLIS = 10_000;

  private final Vertx vertx;
  private volatile String waitingFor = "the first answers of storage and Redis";

  WaitingForParts(Vertx vertx) {
    this.vertx = vertx;
  }

  /** What the node still waits for, in words for an operator. */
  String waitingFor() {
    return waitingFor;
  }

  /** Runs {@code attempt} until it succeeds, or fails for another reason than an unreachable part. */
  <T> Future<T> retry(String step, Supplier<Future<T>> attempt) {
    Promise<T> done = Promise.promise();
    tryOnce(step, attempt, FIRST_DELAY_MILLIS, 1, done);
    return done.future();
  }

  private <T> void tryOnce(String step, Supplier<Future<T>> attempt, long delay, int tries, Promise<T> done) {
    attempt.get().onComplete(result -> {
      if (result.succeeded()) {
        if (tries > 1) {
          LOG.info("{}: done after {} attempts; the node goes on starting", step, tries);
        }
        done.complete(result.result());
      } else if (unreachable(result.cause())) {
        waitingFor = step + ": " + reason(result.cause()) + " (attempt " + tries + ", next in "
            + Math.max(1, delay / 1000) + " s)";
        LOG.warn("Kinora waits before it can start. {}", waitingFor);
        vertx.setTimer(delay, t -> tryOnce(step, attempt, Math.min(delay * 2, MAX_DELAY_MILLIS), tries + 1, done));
      } else {
        done.fail(result.cause());
      }
    });
  }

  static boolean unreachable(Throwable failure) {
    return failure instanceof KinoraException k && k.code() == ErrorCode.UNAVAILABLE;
  }

  /** The message and the deepest cause's ("Storage did not answer …: Connection refused"). */
  static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getMessage();
    return root == failure || root.getMessage() == null ? message : message + " (" + root.getMessage() + ")";
  }
}
