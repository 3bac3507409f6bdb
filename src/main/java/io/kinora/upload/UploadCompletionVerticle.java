package io.kinora.upload;

import io.kinora.Addresses;
import io.kinora.events.StatusEvent;
import io.kinora.events.StatusPublisher;
import io.kinora.store.JobQueue;
import io.kinora.store.ObjectStorage;
import io.kinora.store.Video;
import io.kinora.store.VideoRepository;
import io.kinora.store.VideoStatus;
import io.kinora.transcode.Limits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * The webhook role: every "the upload is in storage" signal (the client's complete call, MinIO's
 * bucket notification, the multipart endpoint) ends here. It checks the object, then queues the
 * job with a Redis script that only moves {@code awaiting_upload} to {@code queued}, so duplicate
 * signals never make a second job. Replies with the video JSON, or fails with an HTTP status code.
 */
public final class UploadCompletionVerticle extends VerticleBase {

  private final VideoRepository videos;
  private final JobQueue queue;
  private final ObjectStorage storage;
  private final StatusPublisher publisher;
  private final Limits limits;

  public UploadCompletionVerticle(VideoRepository videos, JobQueue queue, ObjectStorage storage,
                                  StatusPublisher publisher, Limits limits) {
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
        .compose(video -> video == null ? refuse(404, "No video with this id (it was deleted).") : Future.succeededFuture(video))
        .onSuccess(video -> message.reply(video.toJson()))
        .onFailure(err -> {
          if (err instanceof ReplyException reply) {
            message.fail(reply.failureCode(), reply.getMessage());
          } else {
            message.fail(503, "Storage or Redis is unavailable right now (" + err.getMessage()
                + "); try again in a moment.");
          }
        });
  }

  private Future<Video> complete(String id, Video video) {
    if (video == null) {
      return refuse(404, "No video with this id.");
    }
    if (video.status() != VideoStatus.AWAITING_UPLOAD) {
      return Future.succeededFuture(video);
    }
    return storage.sizeAsync(ObjectStorage.UPLOADS, id + "/original").compose(size -> {
      if (size < 0) {
        return refuse(409, "The file has not reached storage yet: PUT it to the uploadUrl first, "
            + "then call complete again.");
      }
      if (size == 0) {
        return failVideo(id, "The uploaded file is empty. Choose the video file again and re-upload it.");
      }
      if (size > limits.maxBytes()) {
        return failVideo(id, limits.tooLarge(size));
      }
      return queue.enqueue(id, size).compose(enqueued -> {
        if (enqueued.queued()) {
          publisher.announce(new StatusEvent(id, VideoStatus.QUEUED, 0, null, enqueued.seq(), false));
          vertx.eventBus().publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("id", id));
        }
        return videos.find(id);
      });
    });
  }

  private Future<Video> failVideo(String id, String reason) {
    return videos.setStatus(id, VideoStatus.FAILED, 0, reason, VideoStatus.AWAITING_UPLOAD)
        .onSuccess(seq -> publisher.announce(new StatusEvent(id, VideoStatus.FAILED, 0, reason, seq, false)))
        .compose(seq -> videos.find(id));
  }

  private static Future<Video> refuse(int code, String message) {
    return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message));
  }
}
