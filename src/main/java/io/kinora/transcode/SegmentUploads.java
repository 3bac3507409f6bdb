package io.kinora.transcode;

import io.kinora.platform.s3.MediaTypes;
import io.kinora.platform.s3.ObjectStorage;
import io.vertx.core.WorkerExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The uploads of one job's output: each file once, several at once (each PUT mostly waits on the
 * network). While ffmpeg runs, {@link #poll} uploads what a rendition's playlist lists (its init
 * file, then its segments): ffmpeg rewrites an EVENT playlist atomically after each finished
 * segment, so a listed file is complete. Once every rendition has its init file and a first
 * segment in storage, each poll that finds more stored tells {@code stored} the playlists so far,
 * and the video plays while it is processing; {@link #storeAllSegments} completes them once ffmpeg
 * is done. {@link #finish} uploads the rest (the poster, the
 * last segments, the storyboard, the downloads) and waits for all. The first failure (or a cancel)
 * stops the batch: queued uploads skip their PUT, and the job fails after one storage timeout,
 * not one per segment. Used from the job's one thread, apart from the PUTs' completions.
 */
final class SegmentUploads {

  private final ObjectStorage storage;
  private final WorkerExecutor uploaders;
  private final String keyPrefix;
  private final Path out;
  private final List<String> renditions;
  private final RunStart start;
  private final Consumer<Map<String, String>> stored;
  private final Set<Path> submitted = new HashSet<>();
  private final Set<Path> done = ConcurrentHashMap.newKeySet();
  private final List<CompletableFuture<Void>> puts = new ArrayList<>();
  private Map<String, String> told = Map.of();
  final CompletableFuture<Void> stopped = new CompletableFuture<>();

  /**
   * @param renditions the directories under {@code out} to watch, one per rendition
   * @param start      where the run started: a continuing run's playlists begin with the kept segments,
   *                   already on disk, which are uploaded first and told before anything shorter
   * @param stored     hears every rendition's playlist cut to what is stored, by rendition name
   */
  SegmentUploads(ObjectStorage storage, WorkerExecutor uploaders, String keyPrefix, Path out, List<String> renditions,
                 RunStart start, Consumer<Map<String, String>> stored) {
    this.storage = storage;
    this.uploaders = uploaders;
    this.keyPrefix = keyPrefix;
    this.out = out;
    this.renditions = List.copyOf(renditions);
    this.start = start;
    this.stored = stored;
  }

  void poll() {
    Map<String, String> playlists = new LinkedHashMap<>();
    for (String rendition : renditions) {
      Path dir = out.resolve(rendition);
      String written;
      try {
        written = Files.readString(dir.resolve(HlsOutput.PLAYLIST));
      } catch (IOException notYet) {
        written = null; // not written yet (or being renamed into place): the next poll sees it
      }
      String playlist = start.playlist(rendition, written);
      if (playlist == null) {
        continue;
      }
      for (String file : HlsOutput.listedFiles(playlist)) {
        submit(dir.resolve(file));
      }
      String soFar = HlsOutput.storedSoFar(playlist, file -> done.contains(dir.resolve(file)));
      if (soFar != null) {
        playlists.put(rendition, soFar);
      }
    }
    // playable only when every rendition can start: a player may pick any of them; and a continuing
    // run never tells less than the earlier run did, whose playlists players may have already
    if (playlists.size() == renditions.size() && keptStored() && !playlists.equals(told)) {
      told = playlists;
      stored.accept(playlists);
    }
  }

  private boolean keptStored() {
    return renditions.stream().allMatch(rendition ->
        start.keptFiles(rendition).stream().allMatch(file -> done.contains(out.resolve(rendition).resolve(file))));
  }

  private void submit(Path file) {
    if (!submitted.add(file) || stopped.isDone()) {
      return;
    }
    String key = keyPrefix + out.relativize(file).toString().replace('\\', '/');
    puts.add(uploaders.<Void>executeBlocking(() -> {
      if (!stopped.isDone()) {
        storage.upload(ObjectStorage.MEDIA, key, file, MediaTypes.of(file.getFileName().toString()));
        done.add(file);
      }
      return null;
    }, false).toCompletionStage().toCompletableFuture()
        .whenComplete((v, err) -> {
          if (err != null) {
            stopped.completeExceptionally(err);
          }
        }));
  }

  /**
   * After ffmpeg ended: every segment it listed in storage and the complete playlists (with their
   * end) told, so a viewer already watching plays on to the last frame while the job still makes
   * the downloads and the storyboard.
   */
  void storeAllSegments() throws Exception {
    poll();
    awaitPuts();
    poll();
  }

  void finish() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    files.forEach(this::submit);
    try {
      awaitPuts();
    } finally {
      stopped.cancel(false);
    }
  }

  /** Waits for every PUT submitted so far; the first failure (or a cancel) is thrown at once. */
  private void awaitPuts() throws Exception {
    try {
      // this is a worker thread: blocking on the uploads here is what it is for
      CompletableFuture.anyOf(CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)), stopped).get();
      if (stopped.isCompletedExceptionally()) {
        stopped.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
          ? wrapped.getCause() : e.getCause();
      throw cause instanceof Exception exception ? exception : e;
    }
  }

  /**
   * The job failed: no more PUTs, and the ones under way end before the job does, so the
   * clean-up of this attempt's prefix that follows a failure does not race a late segment.
   */
  void abandon() {
    stopped.cancel(false);
    try {
      CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException ignored) {
      // the job's own failure is what it reports
    }
  }
}
