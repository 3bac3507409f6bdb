package io.kinora.platform.bus;

import java.time.Duration;

/**
 * Every event-bus address Kinora uses, and how long a request on one may take. Plain strings,
 * so any feature may use them without depending on the feature that consumes them.
 */
public final class Addresses {

  /** Request {id}: the upload is in storage; validate and enqueue once. Reply: the video JSON. */
  public static final String UPLOAD_COMPLETED = "kinora.upload.completed";

  /** Published (cluster-wide) when a job was enqueued, so idle transcoders poll at once. */
  public static final String JOBS_AVAILABLE = "kinora.jobs.available";

  /** Published (cluster-wide) on every status or progress change of a video. */
  public static final String VIDEO_STATUS = "kinora.video.status";

  /** Published (cluster-wide) with a video's id when its record was edited or deleted: caches forget it. */
  public static final String VIDEO_CHANGED = "kinora.video.changed";

  /**
   * Published (cluster-wide) once a video was removed for good: {@code {ownerId, video}}, the
   * video's last public JSON. Outgoing webhooks turn it into {@code video.deleted}.
   */
  public static final String VIDEO_DELETED = "kinora.video.deleted";

  /**
   * Published (cluster-wide) when a comment was added, edited or deleted: {@code {videoId, type,
   * comment}} with type {@code added|edited|deleted}; open watch pages get it over SSE.
   */
  public static final String VIDEO_COMMENT = "kinora.video.comment";

  /** Node-local fan-out of {@link #VIDEO_STATUS}, one address per video, for SSE streams. */
  private static final String SSE_VIDEO_PREFIX = "kinora.sse.video.";

  /** Completion does a storage stat and a Redis script: generous, but never unbounded. */
  public static final Duration UPLOAD_COMPLETED_TIMEOUT = Duration.ofSeconds(15);

  private Addresses() {
  }

  public static String sseVideo(String videoId) {
    return SSE_VIDEO_PREFIX + videoId;
  }
}
