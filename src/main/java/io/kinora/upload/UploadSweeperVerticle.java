package io.kinora.upload;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.MultipartStorage;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.Video;
import io.kinora.video.VideoRemoval;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Removes uploads left unfinished for longer than {@code KINORA_UPLOAD_EXPIRY_HOURS}: the parts in
 * storage (the embedded S3 cannot list open multipart uploads, so they are found from the video
 * records), the record and the quota it reserved. Then removes part files of no open upload, which
 * the embedded S3 keeps when a part arrives after its upload was aborted. Deployed on every node;
 * a lock in Redis lets one node sweep per period.
 */
public final class UploadSweeperVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UploadSweeperVerticle.class);
  /** Videos looked at per sweep; the rest wait for the next one. */
  static final int BATCH = 100;

  private final VideoRepository videos;
  private final VideoRemoval removal;
  private final MultipartStorage multipart;
  private final RedisStore redis;
  private final UploadSettings settings;
  private final String nodeId;

  public UploadSweeperVerticle(VideoRepository videos, VideoRemoval removal, MultipartStorage multipart,
                               RedisStore redis, UploadSettings settings, String nodeId) {
    this.videos = videos;
    this.removal = removal;
    this.multipart = multipart;
    this.redis = redis;
    this.settings = settings;
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(settings.sweepSeconds() * 1000L, t -> sweepIfFirst());
    return Future.succeededFuture();
  }

  private void sweepIfFirst() {
    long periodMillis = settings.sweepSeconds() * 1000L;
    // held for most of a period: whichever node takes it sweeps, the others skip this round
    redis.api().set(List.of(RedisKeys.UPLOAD_SWEEPER_LOCK, nodeId, "NX", "PX", Long.toString(periodMillis * 9 / 10)))
        .compose(taken -> taken == null ? Future.succeededFuture() : sweep()
            .onSuccess(swept -> {
              if (swept > 0) {
                LOG.info("removed {} uploads left unfinished for more than {}", swept, settings.expiry());
              }
            })
            .compose(swept -> removeOrphanParts()))
        .onFailure(err -> LOG.warn("could not sweep expired uploads: {}", err.toString()));
  }

  /** One batch, one video after another (each may abort an upload in storage); returns how many were removed. */
  Future<Integer> sweep() {
    long cutoff = System.currentTimeMillis() - settings.expiry().toMillis();
    return videos.awaitingUploadSince(cutoff, BATCH).compose(ids -> {
      Future<Integer> removed = Future.succeededFuture(0);
      for (String id : ids) {
        removed = removed.compose(count -> sweepOne(id).map(gone -> gone ? count + 1 : count));
      }
      return removed;
    });
  }

  /**
   * Parts of no open upload, older than two periods: a part of an upload that opened while this
   * sweep was reading the open ones is younger than that.
   */
  Future<Void> removeOrphanParts() {
    Instant before = Instant.now().minusSeconds(2L * settings.sweepSeconds());
    return videos.openUploadIds()
        .compose(open -> multipart.removeOrphanParts(ObjectStorage.UPLOADS, open, before))
        .onSuccess(removed -> {
          if (removed > 0) {
            LOG.info("removed {} part files of uploads no longer open", removed);
          }
        })
        .mapEmpty();
  }

  private Future<Boolean> sweepOne(String id) {
    return videos.find(id).compose(video -> {
      if (!stillUnfinished(video)) {
        return videos.uploadSettled(id).map(false);
      }
      LOG.info("removing video {}: its upload was left unfinished since {}", id, video.createdAt());
      return removal.remove(video).map(true);
    }).recover(err -> {
      LOG.warn("could not remove the expired upload of {}: {}", id, err.toString());
      return Future.succeededFuture(false);
    });
  }

  private static boolean stillUnfinished(Video video) {
    return video != null && video.status() == VideoStatus.AWAITING_UPLOAD
        && (video.parted() == null
            || !video.parted().assembling(System.currentTimeMillis(), UploadCompletionVerticle.ASSEMBLY_STALE_MILLIS));
  }
}
