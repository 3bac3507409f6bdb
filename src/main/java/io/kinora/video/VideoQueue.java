package io.kinora.video;

import io.vertx.core.Future;

/**
 * Where a video waits to be processed once its original is in storage. The upload feature puts
 * videos in; the jobs feature implements it (a durable Redis queue) and takes them out.
 */
public interface VideoQueue {

  /** Whether this call queued the video, and the event sequence number of its new status. */
  record Enqueued(boolean queued, long seq) {
  }

  /**
   * Idempotent: only a video still awaiting its upload is queued, exactly once, pinned to the
   * original as it is now ({@code originalEtag}): the job processes that file or none.
   */
  Future<Enqueued> enqueue(String videoId, long sizeBytes, String originalEtag);
}
