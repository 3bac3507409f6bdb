package io.kinora.video;

import io.kinora.platform.s3.MultipartStorage;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.vertx.core.Future;

/**
 * Removing a video for good: an upload still in parts, every object (original, renditions,
 * poster), then every record.
 */
public final class VideoRemoval {

  private final VideoRepository videos;
  private final ObjectStorage storage;
  private final MultipartStorage multipart;
  private final VideoChanges changes;

  public VideoRemoval(VideoRepository videos, ObjectStorage storage, MultipartStorage multipart, VideoChanges changes) {
    this.videos = videos;
    this.storage = storage;
    this.multipart = multipart;
    this.changes = changes;
  }

  public Future<Void> remove(Video video) {
    // objects first: if storage fails, the record stays and a retry finds it; a job still
    // running finds the record gone when it finishes and removes what it wrote
    return abortParts(video)
        .compose(v -> storage.removeVideoAsync(video.id()))
        .compose(v -> videos.delete(video))
        .onSuccess(v -> changes.announceRemoved(video));
  }

  /** Parts of an unfinished upload are not under the video's prefix: they go by the upload's ID. */
  private Future<Void> abortParts(Video video) {
    if (video.parted() == null || video.status() != VideoStatus.AWAITING_UPLOAD) {
      return Future.succeededFuture();
    }
    return multipart.abort(ObjectStorage.UPLOADS, ObjectKeys.original(video.id()), video.parted().uploadId());
  }
}
