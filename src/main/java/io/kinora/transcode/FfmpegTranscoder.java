package io.kinora.transcode;

import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.EarlierRun;
import io.kinora.video.ProcessingListener;
import io.kinora.video.ProcessingOutcome;
import io.kinora.video.VideoLimits;
import io.kinora.video.VideoProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Processing as Kinora does it today: the blocking {@link TranscodePipeline} (probe, one ffmpeg
 * run, upload) on Vert.x worker pools that belong to the node and close with it.
 */
public final class FfmpegTranscoder implements VideoProcessor, AutoCloseable {

  /** Segment uploads of one job overlap: each PUT mostly waits on the network. */
  private static final int UPLOAD_THREADS = 4;

  private final WorkerExecutor ffmpegPool;
  private final WorkerExecutor uploadPool;
  private final TranscodePipeline pipeline;

  private FfmpegTranscoder(WorkerExecutor ffmpegPool, WorkerExecutor uploadPool, TranscodePipeline pipeline) {
    this.ffmpegPool = ffmpegPool;
    this.uploadPool = uploadPool;
    this.pipeline = pipeline;
  }

  /** @param ffmpegDir where the ffmpeg and ffprobe to run are (null = from PATH), see {@link FfmpegBinaries} */
  public static FfmpegTranscoder create(Vertx vertx, TranscodeSettings settings, int slots, ObjectStorage storage,
                                        VideoLimits limits, Path ffmpegDir) {
    // one thread per job slot, allowed to run for hours: an encode is one long blocking call
    WorkerExecutor ffmpeg = vertx.createSharedWorkerExecutor("kinora-transcode", Math.max(1, slots),
        24, TimeUnit.HOURS);
    WorkerExecutor uploads = vertx.createSharedWorkerExecutor("kinora-media-upload", UPLOAD_THREADS, 1, TimeUnit.HOURS);
    TranscodePipeline pipeline = new TranscodePipeline(storage, new MediaProbe(ffmpegDir, limits), ffmpegDir,
        settings, limits, uploads);
    return new FfmpegTranscoder(ffmpeg, uploads, pipeline);
  }

  @Override
  public Future<ProcessingOutcome> process(String videoId, int attempt, String originalEtag, EarlierRun earlier,
                                           ProcessingListener listener) {
    return ffmpegPool.<ProcessingOutcome>executeBlocking(
            () -> new ProcessingOutcome.Ready(pipeline.run(videoId, attempt, originalEtag, earlier, listener)), false)
        .recover(err -> err instanceof InputRejected rejected
            ? Future.succeededFuture(new ProcessingOutcome.Rejected(rejected.getMessage(), rejected.log()))
            : Future.failedFuture(err));
  }

  @Override
  public void cancel(String videoId) {
    pipeline.cancel(videoId);
  }

  @Override
  public void close() {
    ffmpegPool.close();
    uploadPool.close();
  }
}
