package io.kinora.jobs;

import io.kinora.jobs.JobQueue.Done;
import io.kinora.jobs.JobQueue.Ended;
import io.kinora.jobs.JobQueue.LeaseLost;
import io.kinora.jobs.JobQueue.Started;
import io.kinora.jobs.JobQueue.VideoGone;
import io.kinora.platform.bus.Addresses;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.platform.metrics.KinoraMetrics.FailureReason;
import io.kinora.platform.metrics.KinoraMetrics.Outcome;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.ProcessedVideo;
import io.kinora.video.PartialOutput;
import io.kinora.video.ProcessingListener;
import io.kinora.video.ProcessingOutcome;
import io.kinora.video.Rendition;
import io.kinora.video.StatusEvent;
import io.kinora.video.StatusPublisher;
import io.kinora.video.VideoProcessor;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.kinora.video.captions.CaptionStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One job slot ({@code KINORA_TRANSCODE_SLOTS} instances per node): claims one job at a time from
 * the Redis queue, keeps its lease alive while the {@link VideoProcessor} runs, and ends the job
 * (ready, failed, or handed back) only if it still holds the lease.
 */
public final class JobWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerVerticle.class);
  private static final long POLL_MILLIS = 2000;
  private static final long MIN_PROGRESS_GAP_MILLIS = 250;
  private static final long MAX_PROGRESS_GAP_MILLIS = 1000;

  private final JobQueue queue;
  private final VideoProcessor processor;
  private final StatusPublisher publisher;
  private final CaptionStore captions;
  private final ObjectStorage storage;
  private final JobSettings settings;
  private final KinoraMetrics metrics;
  private final String workerId;

  private boolean busy;
  private boolean leaseLost;
  private boolean stopping;
  private boolean storageDown;
  private String currentJob;
  private int lastProgress = -1;
  private long lastProgressAt;
  /** The current run's segments in storage: told to Redis one write at a time, the latest winning. */
  private PartialOutput pendingPartial;
  private boolean storingPartial;
  private boolean playableNow;
  private long runStartedAt;

  public JobWorkerVerticle(JobQueue queue, VideoProcessor processor, StatusPublisher publisher,
                           ObjectStorage storage, CaptionStore captions, JobSettings settings, KinoraMetrics metrics,
                           String nodeId) {
    this.queue = queue;
    this.captions = captions;
    this.processor = processor;
    this.publisher = publisher;
    this.storage = storage;
    this.settings = settings;
    this.metrics = metrics;
    this.workerId = nodeId + "/" + UUID.randomUUID();
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(POLL_MILLIS, t -> poll());
    return vertx.eventBus().consumer(Addresses.JOBS_AVAILABLE, m -> poll()).completion()
        .onSuccess(v -> poll());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    String job = currentJob;
    if (job == null) {
      return Future.succeededFuture();
    }
    processor.cancel(job);
    // hand a running job back so another node (or this one, restarted) runs it again
    return queue.release(job, workerId).onSuccess(ended -> announceIfDone(job, ended, VideoStatus.QUEUED, null))
        .otherwiseEmpty();
  }

  private void poll() {
    if (busy || stopping) {
      return;
    }
    busy = true;
    storageAnswers()
        .compose(up -> up ? claimAndRun() : Future.succeededFuture(false))
        .onComplete(ar -> {
          busy = false;
          currentJob = null;
          if (ar.failed()) {
            LOG.warn("job worker {} hit an error", workerId, ar.cause());
          } else if (ar.result()) {
            poll();
          }
        });
  }

  /**
   * Whether storage answers now. A worker takes no job while it does not: the job would fail
   * for nothing, or use up one of its attempts. Said once in the log when it changes.
   */
  private Future<Boolean> storageAnswers() {
    return storage.pingAsync().map(true).otherwise(err -> false).onSuccess(up -> {
      if (up == storageDown) {
        storageDown = !up;
        if (storageDown) {
          LOG.warn("job worker {} takes no jobs: storage does not answer", workerId);
        } else {
          LOG.info("job worker {} takes jobs again: storage answers", workerId);
        }
      }
    });
  }

  /** Claims the next job and runs it; true when there was one. */
  private Future<Boolean> claimAndRun() {
    return queue.claim(workerId, settings.leaseMillis())
        .compose(id -> {
          if (id != null && stopping) {
            // stop() ran while the claim was in flight: give the job straight back
            return queue.release(id, workerId).map(false);
          }
          return id == null ? Future.succeededFuture(false) : run(id).map(true);
        });
  }

  private Future<Void> run(String id) {
    currentJob = id;
    return queue.begin(id, workerId).compose(begun -> {
      if (begun instanceof Started started) {
        return process(id, started);
      }
      return drop(id, begun instanceof VideoGone ? "was deleted before its job started"
          : "was handed to another worker before its job started");
    });
  }

  private Future<Void> drop(String id, String why) {
    LOG.info("video {} {}; dropping the job", id, why);
    return queue.abandon(id, workerId).mapEmpty();
  }

  private Future<Void> process(String id, Started started) {
    publisher.announce(new StatusEvent(id, VideoStatus.PROCESSING, 0, null, started.seq(), false,
        started.earlier() != null));
    if (started.attempt() > settings.maxAttempts()) {
      return fail(id, FailureReason.INTERRUPTED, "Processing was interrupted " + settings.maxAttempts()
          + " times (a server stopped mid-way each time). Upload the video again; if this keeps happening, tell "
          + "the operator.", List.of());
    }
    LOG.atInfo().addKeyValue("videoId", id).log("processing {} (attempt {}) on {}", id, started.attempt(), workerId);
    long renewTimer = vertx.setPeriodic(Math.max(200, settings.leaseMillis() / 3), t -> renewLease(id));
    lastProgress = -1;
    leaseLost = false;
    pendingPartial = null;
    // an earlier attempt's segments stay playable while this one starts (and may continue them)
    playableNow = started.earlier() != null;
    long startedAt = System.nanoTime();
    runStartedAt = startedAt;
    metrics.jobStarted();
    ProcessingListener listener = new ProcessingListener() {
      @Override
      public void progress(int percent) {
        onProgress(id, percent);
      }

      @Override
      public void segmentsStored(PartialOutput partial) {
        onSegmentsStored(id, started.attempt(), partial);
      }
    };
    return processor.process(id, started.attempt(), started.originalEtag(), started.earlier(), listener)
        .eventually(() -> {
          vertx.cancelTimer(renewTimer);
          return Future.succeededFuture();
        })
        .transform(ar -> {
          metrics.jobEnded(outcome(ar, started.attempt()), Duration.ofNanos(System.nanoTime() - startedAt));
          return onRunEnded(id, started, ar);
        });
  }

  private Outcome outcome(AsyncResult<ProcessingOutcome> ar, int attempt) {
    if (stopping || leaseLost) {
      return Outcome.HANDED_BACK;
    }
    if (ar.failed()) {
      return attempt < settings.maxAttempts() ? Outcome.RETRIED : Outcome.FAILED;
    }
    return ar.result() instanceof ProcessingOutcome.Ready ? Outcome.READY : Outcome.REJECTED;
  }

  /** Ready, refused for good, or worth another attempt; nothing at all if the job is no longer ours. */
  private Future<Void> onRunEnded(String id, Started started, AsyncResult<ProcessingOutcome> ar) {
    if (stopping || leaseLost) {
      // stop() is handing the job back, or another worker owns it now: nothing failed, and
      // writing a result could race the new owner (a finished run's files are its to clean)
      if (ar.succeeded() && ar.result() instanceof ProcessingOutcome.Ready ready) {
        storage.removeOutputAsync(id, ready.video().output());
      }
      return Future.succeededFuture();
    }
    if (ar.failed()) {
      return retryOrFail(id, ar.cause(), started.attempt());
    }
    if (ar.result() instanceof ProcessingOutcome.Ready ready) {
      return succeed(id, ready.video());
    }
    ProcessingOutcome.Rejected rejected = (ProcessingOutcome.Rejected) ar.result();
    LOG.atInfo().addKeyValue("videoId", id).log("video {} refused: {}", id, rejected.reason());
    return fail(id, FailureReason.INPUT, rejected.reason(), rejected.log());
  }

  private void renewLease(String id) {
    queue.renew(id, workerId, settings.leaseMillis()).onComplete(ar -> {
      if (ar.succeeded() && !ar.result() && !leaseLost) {
        // another worker owns the job now: stop spending CPU on it and stop reporting progress
        LOG.warn("lost the lease on {}; stopping this run, another worker finishes it", id);
        leaseLost = true;
        processor.cancel(id);
      }
    });
  }

  /** Called from the processor's thread; hops to this verticle's context and rate-limits. */
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
        publisher.progress(id, lastProgress, playableNow);
      }
    });
  }

  /** Called from the processor's thread; hops to this verticle's context. */
  private void onSegmentsStored(String id, int attempt, PartialOutput partial) {
    context.runOnContext(v -> {
      pendingPartial = partial;
      storePartial(id, attempt);
    });
  }

  /**
   * Writes the latest partial output once the write before it is done: writes never overtake each
   * other, and a run that stores segments faster than Redis answers skips the states in between.
   */
  private void storePartial(String id, int attempt) {
    if (storingPartial || pendingPartial == null || leaseLost || !id.equals(currentJob)) {
      return;
    }
    PartialOutput partial = pendingPartial;
    pendingPartial = null;
    storingPartial = true;
    queue.storePartial(id, workerId, attempt, partial)
        .onSuccess(seq -> {
          if (seq > 0) {
            playableNow = true;
            Duration took = Duration.ofNanos(System.nanoTime() - runStartedAt);
            metrics.firstSegmentsStored(took);
            LOG.atInfo().addKeyValue("videoId", id).log("video {} plays while processing, {} ms into the run", id,
                took.toMillis());
            publisher.playable(id, Math.max(0, lastProgress), seq);
          }
        })
        .onFailure(err -> LOG.warn("could not store the segments so far of {}", id, err))
        .onComplete(ar -> {
          storingPartial = false;
          storePartial(id, attempt);
        });
  }

  /**
   * The caption tracks found in the file go in first, so the video is never ready without them;
   * a track that cannot be kept (the video deleted meanwhile, Redis failing) does not fail the video.
   */
  private Future<Void> succeed(String id, ProcessedVideo video) {
    return captions.putFound(id, video.captions())
        .recover(err -> {
          LOG.warn("could not keep the caption tracks found in the file of {}", id, err);
          return Future.succeededFuture();
        })
        .compose(v -> queue.finish(id, workerId, VideoRepository.readyFields(video), video.playlists())).map(ended -> {
      if (ended instanceof Done done) {
        // earlier, interrupted attempts may have left files: only this attempt's are kept
        storage.removeOutputsExceptAsync(id, video.output());
        announce(id, VideoStatus.READY, 100, null, done.seq());
        LOG.atInfo().addKeyValue("videoId", id)
            .log("video {} is ready: {}", id, video.renditions().stream().map(Rendition::name).toList());
      } else if (ended instanceof LeaseLost) {
        LOG.warn("finished {} after losing its lease; the new holder's result counts", id);
        storage.removeOutputAsync(id, video.output());
      } else {
        // deleted while it ran: nothing of it may stay behind
        storage.removeOutputsExceptAsync(id, null);
      }
      return null;
    });
  }

  private Future<Void> retryOrFail(String id, Throwable cause, int attempt) {
    LOG.atWarn().addKeyValue("videoId", id).setCause(cause)
        .log("processing {} failed (attempt {} of {})", id, attempt, settings.maxAttempts());
    if (attempt < settings.maxAttempts()) {
      long pause = settings.retryPauseMillis(attempt);
      LOG.info("video {} runs again in {} ms at the earliest", id, pause);
      return queue.retryLater(id, workerId, pause).map(ended -> {
        announceIfDone(id, ended, VideoStatus.QUEUED, null);
        return null;
      });
    }
    return fail(id, FailureReason.SERVER, "Processing failed " + attempt + " times because of a server-side error: "
        + sentence(cause) + " Try again later; if it keeps failing, tell the operator.", causes(cause));
  }

  /** The first line of what went wrong, as a sentence ("The server ran out of ... video."). */
  private static String sentence(Throwable cause) {
    String line = String.valueOf(cause.getMessage()).lines().findFirst().orElse("").trim();
    if (line.isEmpty() || "null".equals(line)) {
      line = cause.getClass().getSimpleName();
    }
    return line.endsWith(".") ? line : line + ".";
  }

  /** The error and its causes, one line each, for an administrator. */
  private static List<String> causes(Throwable error) {
    List<String> lines = new ArrayList<>();
    for (Throwable t = error; t != null && lines.size() < 10; t = t.getCause()) {
      lines.add(t.toString());
    }
    return lines;
  }

  private Future<Void> fail(String id, FailureReason why, String reason, List<String> log) {
    return queue.finish(id, workerId, VideoRepository.failedFields(reason, log), Map.of()).map(ended -> {
      if (ended instanceof Done) {
        metrics.videoFailed(why);
        // what earlier attempts uploaded before they were interrupted has no use any more
        storage.removeOutputsExceptAsync(id, null);
      }
      announceIfDone(id, ended, VideoStatus.FAILED, reason);
      return null;
    });
  }

  private void announceIfDone(String id, Ended ended, VideoStatus status, String error) {
    if (ended instanceof Done done) {
      announce(id, status, 0, error, done.seq());
    }
  }

  private void announce(String id, VideoStatus status, int progress, String error, long seq) {
    publisher.announce(new StatusEvent(id, status, progress, error, seq, false));
  }
}
