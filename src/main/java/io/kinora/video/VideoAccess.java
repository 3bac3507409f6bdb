package io.kinora.video;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.core.Future;

/**
 * The one place that decides who may see and change a video; every route that takes a video ID
 * asks here. A video the caller may not see answers exactly like an unknown ID (404), so its
 * existence leaks to nobody; a video they may see but not change answers 403.
 * <ul>
 *   <li>see: {@code unlisted} and {@code public} videos, anyone with the ID; {@code private}, its
 *       owner and admins;</li>
 *   <li>change (edit, delete, complete its upload): its owner and admins.</li>
 * </ul>
 */
public final class VideoAccess {

  private static final String NOT_FOUND = "No video with this id.";

  private final VideoRepository videos;
  private final VideoCache cache;

  public VideoAccess(VideoRepository videos, VideoCache cache) {
    this.videos = videos;
    this.cache = cache;
  }

  /** The video if the caller may see it, else NOT_FOUND. */
  public Future<Video> visible(Caller caller, String id) {
    return cache.find(id, videos::find).map(video -> {
      if (video == null || !maySee(caller, video)) {
        throw notFound();
      }
      return video;
    });
  }

  /** The video if the caller may change it; NOT_FOUND when they may not even see it, else FORBIDDEN. */
  public Future<Video> manageable(Caller caller, String id) {
    return visible(caller, id).map(video -> {
      if (!caller.mayManage(video.ownerId())) {
        throw new KinoraException(ErrorCode.FORBIDDEN, "Only the video's owner or an administrator may change it.");
      }
      return video;
    });
  }

  /** The video if the caller may see it and it is ready; NOT_FOUND or CONFLICT otherwise. */
  public Future<Video> ready(Caller caller, String id) {
    return visible(caller, id).map(video -> {
      if (video.status() != VideoStatus.READY) {
        throw KinoraException.conflict("The video is not ready yet (status: " + video.status().wire() + ").");
      }
      return video;
    });
  }

  /**
   * The video if the caller may see it and a player may start it now: ready, or processing with
   * its first segments stored (see {@link Video#playable}); NOT_FOUND or CONFLICT otherwise.
   */
  public Future<Video> playable(Caller caller, String id) {
    return visible(caller, id).map(video -> {
      if (!video.playable()) {
        throw KinoraException.conflict("The video is not ready to play yet (status: " + video.status().wire() + ").");
      }
      return video;
    });
  }

  /**
   * The playable video behind a signed media URL, else NOT_FOUND: the signature already proved the
   * caller was handed the link by someone who could see it.
   */
  public Future<Video> bySignedLink(String id) {
    return cache.find(id, videos::find).map(video -> {
      if (video == null || !video.playable()) {
        throw notFound();
      }
      return video;
    });
  }

  public static boolean maySee(Caller caller, Video video) {
    return video.visibility() != Visibility.PRIVATE || caller.mayManage(video.ownerId());
  }

  public static KinoraException notFound() {
    return KinoraException.notFound(NOT_FOUND);
  }
}
