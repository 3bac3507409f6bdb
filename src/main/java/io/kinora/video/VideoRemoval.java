package io.kinora.video;

import io.kinora.platform.s3.ObjectStorage;
import io.vertx.core.Future;

/** Removing a video for good: every object (original, renditions, poster), then every record. */
public final class VideoRemoval {

  private final VideoRepository videos;
  private final ObjectStorage storage;

  public VideoRemoval(VideoRepository videos, ObjectStorage storage) {
    this.videos = videos;
    this.storage = storage;
  }

  public Future<Void> remove(Video video) {
    // objects first: if storage fails, the record stays and a retry finds it; a job still
    // running finds the record gone when it finishes and removes what it wrote
    return storage.removeVideoAsync(video.id()).compose(v -> videos.delete(video));
  }
}
