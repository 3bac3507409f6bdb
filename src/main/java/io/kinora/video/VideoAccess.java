package io.kinora.video;

import io.kinora.platform.error.KinoraException;
import io.vertx.core.Future;

/**
 * The one place every route asks for a video by the ID it was given. An unknown ID and a video
 * the caller may not see must look the same (404), so the answer is decided here, not per route.
 * Today every video is reachable by its unguessable ID; ownership checks slot in here.
 */
public final class VideoAccess {

  private static final String NOT_FOUND = "No video with this id.";

  private final VideoRepository videos;

  public VideoAccess(VideoRepository videos) {
    this.videos = videos;
  }

  /** The video, or NOT_FOUND. */
  public Future<Video> visible(String id) {
    return videos.find(id).map(video -> {
      if (video == null) {
        throw KinoraException.notFound(NOT_FOUND);
      }
      return video;
    });
  }

  /** The video if it can be played now, NOT_FOUND or CONFLICT otherwise. */
  public Future<Video> playable(String id) {
    return visible(id).map(video -> {
      if (video.status() != VideoStatus.READY) {
        throw KinoraException.conflict("The video is not ready to play yet (status: " + video.status().wire() + ").");
      }
      return video;
    });
  }

  public static KinoraException notFound() {
    return KinoraException.notFound(NOT_FOUND);
  }
}
