package io.kinora.video;

import io.kinora.platform.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Records a status change in Redis (the truth, which survives crashes) and then announces it on
 * the clustered event bus (which does not) for live viewers on any node.
 */
public final class StatusPublisher {

  private final Vertx vertx;
  private final VideoRepository videos;
  private final VideoCache cache;

  public StatusPublisher(Vertx vertx, VideoRepository videos, VideoCache cache) {
    this.vertx = vertx;
    this.videos = videos;
    this.cache = cache;
  }

  /** Announces a change whose sequence number a Redis script already assigned. */
  public void announce(StatusEvent event) {
    if (event.seq() > 0) {
      // here at once (the announcer reads its own write); other nodes' caches on the message
      cache.invalidate(event.videoId());
      vertx.eventBus().publish(Addresses.VIDEO_STATUS, event.toJson());
    }
  }

  /** A progress tick; ignored unless the video is still processing (a late tick never undoes ready). */
  public Future<Long> progress(String id, int progress) {
    return videos.setStatus(id, VideoStatus.PROCESSING, progress, null, VideoStatus.PROCESSING)
        .onSuccess(seq -> announce(new StatusEvent(id, VideoStatus.PROCESSING, progress, null, seq, true)));
  }
}
