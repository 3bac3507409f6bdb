package io.kinora.transcode;

import io.kinora.Addresses;
import io.kinora.events.StatusEvent;
import io.kinora.events.StatusPublisher;
import io.kinora.store.JobQueue;
import io.kinora.store.ObjectStorage;
import io.kinora.store.Rendition;
import io.kinora.store.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The transcode role: one instance per slot ({@code KINORA_TRANSCODE_SLOTS}). Each instance
 * claims one job at a time from the Redis queue, keeps its lease alive while the pipeline runs
 * on the {@code kinora-transcode} worker pool, and finishes the job only if it still holds the
 * lease. It also requeues jobs whose worker vanished (lease lapsed), on any node.
 */
public final class TranscodeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TranscodeVerticle.class);
  private static final long POLL_MILLIS = 2000;
  private static final long MIN_PROGRESS_GAP_MILLIS = 250;
  private static final long MAX_PROGRESS_GAP_MILLIS = 1000;

  private final JobQueue queue;
  private final StatusPublisher publisher;
  private final TranscodePipeline pipeline;
  private final ObjectStorage storage;
  private final long leaseMillis;
  private final int maxAttempts;
  private final int slots;
  private final String workerId;

  private WorkerExecutor ffmpegPool;
  private boolean busy;
  private boolean leaseLost;
  private boolean stopping;
  private String currentJob;
  private int lastProgress = -1;
  private long lastProgressAt;

  public TranscodeVerticle(JobQueue queue, StatusPublisher publisher, TranscodePipeline pipeline,
                           ObjectStorage storage, int leaseSeconds, int maxAttempts, int slots, String nodeId) {
    this.queue = queue;
    this.storage = storage;
    this.publisher = publisher;
    this.pipeline = pipeline;
    this.leaseMillis = leaseSeconds * 1000L;
    this.maxAttempts = maxAttempts;
    this.slots = slots;
    this.workerId = nodeId + "/" + UUID.randomUUID();
  }

  @Override
  public Future<?> start() {
    // sized to the slots and allowed to run for hours: an encode is one long blocking call
    ffmpegPool = vertx.createSharedWorkerExecutor("kinora-transcode", slots, 24, TimeUnit.HOURS);
    vertx.setPeriodic(POLL_MILLIS, t -> poll());
    vertx.setPeriodic(Math.max(500, leaseMillis / 3), t -> requeueAbandoned());
    return vertx.eventBus().consumer(Addresses.JOBS_AVAILABLE, m -> poll()).completion()
        .onSuccess(v -> {
          requeueAbandoned();
          poll();
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    String job = currentJob;
    if (job != null) {
      pipeline.cancel(job);
    }
    // hand a running job back so another node (or this one, restarted) runs it again
    return job == null ? Future.succeededFuture()
        : queue.release(job, workerId).onSuccess(seq -> announce(job, VideoStatus.QUEUED, 0, null, seq))
            .otherwiseEmpty();
  }

  private void poll() {
    if (busy || stopping) {
      return;
    }
    busy = true;
    queue.claim(workerId, leaseMillis)
        .compose(id -> {
          if (id != null && stopping) {
            // stop() ran while the claim was in flight: give the job straight back
            return queue.release(id, workerId).map(false);
          }
          return id == null ? Future.succeededFuture(false) : process(id).map(true);
        })
        .onComplete(ar -> {
          busy = false;
          currentJob = null;
          if (ar.failed()) {
            LOG.warn("transcode worker {} hit an error", workerId, ar.cause());
          } else if (ar.result()) {
            poll();
          }
        });
  }

  private Future<Void> process(String id) {
    currentJob = id;
    return queue.begin(id, workerId).compose(attempt -> {
      if (attempt == null) {
        LOG.info("video {} was deleted, or its job handed back, before it started; dropping it", id);
        return queue.finish(id, workerId, Map.of(), Map.of()).mapEmpty();
      }
      announce(id, VideoStatus.PROCESSING, 0, null, attempt.seq());
      if (attempt.number() > maxAttempts) {
        return fail(id, "Processing was interrupted " + maxAttempts + " times (a server stopped "
            + "mid-way each time). Upload the video again; if this keeps happening, tell the operator.");
      }
      LOG.info("transcoding {} (attempt {}) on {}", id, attempt.number(), workerId);
      long renewTimer = vertx.setPeriodic(Math.max(200, leaseMillis / 3), t -> renewLease(id));
      lastProgress = -1;
      leaseLost = false;
      return ffmpegPool.executeBlocking(() -> pipeline.run(id, attempt.number(), p -> onProgress(id, p)), false)
          .transform(ar -> {
            vertx.cancelTimer(renewTimer);
            return ar.succeeded() ? succeed(id, ar.result()) : handleFailure(id, ar.cause(), attempt.number());
          });
    });
  }

  private void renewLease(String id) {
    queue.renew(id, workerId, leaseMillis).onComplete(ar -> {
      if (ar.succeeded() && !ar.result() && !leaseLost) {
        // another worker owns the job now: stop spending CPU on it and stop reporting progress
        LOG.warn("lost the lease on {}; stopping this run, another worker finishes it", id);
        leaseLost = true;
        pipeline.cancel(id);
      }
    });
  }

  /** Called on the ffmpeg thread; hops to this verticle's context and rate-limits. */
  private void onProgress(String id, int percent) {
    context.runOnContext(v -> {
      if (leaseLost) {
        return;
      }
      long now = System.currentTimeMillis();
      long gap = now - lastProgressAt;
      boolean changed = percent > lastProgress;
      if ((changed && gap >= MIN_PROGRESS_GAP_MILLIS) || gap >= MAX_PROGRESS_GAP_MILLIS) {
        lastProgress = Math.max(lastProgress, percent);
        lastProgressAt = now;
        publisher.progress(id, lastProgress);
      }
    });
  }

  private Future<Void> succeed(String id, TranscodeResult result) {
    Map<String, String> fields = new HashMap<>();
    fields.put("status", VideoStatus.READY.wire());
    fields.put("progress", "100");
    fields.put("error", "");
    fields.put("durationSeconds", Double.toString(Math.round(result.source().durationSeconds() * 1000) / 1000.0));
    fields.put("width", Integer.toString(result.source().displayWidth()));
    fields.put("height", Integer.toString(result.source().displayHeight()));
    fields.put("renditions", Rendition.toJsonArray(result.renditions()));
    fields.put("output", result.output());
    return queue.finish(id, workerId, fields, result.playlists()).map(seq -> {
      if (seq == -2) {
        LOG.warn("finished {} after losing its lease; the new holder's result counts", id);
        storage.removeOutputAsync(id, result.output());
        return null;
      }
      // earlier, interrupted attempts may have left files: only this attempt's are kept
      storage.removeOutputsExceptAsync(id, seq > 0 ? result.output() : null);
      announce(id, VideoStatus.READY, 100, null, seq);
      LOG.info("video {} is ready: {}", id, result.renditions().stream().map(Rendition::name).toList());
      return null;
    });
  }

  private Future<Void> handleFailure(String id, Throwable cause, int attempt) {
    if (stopping || leaseLost) {
      // stop() killed ffmpeg and is handing the job back, or another worker owns it now:
      // nothing failed, and writing a result could race the new owner
      return Future.succeededFuture();
    }
    if (cause instanceof InputRejected) {
      LOG.info("video {} refused: {}", id, cause.getMessage());
      return fail(id, cause.getMessage());
    }
    LOG.warn("transcoding {} failed (attempt {} of {})", id, attempt, maxAttempts, cause);
    if (attempt < maxAttempts) {
      return queue.release(id, workerId).map(seq -> {
        announce(id, VideoStatus.QUEUED, 0, null, seq);
        return null;
      });
    }
    return fail(id, "Processing failed " + attempt + " times because of a server-side error ("
        + String.valueOf(cause.getMessage()).lines().findFirst().orElse("unknown") + "). Try again "
        + "later; if it keeps failing, tell the operator.");
  }

  private Future<Void> fail(String id, String message) {
    Map<String, String> fields = Map.of("status", VideoStatus.FAILED.wire(), "error", message, "progress", "0");
    return queue.finish(id, workerId, fields, Map.of()).map(seq -> {
      announce(id, VideoStatus.FAILED, 0, message, seq);
      return null;
    });
  }

  private void announce(String id, VideoStatus status, int progress, String error, long seq) {
    publisher.announce(new StatusEvent(id, status, progress, error, seq, false));
  }

  private void requeueAbandoned() {
    if (stopping) {
      return;
    }
    queue.requeueAbandoned().onSuccess(ids -> {
      if (!ids.isEmpty()) {
        LOG.info("requeued jobs whose worker stopped renewing its lease: {}", ids);
        vertx.eventBus().publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("ids", List.copyOf(ids)));
      }
    });
  }
}
