package io.kinora.video;

import io.vertx.core.Future;

/**
 * Records a status change in Redis (the truth, which survives crashes) and then announces it on
 * the clustered event bus (which does not) for live viewers on any node.
 */
public final class StatusPublisher {

  private final VideoRepository videos;
  private final VideoChanges changes;

  public StatusPublisher(VideoRepository videos, VideoChanges changes) {
    this.videos = videos;
    this.changes = changes;
  }

  /** Announces a change whose sequence number a Redis script already assigned. */
  public void announce(StatusEvent event) {
    if (event.seq() > 0) {
      changes.announce(event);
    }
  }

  /** A progress tick; ignored unless the video is still processing (a late tick never undoes ready). */
  public Future<Long> progress(String id, int progress, boolean playable) {
    return videos.setStatus(id, VideoStatus.PROCESSING, progress, null, VideoStatus.PROCESSING)
        .onSuccess(seq -> announce(new StatusEvent(id, VideoStatus.PROCESSING, progress, null, seq, true, playable)));
  }

  /** The video plays while processing from now on (the sequence number came from the script that said so). */
  public void playable(String id, int progress, long seq) {
    announce(new StatusEvent(id, VideoStatus.PROCESSING, progress, null, seq, false, true));
  }
}
