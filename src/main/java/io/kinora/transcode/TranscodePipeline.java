package io.kinora.transcode;

import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.files.TempFiles;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.CaptionTrack;
import io.kinora.video.Download;
import io.kinora.video.EarlierRun;
import io.kinora.video.PartialOutput;
import io.kinora.video.ProcessedVideo;
import io.kinora.video.ProcessingListener;
import io.kinora.video.Rendition;
import io.kinora.video.SegmentFormat;
import io.kinora.video.SourceCaptions;
import io.kinora.video.SourceLoudness;
import io.kinora.video.Storyboard;
import io.kinora.video.VideoLimits;
import io.kinora.video.VideoUrls;
import io.kinora.video.captions.CaptionFile;
import io.kinora.video.captions.CaptionLanguage;
import io.kinora.video.captions.Cue;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One video from original to HLS ladder. Blocking from start to end: it runs on a worker
 * thread, never on an event loop. Temp files live under one directory per job, removed on
 * every exit path.
 */
public final class TranscodePipeline {

  private static final Logger LOG = LoggerFactory.getLogger(TranscodePipeline.class);
  private static final int ERROR_LINES_KEPT = 4;
  private static final Pattern EXIT_STATUS = Pattern.compile("non-zero status: (\\d+)");
  /** ffmpeg's last lines of output, kept for an administrator when a video fails. */
  private static final int LOG_LINES_KEPT = 20;
  /** How often a running encode's playlists are read for finished segments to upload. */
  private static final long POLL_MILLIS = 250;
  private static final String OUT_OF_TEMP_SPACE =
      "The server ran out of temporary disk space while processing this video.";

  private final ObjectStorage storage;
  private final MediaProbe probe;
  private final Path ffmpegDir;
  private final Path tempRoot;
  private final TranscodeSettings settings;
  private final VideoLimits limits;
  /** Shared by all jobs of the node: blocking S3 PUTs of finished segments. */
  private final WorkerExecutor uploaders;
  private final Map<String, FFmpegResultFuture> running = new ConcurrentHashMap<>();
  /** Per job in its upload phase: completing it stops the remaining uploads. */
  private final Map<String, CompletableFuture<Void>> uploadsStopped = new ConcurrentHashMap<>();

  public TranscodePipeline(ObjectStorage storage, MediaProbe probe, Path ffmpegDir, TranscodeSettings settings,
                           VideoLimits limits, WorkerExecutor uploaders) {
    this.storage = storage;
    this.probe = probe;
    this.ffmpegDir = ffmpegDir;
    this.tempRoot = settings.tempDir();
    this.settings = settings;
    this.limits = limits;
    this.uploaders = uploaders;
  }

  /**
   * Fails with an UNAVAILABLE {@link KinoraException} (worth another attempt later) when storage does not
   * answer or the temp disk is full, with {@link InputRejected} when the file itself is the problem.
   *
   * @param listener hears 0..100 while ffmpeg runs (from its output time over the duration), and
   *                 the segments in storage so far
   */
  public ProcessedVideo run(String videoId, int attempt, String originalEtag, EarlierRun earlier,
                            ProcessingListener listener) throws Exception {
    String output = outputPrefix(attempt);
    Path work;
    try {
      Files.createDirectories(tempRoot);
      work = Files.createTempDirectory(tempRoot, videoId + "-");
    } catch (IOException e) {
      throw TempFiles.outOfSpace(tempRoot, e) ? outOfTempSpace(videoId, e) : e;
    }
    try {
      return process(videoId, originalEtag, output, work, earlier, listener);
    } catch (InputRejected | OutOfTempSpace e) {
      throw e;
    } catch (Exception e) {
      throw translated(videoId, work, e);
    } finally {
      TempFiles.deleteRecursively(work);
    }
  }

  /** What a failed run tells its job: out of temp space, storage away, or the error itself. */
  private Exception translated(String videoId, Path work, Exception e) {
    // called before the work dir is removed: a half-written file is the evidence of a full disk
    if (TempFiles.outOfSpace(work, e)) {
      return outOfTempSpace(videoId, e);
    }
    if (e instanceof KinoraException known && known.code() == ErrorCode.UNAVAILABLE) {
      return KinoraException.unavailable("Storage did not answer while this video was being processed.", e);
    }
    return e;
  }

  /** A transient failure: the job runs again later, when other jobs may have freed the space. */
  private OutOfTempSpace outOfTempSpace(String videoId, Exception cause) {
    LOG.warn("temp disk full while processing {}: {} has {} bytes free; give KINORA_DATA_DIR/tmp more room",
        videoId, tempRoot, TempFiles.usableSpace(tempRoot));
    return new OutOfTempSpace(cause);
  }

  /** The temp disk filled up; already says so, so nothing that catches it re-words it. */
  private static final class OutOfTempSpace extends KinoraException {
    OutOfTempSpace(Throwable cause) {
      super(ErrorCode.UNAVAILABLE, OUT_OF_TEMP_SPACE, cause);
    }
  }

  private ProcessedVideo process(String videoId, String originalEtag, String output, Path work, EarlierRun earlier,
                                 ProcessingListener listener) throws Exception {
    StageClock clock = new StageClock();
    Path source = work.resolve("source");
    // the presigned PUT URL outlives completion: check what is there now, before fetching it
    long size = storage.size(ObjectStorage.UPLOADS, ObjectKeys.original(videoId));
    if (size < 0) {
      throw new InputRejected("The uploaded file is gone from storage. Upload the video again.");
    }
    if (size > limits.maxBytes()) {
      throw new InputRejected(limits.tooLarge(size));
    }
    if (!storage.downloadIfUnchanged(ObjectStorage.UPLOADS, ObjectKeys.original(videoId), originalEtag, source)) {
      throw new InputRejected("The uploaded file was replaced after its upload was completed, so it was not "
          + "processed. Upload the video again as a new upload.");
    }
    clock.lap("download");
    if (Files.size(source) == 0) {
      throw new InputRejected("The uploaded file is empty. Choose the video file again and re-upload it.");
    }
    SourceInfo info = probe.probe(source);
    clock.lap("probe");
    double fps = Math.min(info.frameRate(), LadderCommand.MAX_FPS);
    List<Ladder.Rung> rungs = Ladder.plan(settings.ladder(), info.displayWidth(), info.displayHeight(), fps);
    List<String> rungNames = rungs.stream().map(Ladder.Rung::name).toList();
    List<String> renditionDirs = new ArrayList<>(rungNames);
    if (info.hasAudio()) {
      renditionDirs.add(LadderCommand.AUDIO);
    }
    Path out = work.resolve("out");
    for (String dir : renditionDirs) {
      Files.createDirectories(out.resolve(dir));
    }
    Files.createDirectories(LadderCommand.thumbnailDir(out));
    RunStart keeping = RunStart.after(videoId, earlier, rungNames, info.hasAudio() ? LadderCommand.AUDIO : null,
        settings.segmentSeconds(), fps, info.durationSeconds());
    RunStart start = fetchKept(videoId, keeping, out, renditionDirs);
    clock.lap("kept segments");
    try {
      return encodeAndStore(videoId, output, source, info, rungs, fps, renditionDirs, work, start, listener, clock);
    } catch (ContinuationRefused refused) {
      LOG.warn("video {} starts again from the beginning: {}", videoId, refused.getMessage());
      // in directories of its own: nothing the stopped run left under way can touch its files
      Path again = work.resolve("again");
      emptyScratch(again.resolve("out"), renditionDirs);
      return encodeAndStore(videoId, output, source, info, rungs, fps, renditionDirs, again, RunStart.BEGINNING,
          listener, clock);
    }
  }

  /**
   * The kept files of an earlier run, fetched into {@code out} (the downloads and the measured rates
   * need every segment on disk): {@code start} itself, or {@link RunStart#BEGINNING} when one is gone.
   */
  private RunStart fetchKept(String videoId, RunStart start, Path out, List<String> renditionDirs) throws IOException {
    if (start.fromBeginning()) {
      return start;
    }
    for (String rendition : renditionDirs) {
      for (String file : start.keptFiles(rendition)) {
        String key = ObjectKeys.outputPrefix(videoId, start.earlierOutput()) + rendition + "/" + file;
        if (!storage.downloadIfPresent(ObjectStorage.MEDIA, key, out.resolve(rendition).resolve(file))) {
          LOG.warn("video {} starts from the beginning: {} of its earlier run is gone from storage", videoId, key);
          emptyScratch(out, renditionDirs);
          return RunStart.BEGINNING;
        }
      }
    }
    return start;
  }

  /** Empties the renditions' directories and the thumbnails', for a run from the beginning. */
  private static void emptyScratch(Path out, List<String> renditionDirs) throws IOException {
    List<Path> dirs = new ArrayList<>(renditionDirs.stream().map(out::resolve).toList());
    dirs.add(LadderCommand.thumbnailDir(out));
    for (Path dir : dirs) {
      TempFiles.deleteRecursively(dir);
      Files.createDirectories(dir);
    }
  }

  private ProcessedVideo encodeAndStore(String videoId, String output, Path source, SourceInfo info,
                                        List<Ladder.Rung> rungs, double fps, List<String> renditionDirs, Path work,
                                        RunStart start, ProcessingListener listener, StageClock clock)
      throws Exception {
    Path out = work.resolve("out");
    List<Rendition> planned = planned(rungs, fps);
    Rendition plannedAudio = info.hasAudio() ? plannedAudio() : null;
    // segments go to storage as ffmpeg finishes them, not all at the end
    SegmentUploads uploads = new SegmentUploads(storage, uploaders, ObjectKeys.outputPrefix(videoId, output), out,
        renditionDirs, start, playlists -> listener.segmentsStored(new PartialOutput(output, info.durationSeconds(),
            info.displayWidth(), info.displayHeight(), planned, plannedAudio, playlists)));
    uploadsStopped.put(videoId, uploads.stopped);
    try {
      ContinuedInits inits = new ContinuedInits(start, out, renditionDirs);
      SourceLoudness loudness = encode(videoId, source, info, rungs, out, output, start, listener::progress, () -> {
        inits.check();
        uploads.poll();
      });
      clock.lap("ffmpeg");
      inits.check();
      // viewers already watching get the last segments and the end now, not after the extras
      uploads.storeAllSegments();
      clock.lap("segments");
      if (!start.fromBeginning()) {
        joinPlaylists(start, out, renditionDirs);
      }
      Map<String, String> playlists = new LinkedHashMap<>();
      List<Rendition> renditions = new ArrayList<>();
      for (Ladder.Rung rung : rungs) {
        HlsOutput.Bitrates rates = finished(out, rung.name(), playlists);
        // fMP4: each rung is video only; the master adds the audio rendition's rate and codec
        renditions.add(new Rendition(rung.name(), rung.width(), rung.height(), rates.peak(),
            rates.average(), rung.codecs(false), fps));
      }
      Rendition audio = null;
      if (info.hasAudio()) {
        HlsOutput.Bitrates rates = finished(out, LadderCommand.AUDIO, playlists);
        audio = Rendition.audio(LadderCommand.AUDIO, rates.peak(), rates.average());
      }
      List<Download> downloads = remuxDownloads(videoId, rungs, info.hasAudio(), out);
      clock.lap("mp4");
      Storyboard storyboard = drawSheets(videoId, LadderCommand.storyboard(info, rungs), out);
      clock.lap("storyboard");
      List<SourceCaptions> captions = extractCaptions(videoId, source, info.subtitles(), work.resolve("captions"));
      clock.lap("captions");
      // the rest: the last segments, the poster, the storyboard sheets and the downloads
      uploads.finish();
      clock.lap("upload");
      LOG.info("pipeline {}: {}", videoId, clock);
      return new ProcessedVideo(info.durationSeconds(), info.displayWidth(), info.displayHeight(), renditions,
          playlists, output, SegmentFormat.FMP4, audio, downloads, storyboard, captions, loudness);
    } catch (Exception e) {
      uploads.abandon();
      throw e;
    } finally {
      uploadsStopped.remove(videoId);
    }
  }

  /**
   * A continuing run's playlists on disk as players get them (the kept segments, then this run's),
   * for the measured rates and the downloads; the files that are in none (this run's own init files,
   * its audio segments that were kept) are removed so they are never uploaded.
   */
  private static void joinPlaylists(RunStart start, Path out, List<String> renditionDirs) throws IOException {
    for (String rendition : renditionDirs) {
      Path dir = out.resolve(rendition);
      String joined = start.playlist(rendition, Files.readString(dir.resolve(HlsOutput.PLAYLIST)));
      Files.writeString(dir.resolve(HlsOutput.PLAYLIST), joined);
      Set<String> listed = new HashSet<>(HlsOutput.listedFiles(joined));
      listed.add(HlsOutput.PLAYLIST);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> !listed.contains(f.getFileName().toString())).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** One rendition as ffmpeg left it: its playlist as stored (into {@code playlists}), and its measured rates. */
  private static HlsOutput.Bitrates finished(Path out, String rendition, Map<String, String> playlists)
      throws IOException {
    Path dir = out.resolve(rendition);
    playlists.put(rendition, HlsOutput.finalPlaylist(Files.readString(dir.resolve(HlsOutput.PLAYLIST))));
    return HlsOutput.measure(dir);
  }

  /** The ladder before it is measured: each rung at its encoder targets (peak = maxrate). */
  private static List<Rendition> planned(List<Ladder.Rung> rungs, double fps) {
    return rungs.stream().map(rung -> new Rendition(rung.name(), rung.width(), rung.height(),
        rung.maxrateKbps() * 1000L, rung.videoKbps() * 1000L, rung.codecs(false), fps)).toList();
  }

  private static Rendition plannedAudio() {
    return Rendition.audio(LadderCommand.AUDIO, LadderCommand.AUDIO_KBPS * 1000L, LadderCommand.AUDIO_KBPS * 1000L);
  }

  /**
   * The progressive MP4 of every rendition, remuxed in one ffmpeg run from the segments still on
   * disk into {@code out/downloads/{rung}.mp4} (uploaded with the rest). When ffmpeg refuses the
   * remux the video has no downloads, and the job says so in the log: the video still plays, so the
   * job does not fail for it. The audio is its own rendition, mapped into every MP4.
   */
  private List<Download> remuxDownloads(String videoId, List<Ladder.Rung> rungs, boolean hasAudio, Path out)
      throws Exception {
    Path dir = Files.createDirectories(out.resolve(VideoUrls.DOWNLOADS));
    Path audio = hasAudio ? out.resolve(LadderCommand.AUDIO).resolve(HlsOutput.PLAYLIST) : null;
    List<Mp4Remux.Target> targets = new ArrayList<>();
    for (Ladder.Rung rung : rungs) {
      targets.add(new Mp4Remux.Target(out.resolve(rung.name()).resolve(HlsOutput.PLAYLIST),
          dir.resolve(VideoUrls.downloadFile(rung.name()))));
    }
    if (!runAfterLadder(videoId, Mp4Remux.arguments(targets, audio), dir, "MP4 remux")) {
      return List.of();
    }
    List<Download> downloads = new ArrayList<>();
    for (int i = 0; i < rungs.size(); i++) {
      downloads.add(new Download(rungs.get(i).name(), Files.size(targets.get(i).mp4())));
    }
    return downloads;
  }

  /**
   * The file's text subtitle streams as caption tracks, written as WebVTT by one short ffmpeg run
   * and then checked like an uploaded file. A stream that fails the check, or a language seen
   * already, is left out with a log line: the video does not fail for its subtitles.
   */
  private List<SourceCaptions> extractCaptions(String videoId, Path source, List<SubtitleStreams.Stream> streams,
                                               Path dir) throws Exception {
    if (streams.isEmpty()) {
      return List.of();
    }
    Files.createDirectories(dir);
    try {
      if (!runAfterLadder(videoId, SubtitleStreams.arguments(source, streams, dir), dir, "subtitle extraction")) {
        return List.of();
      }
      List<SourceCaptions> found = new ArrayList<>();
      Set<String> languages = new HashSet<>();
      for (int i = 0; i < streams.size(); i++) {
        SubtitleStreams.Stream stream = streams.get(i);
        String language = SubtitleStreams.languageTag(stream.language());
        if (!languages.add(language)) {
          LOG.info("subtitle stream {} of {} left out: a track in {} came first", stream.index(), videoId, language);
          continue;
        }
        try {
          List<Cue> cues = CaptionFile.parse(Files.readAllBytes(dir.resolve(i + ".vtt")));
          CaptionTrack track = new CaptionTrack(language, CaptionLanguage.labelFromTitle(stream.title(), language),
              false, CaptionTrack.Source.EMBEDDED, cues.size());
          found.add(new SourceCaptions(track, CaptionFile.toWebVtt(cues)));
        } catch (KinoraException unusable) {
          LOG.info("subtitle stream {} of {} left out: {}", stream.index(), videoId, unusable.getMessage());
        }
      }
      return found;
    } finally {
      TempFiles.deleteRecursively(dir);
    }
  }

  /** The thumbnails the ladder run drew, tiled into {@code out/storyboard/}; null if there are none. */
  private Storyboard drawSheets(String videoId, Storyboard planned, Path out) throws Exception {
    Path thumbnails = LadderCommand.thumbnailDir(out);
    int drawn = StoryboardSheets.written(thumbnails);
    if (drawn == 0) {
      return null;
    }
    Path sheets = Files.createDirectories(out.resolve(VideoUrls.STORYBOARD));
    Storyboard board = StoryboardSheets.drawn(planned, drawn);
    return runAfterLadder(videoId, StoryboardSheets.arguments(thumbnails, board, sheets), sheets, "storyboard")
        ? board : null;
  }

  /**
   * One short ffmpeg run over the ladder's files that the video can do without (downloads, the
   * storyboard): false, and its half-written {@code dir} removed, when ffmpeg refuses. A full disk,
   * a run killed from outside or a stopped job fail the attempt like the ladder run would.
   */
  private boolean runAfterLadder(String videoId, List<String> args, Path dir, String what) throws Exception {
    FFmpeg ffmpeg = FFmpeg.atPath(ffmpegDir).setOverwriteOutput(true).setContextName(videoId);
    args.forEach(ffmpeg::addArgument);
    Deque<String> errors = new ConcurrentLinkedDeque<>();
    ffmpeg.setOutputListener(line -> {
      if (errorLine(line)) {
        errors.addLast(line.trim());
      }
    });
    ExecutionException failed = awaitRun(videoId, ffmpeg.executeAsync(), () -> { });
    if (failed == null) {
      return true;
    }
    if (TempFiles.outOfSpace(dir, failed, errors.toArray(String[]::new))) {
      throw outOfTempSpace(videoId, failed);
    }
    int signal = killedBy(failed);
    if (signal > 0) {
      throw new IllegalStateException("ffmpeg was killed (signal " + signal + ") in the " + what + " of " + videoId, failed);
    }
    LOG.warn("{} of {} failed, the video goes without it: {}", what, videoId, errors, failed);
    TempFiles.deleteRecursively(dir);
    return false;
  }

  /**
   * Waits for one ffmpeg run of this job, calling {@code whileRunning} every poll. Its failure comes
   * back as its ExecutionException (null when it succeeded); a stopped job or an interrupt is thrown.
   */
  private ExecutionException awaitRun(String videoId, FFmpegResultFuture execution, Runnable whileRunning) {
    running.put(videoId, execution);
    try {
      while (true) {
        try {
          execution.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return null;
        } catch (TimeoutException stillRunning) {
          try {
            whileRunning.run();
          } catch (RuntimeException e) {
            execution.forceStop();
            awaitExit(execution);
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      execution.forceStop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("transcoding of " + videoId + " was interrupted");
    } catch (CancellationException e) {
      throw new IllegalStateException("transcoding of " + videoId + " was stopped");
    } catch (ExecutionException e) {
      if (!running.containsKey(videoId)) {
        throw new IllegalStateException("transcoding of " + videoId + " was stopped");
      }
      return e;
    } finally {
      running.remove(videoId);
    }
  }

  /**
   * Waits for a stopped ffmpeg to be gone: stopped, it still flushes its outputs for a moment, and a
   * run started again in the same directories would find its files overwritten or renamed under it.
   */
  private static void awaitExit(FFmpegResultFuture execution) {
    try {
      execution.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException | TimeoutException ended) {
      // stopped: how it ended does not matter here
    }
  }

  /** The ladder run; answers the source's loudness as the run measured it (null if it did not). */
  private SourceLoudness encode(String videoId, Path source, SourceInfo info, List<Ladder.Rung> rungs, Path out,
                                String output, RunStart start, IntConsumer progress, Runnable whileRunning)
      throws InputRejected {
    List<String> args = LadderCommand.arguments(source, info, rungs, out, output, settings, start);
    LoudnessReport loudness = new LoudnessReport();
    Deque<String> errors = new ArrayDeque<>();
    FFmpeg ffmpeg = FFmpeg.atPath(ffmpegDir).setOverwriteOutput(true).setContextName(videoId);
    for (String arg : args) {
      ffmpeg.addArgument(arg);
    }
    long durationMillis = Math.max(1, Math.round(info.durationSeconds() * 1000));
    ffmpeg.setProgressListener(p -> {
      if (p.getTimeMillis() != null) {
        progress.accept((int) Math.min(99, p.getTimeMillis() * 100 / durationMillis));
      }
    });
    Deque<String> tail = new ArrayDeque<>();
    ffmpeg.setOutputListener(line -> {
      loudness.line(line);
      synchronized (tail) {
        if (tail.size() == LOG_LINES_KEPT) {
          tail.removeFirst();
        }
        tail.addLast(line);
      }
      if (errorLine(line)) {
        if (errors.size() == ERROR_LINES_KEPT) {
          errors.removeFirst();
        }
        errors.addLast(line.trim());
      }
    });
    ExecutionException failed = awaitRun(videoId, ffmpeg.executeAsync(), whileRunning);
    if (failed == null) {
      return loudness.measured();
    }
    LOG.warn("ffmpeg failed for {}: {}", videoId, errors, failed);
    if (TempFiles.outOfSpace(out, failed, errors.toArray(String[]::new))) {
      // the disk, not the file: never tell the uploader their video is damaged for this
      throw outOfTempSpace(videoId, failed);
    }
    int signal = killedBy(failed);
    if (signal > 0) {
      // killed from outside (the OOM killer, an operator): the machine's trouble, not the file's
      throw new IllegalStateException("ffmpeg was killed (signal " + signal + ") while transcoding " + videoId, failed);
    }
    String detail = errors.isEmpty() ? "ffmpeg stopped with an error" : errors.getLast();
    List<String> log;
    synchronized (tail) {
      log = List.copyOf(tail);
    }
    throw new InputRejected("FFmpeg could not decode this video (" + detail + "). The file may be "
        + "damaged: re-export it from your editor or camera app and upload it again.", log);
  }

  /** A line of ffmpeg's output worth keeping: the sentence a failure is explained with. */
  private static boolean errorLine(String line) {
    return line.contains("rror") || line.contains("nvalid") || line.contains("corrupt") || line.contains("No space");
  }

  /**
   * The signal that ended ffmpeg, or 0 when it exited on its own. Java reports a process killed by
   * signal N as exit status 128 + N, which Jaffree puts in its message.
   */
  static int killedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher status = EXIT_STATUS.matcher(String.valueOf(t.getMessage()));
      if (status.find()) {
        int code = Integer.parseInt(status.group(1));
        return code > 128 && code < 160 ? code - 128 : 0;
      }
    }
    return 0;
  }

  /** Wall time per stage, for the log line that explains where a job's time went. */
  private static final class StageClock {
    private final StringBuilder laps = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      laps.append(laps.length() == 0 ? "" : ", ").append(stage).append(' ')
          .append((now - last) / 1_000_000).append(" ms");
      last = now;
    }

    @Override
    public String toString() {
      return laps.toString();
    }
  }

  public static String outputPrefix(int attempt) {
    return "r" + attempt;
  }

  /** Stops the ffmpeg of a job at once (graceful node stop hands the job back). */
  public void cancel(String videoId) {
    CompletableFuture<Void> uploads = uploadsStopped.get(videoId);
    if (uploads != null) {
      uploads.completeExceptionally(new IllegalStateException("transcoding of " + videoId + " was stopped"));
    }
    FFmpegResultFuture running = this.running.remove(videoId);
    if (running != null) {
      running.forceStop();
    }
  }
}
