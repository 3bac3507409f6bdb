package io.kinora.platform.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether a durable write waits for a replica now, and for how long. When no replica confirms in
 * time (it is down, or far behind), writes stop waiting for {@link #PAUSE_MILLIS} and then try
 * again: a missing replica costs one timeout every few seconds, not one per write.
 */
final class ReplicaWait {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaWait.class);
  static final long PAUSE_MILLIS = 5_000;

  private final long timeoutMillis;
  private final LongAdder unconfirmed = new LongAdder();
  private volatile long pausedUntilMillis;

  ReplicaWait(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
  }

  boolean waits() {
    return timeoutMillis > 0 && System.currentTimeMillis() >= pausedUntilMillis;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  /** What {@code WAIT} answered: how many replicas have the writes. */
  void answered(int replicas, String script) {
    if (replicas > 0) {
      return;
    }
    unconfirmed.increment();
    pausedUntilMillis = System.currentTimeMillis() + PAUSE_MILLIS;
    LOG.warn("no Redis replica confirmed the writes of {} within {} ms; writes go on without waiting for {} s",
        script, timeoutMillis, PAUSE_MILLIS / 1000);
  }

  /** Durable writes answered without a replica's confirmation since the node started. */
  long unconfirmed() {
    return unconfirmed.sum();
  }
}
