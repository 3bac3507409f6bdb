package io.kinora.video;

import io.vertx.core.json.JsonObject;

/**
 * One change of a video's state as it travels the event bus and reaches SSE clients.
 * {@code seq} is the per-video sequence number Redis assigned: SSE's event id. {@code playable}
 * is {@link Video#playable}: a watch page starts its player on it, even while processing.
 */
public record StatusEvent(String videoId, VideoStatus status, int progress, String error,
                          long seq, boolean progressOnly, boolean playable) {

  /** A change that is not about early playback: playable exactly when ready. */
  public StatusEvent(String videoId, VideoStatus status, int progress, String error, long seq, boolean progressOnly) {
    this(videoId, status, progress, error, seq, progressOnly, status == VideoStatus.READY);
  }

  public static StatusEvent of(Video video) {
    return new StatusEvent(video.id(), video.status(), video.progress(), video.error(), video.seq(), false,
        video.playable());
  }

  /** The SSE event name: {@code progress} for progress ticks, {@code status} otherwise. */
  public String eventName() {
    return progressOnly ? "progress" : "status";
  }

  public JsonObject data() {
    JsonObject json = new JsonObject().put("status", status.wire()).put("progress", progress)
        .put("playable", playable);
    if (error != null && !error.isEmpty()) {
      json.put("error", error);
    }
    return json;
  }

  public JsonObject toJson() {
    return data().put("id", videoId).put("seq", seq).put("progressOnly", progressOnly);
  }

  public static StatusEvent fromJson(JsonObject j) {
    return new StatusEvent(j.getString("id"), VideoStatus.fromWire(j.getString("status")),
        j.getInteger("progress", 0), j.getString("error"), j.getLong("seq"),
        j.getBoolean("progressOnly", false), j.getBoolean("playable", false));
  }
}
