package io.kinora.upload;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.error.BusFailures;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.StatusEvent;
import io.kinora.video.StatusPublisher;
import io.kinora.video.Video;
import io.kinora.video.VideoLimits;
import io.kinora.video.VideoQueue;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook role: every "the upload is in storage" signal (the client's complete call, MinIO's
 * bucket notification, the multipart endpoint) ends here. It checks the object, then queues the
 * video through {@link VideoQueue}, which only moves {@code awaiting_upload} to {@code queued},
 * so duplicate signals never make a second job. Replies with the video JSON, or fails with the
 * project's own error code (see {@link BusFailures}).
 */
public final class UploadCompletionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UploadCompletionVerticle.class);

  private final VideoRepository videos;
  private final VideoQueue queue;
  private final ObjectStorage storage;
  private final StatusPublisher publisher;
  private final VideoLimits limits;

  public UploadCompletionVerticle(VideoRepository videos, VideoQueue queue, ObjectStorage storage,
                                  StatusPublisher publisher, VideoLimits limits) {
    this.videos = videos;
    this.queue = queue;
    this.storage = storage;
    this.publisher = publisher;
    this.limits = limits;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.UPLOAD_COMPLETED, this::onCompleted).completion();
  }

  private void onCompleted(Message<JsonObject> message) {
    String id = message.body().getString("id");
    videos.find(id)
        .compose(video -> complete(id, video))
        .compose(video -> video == null
            ? Future.failedFuture(KinoraException.notFound("No video with this id (it was deleted)."))
            : Future.succeededFuture(video))
        .onSuccess(video -> message.reply(video.toJson()))
        .onFailure(err -> {
          if (!(err instanceof KinoraException)) {
            LOG.warn("completing {} failed", id, err);
          }
          BusFailures.reply(message, err, "Storage or Redis is unavailable right now; try again in a moment.");
        });
  }

  private Future<Video> complete(String id, Video video) {
    if (video == null) {
      return Future.failedFuture(KinoraException.notFound("No video with this id."));
    }
    if (video.status() != VideoStatus.AWAITING_UPLOAD) {
      return Future.succeededFuture(video);
    }
    return storage.sizeAsync(ObjectStorage.UPLOADS, ObjectKeys.original(id)).compose(size -> {
      if (size < 0) {
        return Future.failedFuture(KinoraException.conflict("The file has not reached storage yet: PUT it to "
            + "the uploadUrl first, then call complete again."));
      }
      if (size == 0) {
        return failVideo(id, "The uploaded file is empty. Choose the video file again and re-upload it.");
      }
      if (size > limits.maxBytes()) {
        return failVideo(id, limits.tooLarge(size));
      }
      return videos.settleSize(video, size).compose(left -> left >= 0
          ? failVideo(id, "The file is " + VideoLimits.humanBytes(size) + ", more than the "
              + VideoLimits.humanBytes(left) + " left in your storage quota. Delete videos you no longer need, "
              + "or ask an administrator for more space, then upload again.")
          : enqueue(id, size));
    });
  }

  private Future<Video> enqueue(String id, long size) {
    return queue.enqueue(id, size).compose(enqueued -> {
      if (enqueued.queued()) {
        publisher.announce(new StatusEvent(id, VideoStatus.QUEUED, 0, null, enqueued.seq(), false));
        vertx.eventBus().publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("id", id));
      }
      return videos.find(id);
    });
  }

  private Future<Video> failVideo(String id, String reason) {
    return videos.setStatus(id, VideoStatus.FAILED, 0, reason, VideoStatus.AWAITING_UPLOAD)
        .onSuccess(seq -> publisher.announce(new StatusEvent(id, VideoStatus.FAILED, 0, reason, seq, false)))
        .compose(seq -> videos.find(id));
  }
}
