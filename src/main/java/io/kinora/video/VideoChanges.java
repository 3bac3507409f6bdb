package io.kinora.video;

import io.kinora.platform.bus.Addresses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Announces that a video's record changed (edited, deleted, or its status moved): this node's
 * {@link VideoCache} forgets it before the change is acknowledged, so the caller reads its own
 * write, and every other node's forgets it when the announcement arrives ({@link VideoCacheVerticle}).
 */
public final class VideoChanges {

  private final EventBus bus;
  private final VideoCache cache;

  public VideoChanges(EventBus bus, VideoCache cache) {
    this.bus = bus;
    this.cache = cache;
  }

  public void announce(String videoId) {
    cache.invalidate(videoId);
    bus.publish(Addresses.VIDEO_CHANGED, videoId);
  }

  /** A status change, which live viewers on every node also receive. */
  public void announce(StatusEvent event) {
    cache.invalidate(event.videoId());
    bus.publish(Addresses.VIDEO_STATUS, event.toJson());
  }

  /** The video is gone for good; its last JSON goes with the news (for outgoing webhooks). */
  public void announceRemoved(Video video) {
    bus.publish(Addresses.VIDEO_DELETED, new JsonObject().put("ownerId", video.ownerId()).put("video", video.toJson()));
  }
}
