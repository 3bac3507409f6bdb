package io.kinora.jobs;

/**
 * How this node takes part in the job queue.
 *
 * @param slots        jobs run at once on this node (0 = it never processes, only serves)
 * @param leaseSeconds how long a silent worker keeps its job before another node takes it over
 * @param maxAttempts  runs of one video before it fails for good
 */
public record JobSettings(int slots, int leaseSeconds, int maxAttempts) {

  public long leaseMillis() {
    return leaseSeconds * 1000L;
  }
}
