package io.kinora.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * When a failed delivery is tried again: quickly at first (a receiver restarting), then further
 * apart, capped at 4 hours, until the retry window after the event has passed.
 */
public final class RetrySchedule {

  private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

  private final Duration window;

  public RetrySchedule(Duration window) {
    this.window = window;
  }

  /** The pause after the {@code attempt}-th failed attempt (1 for the first). */
  public static Duration delayAfter(int attempt) {
    return DELAYS.get(Math.min(Math.max(attempt, 1), DELAYS.size()) - 1);
  }

  /** When to try again after the {@code attempt}-th failure at {@code nowMillis}; -1 when the window is over. */
  public long nextAttemptMillis(int attempt, long windowStartMillis, long nowMillis) {
    long next = nowMillis + delayAfter(attempt).toMillis();
    return next > windowStartMillis + window.toMillis() ? -1 : next;
  }
}
