package io.kinora.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookRetryScheduleTest {

  @Test
  void backsOffThenCapsAtFourHours() {
    assertEquals(Duration.ofSeconds(10), RetrySchedule.delayAfter(1));
    assertEquals(Duration.ofSeconds(30), RetrySchedule.delayAfter(2));
    assertEquals(Duration.ofMinutes(1), RetrySchedule.delayAfter(3));
    assertEquals(Duration.ofMinutes(5), RetrySchedule.delayAfter(4));
    assertEquals(Duration.ofHours(4), RetrySchedule.delayAfter(9));
    assertEquals(Duration.ofHours(4), RetrySchedule.delayAfter(50));
  }

  @Test
  void stopsOnceTheNextAttemptWouldFallOutsideTheWindow() {
    RetrySchedule schedule = new RetrySchedule(Duration.ofHours(24));
    long start = 1_000_000L;
    assertEquals(start + 10_000, schedule.nextAttemptMillis(1, start, start));
    long late = start + Duration.ofHours(22).toMillis();
    assertEquals(-1, schedule.nextAttemptMillis(12, start, late), "22 h + 4 h is past the window");
    assertEquals(late + 10_000, schedule.nextAttemptMillis(1, late, late), "a resend opens a new window");
  }

  @Test
  void aDayHoldsFourteenAttempts() {
    RetrySchedule schedule = new RetrySchedule(Duration.ofHours(24));
    long now = 0;
    int attempts = 1;
    while ((now = schedule.nextAttemptMillis(attempts, 0, now)) >= 0) {
      attempts++;
    }
    assertEquals(14, attempts, "the first, then 10 s, 30 s, 1, 5, 15, 30 min, 1, 2 h and 4 h four times (the last at 23.9 h)");
  }
}
