package io.kinora.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one way tests wait: poll a probe until what it sees is what the test waits for, and fail
 * with what was awaited and the last thing seen when the time is up. A probe that throws an
 * exception (a service still coming back, a connection refused) just means "not yet"; an
 * {@link Error} (a failed assertion inside the probe) ends the wait at once.
 *
 * <p>This is the only place in the tests that sleeps between looks. A test that has to let time
 * pass (a lease that must lapse) says so where it does.
 */
public final class Await {

  /** The longest pause between two looks: short, so a test goes on soon after the condition holds. */
  private static final long MAX_PAUSE_MILLIS = 100;

  private Await() {
  }

  /** Waits until {@code condition} answers true. */
  public static void until(Duration timeout, String what, Callable<Boolean> condition) {
    until(timeout, what, condition, Boolean.TRUE::equals);
  }

  /** Waits until {@code done} holds for what {@code probe} answers; returns that answer. */
  public static <T> T until(Duration timeout, String what, Callable<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 5;
    Object last = "(no answer yet)";
    Exception lastFailure = null;
    while (true) {
      try {
        T seen = probe.call();
        last = seen;
        lastFailure = null;
        if (done.test(seen)) {
          return seen;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      } catch (Exception notYet) {
        lastFailure = notYet;
        last = notYet;
      }
      if (System.nanoTime() - deadline > 0) {
        AssertionError timedOut = new AssertionError("waited " + timeout + " for " + what + "; last seen: " + last);
        if (lastFailure != null) {
          timedOut.initCause(lastFailure);
        }
        throw timedOut;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }
  }

  /** Waits until {@code probe} answers something other than null; returns it. */
  public static <T> T value(Duration timeout, String what, Callable<T> probe) {
    return until(timeout, what, probe, seen -> seen != null);
  }
}
