package io.kinora.social.comments;

import io.kinora.platform.bus.Addresses;
import io.kinora.video.VideoChanges;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Tells the cluster what changed: every node's SSE streams hear each comment ({@link
 * Addresses#VIDEO_COMMENT}), and every node's video cache forgets a video whose counters or
 * switch changed ({@link VideoChanges}: this node's at once, so the writer reads its own write).
 */
final class CommentNews {

  private final EventBus bus;
  private final VideoChanges changes;

  CommentNews(EventBus bus, VideoChanges changes) {
    this.bus = bus;
    this.changes = changes;
  }

  void added(String videoId, JsonObject comment) {
    comment(videoId, "added", comment);
    videoChanged(videoId);
  }

  void edited(String videoId, JsonObject comment) {
    comment(videoId, "edited", comment);
  }

  /** {@code remains}: the comment stays as a "deleted" placeholder because it has replies. */
  void deleted(String videoId, String id, String parentId, boolean remains) {
    comment(videoId, "deleted", new JsonObject().put("id", id).put("parentId", parentId).put("deleted", true)
        .put("remains", remains));
  }

  void videoChanged(String videoId) {
    changes.announce(videoId);
  }

  private void comment(String videoId, String type, JsonObject comment) {
    bus.publish(Addresses.VIDEO_COMMENT, new JsonObject().put("videoId", videoId).put("type", type)
        .put("comment", comment));
  }
}
