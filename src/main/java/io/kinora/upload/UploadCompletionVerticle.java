package io.kinora.upload;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.error.BusFailures;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.platform.metrics.KinoraMetrics.FailureReason;
import io.kinora.platform.s3.MultipartStorage;
import io.kinora.platform.s3.MultipartStorage.StoredPart;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.s3.ObjectStorage.Stored;
import io.kinora.video.PartedUpload;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The webhook role: every "the upload is in storage" signal (the client's complete call, MinIO's
 * bucket notification, the multipart endpoint) ends here. It checks the object, then queues the
 * video through {@link VideoQueue}, which only moves {@code awaiting_upload} to {@code queued},
 * so duplicate signals never make a second job. Replies with the video JSON, or fails with the
 * project's own error code (see {@link BusFailures}).
 *
 * <p>An upload sent in parts is first checked part by part, then assembled by storage. That takes
 * about 3 s per GiB on the embedded S3, longer than a bus request may wait, so the reply goes out
 * as soon as the parts are found complete, with the video still {@code awaiting_upload}; the
 * {@code queued} status event follows when storage has the file.
 */
public final class UploadCompletionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UploadCompletionVerticle.class);
  /**
   * An assembly not finished after this was lost with its node; the next complete starts it again.
   * Longer than storage's read timeout for it (see {@link MultipartStorage}).
   */
  static final long ASSEMBLY_STALE_MILLIS = TimeUnit.MINUTES.toMillis(20);

  private final VideoRepository videos;
  private final VideoQueue queue;
  private final ObjectStorage storage;
  private final MultipartStorage multipart;
  private final StatusPublisher publisher;
  private final VideoLimits limits;
  private final KinoraMetrics metrics;

  public UploadCompletionVerticle(VideoRepository videos, VideoQueue queue, ObjectStorage storage,
                                  MultipartStorage multipart, StatusPublisher publisher, VideoLimits limits,
                                  KinoraMetrics metrics) {
    this.metrics = metrics;
    this.videos = videos;
    this.queue = queue;
    this.storage = storage;
    this.multipart = multipart;
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
    return storage.statAsync(ObjectStorage.UPLOADS, ObjectKeys.original(id)).compose(stored -> {
      if (stored != null) {
        return settle(id, video, stored);
      }
      if (video.parted() != null) {
        return assembleParts(video);
      }
      return Future.failedFuture(KinoraException.conflict("The file has not reached storage yet: PUT it to "
          + "the uploadUrl first, then call complete again."));
    });
  }

  /**
   * The original is in storage: check it against what the upload declared and queue it, pinned to
   * this very file. The declared size was counted against the quota when the upload was created,
   * and the stored file is exactly that size, so the quota holds without counting again.
   */
  private Future<Video> settle(String id, Video video, Stored stored) {
    long size = stored.size();
    Future<Video> settled;
    if (size == 0) {
      settled = failVideo(id, "The uploaded file is empty. Choose the video file again and re-upload it.");
    } else if (size != video.sizeBytes()) {
      settled = failVideo(id, "The file in storage is " + size + " bytes, but the upload was declared as "
          + video.sizeBytes() + " bytes. Create a new upload with the file's exact size.");
    } else if (size > limits.maxBytes()) {
      settled = failVideo(id, limits.tooLarge(size));
    } else {
      settled = enqueue(id, stored);
    }
    return settled.compose(settledVideo -> videos.uploadSettled(id).map(settledVideo));
  }

  /**
   * Refuses with a sentence unless storage holds every part with its size; otherwise has storage
   * assemble them (once, however many completes arrive) and answers without waiting for it.
   */
  private Future<Video> assembleParts(Video video) {
    PartedUpload upload = video.parted();
    if (upload.assembling(System.currentTimeMillis(), ASSEMBLY_STALE_MILLIS)) {
      return Future.succeededFuture(video);
    }
    String key = ObjectKeys.original(video.id());
    return multipart.listParts(ObjectStorage.UPLOADS, key, upload.uploadId()).compose(parts -> {
      String problem = PartCheck.problem(video.id(), upload, parts);
      if (problem != null) {
        return Future.failedFuture(KinoraException.conflict(problem));
      }
      return videos.startAssembling(video.id(), ASSEMBLY_STALE_MILLIS).map(claimed -> {
        if (claimed) {
          assemble(video, parts.subList(0, upload.partCount()));
        }
        return video;
      });
    });
  }

  private void assemble(Video video, List<StoredPart> parts) {
    String id = video.id();
    String key = ObjectKeys.original(id);
    long started = System.nanoTime();
    multipart.complete(ObjectStorage.UPLOADS, key, video.parted().uploadId(), parts)
        // whether this call assembled it or an earlier one did, the object is what counts
        .compose(assembled -> storage.statAsync(ObjectStorage.UPLOADS, key))
        .compose(stored -> stored == null
            ? Future.failedFuture(new IllegalStateException("storage has neither the upload nor the file"))
            : settle(id, video, stored))
        .onSuccess(settled -> LOG.info("upload {} assembled from {} parts in {} ms", id, parts.size(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
        .onFailure(err -> {
          LOG.warn("assembling the upload of {} failed; the next complete tries again", id, err);
          videos.stopAssembling(id);
        });
  }

  private Future<Video> enqueue(String id, Stored stored) {
    long size = stored.size();
    return queue.enqueue(id, size, stored.etag()).compose(enqueued -> {
      if (enqueued.queued()) {
        metrics.uploaded(size);
        publisher.announce(new StatusEvent(id, VideoStatus.QUEUED, 0, null, enqueued.seq(), false));
        vertx.eventBus().publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("id", id));
      }
      return videos.find(id);
    });
  }

  private Future<Video> failVideo(String id, String reason) {
    return videos.setStatus(id, VideoStatus.FAILED, 0, reason, VideoStatus.AWAITING_UPLOAD)
        .onSuccess(seq -> {
          if (seq > 0) {
            metrics.videoFailed(FailureReason.UPLOAD);
          }
          publisher.announce(new StatusEvent(id, VideoStatus.FAILED, 0, reason, seq, false));
        })
        .compose(seq -> videos.find(id));
  }
}
