package io.kinora.jobs;

/**
 * How this node takes part in the job queue.
 *
 * @param slots        jobs run at once on this node (0 = it never processes, only serves)
 * @param leaseSeconds how long a silent worker keeps its job before another node takes it over
 * @param maxAttempts  runs of one video before it fails for good
 */
public record JobSettings(int slots, int leaseSeconds, int maxAttempts) {

  /** The longest pause before a failed job runs again. */
  public static final long MAX_RETRY_PAUSE_MILLIS = 5 * 60_000L;

  public long leaseMillis() {
    return leaseSeconds * 1000L;
  }

  /**
   * How long a job that failed for a transient reason (storage or temp disk) waits before it runs
   * again: one lease after the first attempt, twice as long after each further one, at most
   * {@link #MAX_RETRY_PAUSE_MILLIS}. A blip passes unnoticed; an outage is not hammered.
   */
  public long retryPauseMillis(int attempt) {
    int doublings = Math.min(Math.max(0, attempt - 1), 20);
    return Math.min(MAX_RETRY_PAUSE_MILLIS, leaseMillis() << doublings);
  }
}
