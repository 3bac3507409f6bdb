package io.kinora.video;

import io.vertx.core.Future;


/**
 * Turns an uploaded original into something playable. The job runner calls it without knowing
 * how (today: one ffmpeg run, see the transcode feature); the app hands the implementation in.
 */
public interface VideoProcessor {

  /**
   * @param attempt      1 for the first run of this video; each attempt writes under its own prefix
   * @param originalEtag the original's ETag when its upload completed: any other file (written later
   *                     through a still-valid upload URL) is refused; blank for videos completed before
   *                     originals were pinned
   * @param earlier      what an interrupted earlier attempt stored, which this one may continue; null if none
   * @param listener     hears progress and the segments stored so far
   */
  Future<ProcessingOutcome> process(String videoId, int attempt, String originalEtag, EarlierRun earlier,
                                    ProcessingListener listener);

  /** Stops the run for this video at once, if one is going (node stop, lease lost). */
  void cancel(String videoId);
}
