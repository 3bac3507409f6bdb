package io.kinora.jobs;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.support.RedisServer;
import io.kinora.video.ProcessedVideo;
import io.kinora.video.Rendition;
import io.kinora.video.SegmentFormat;
import io.kinora.video.VideoCache;
import io.kinora.video.VideoChanges;
import io.kinora.video.VideoFields;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.kinora.video.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.kinora.jobs.VideoLifecycleIT.Action.ADMIN_RETRY;
import static io.kinora.jobs.VideoLifecycleIT.Action.ATTACH_PARTS;
import static io.kinora.jobs.VideoLifecycleIT.Action.BEGIN;
import static io.kinora.jobs.VideoLifecycleIT.Action.CLAIM_AND_BEGIN;
import static io.kinora.jobs.VideoLifecycleIT.Action.DELETE_THEN_FINISH;
import static io.kinora.jobs.VideoLifecycleIT.Action.ENQUEUE;
import static io.kinora.jobs.VideoLifecycleIT.Action.FINISH_FAILED;
import static io.kinora.jobs.VideoLifecycleIT.Action.FINISH_READY;
import static io.kinora.jobs.VideoLifecycleIT.Action.LEASE_LAPSES_AND_REAPER_RUNS;
import static io.kinora.jobs.VideoLifecycleIT.Action.RELEASE;
import static io.kinora.jobs.VideoLifecycleIT.Action.RENEW;
import static io.kinora.jobs.VideoLifecycleIT.Action.RETRY_LATER;
import static io.kinora.jobs.VideoLifecycleIT.Action.REAPER_RUNS;
import static io.kinora.jobs.VideoLifecycleIT.From.AWAITING_UPLOAD;
import static io.kinora.jobs.VideoLifecycleIT.From.FAILED;
import static io.kinora.jobs.VideoLifecycleIT.From.HANDED_BACK;
import static io.kinora.jobs.VideoLifecycleIT.From.PROCESSING;
import static io.kinora.jobs.VideoLifecycleIT.From.PROCESSING_TAKEN_OVER;
import static io.kinora.jobs.VideoLifecycleIT.From.QUEUED;
import static io.kinora.jobs.VideoLifecycleIT.From.READY;
import static io.kinora.jobs.VideoLifecycleIT.Outcome.DONE;
import static io.kinora.jobs.VideoLifecycleIT.Outcome.LEASE_LOST;
import static io.kinora.jobs.VideoLifecycleIT.Outcome.REFUSED;
import static io.kinora.jobs.VideoLifecycleIT.Outcome.VIDEO_GONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life of a video record, as a table walked against a real Redis through the methods the
 * node calls ({@link JobQueue}, {@link VideoRepository}): each row starts a fresh video in a state,
 * does one thing, and says what must follow: whether it was accepted, the status, where the job
 * is, and the fields that must hold. Refused rows change nothing.
 */
class VideoLifecycleIT {

  /** The worker that claims first, and the one that takes a job over after W1's lease lapsed. */
  private static final String W1 = "node-1/worker-1";
  private static final String W2 = "node-2/worker-1";
  private static final long LEASE_MS = 60_000;
  private static final String OWNER = "owner0000001";

  /** Where a row starts, reached through the same calls a node makes. */
  enum From { AWAITING_UPLOAD, QUEUED, PROCESSING, READY, FAILED, HANDED_BACK, PROCESSING_TAKEN_OVER }

  /** What a row does, as W1 (the worker that first claimed the job) unless it says otherwise. */
  enum Action {
    ENQUEUE, CLAIM_AND_BEGIN, BEGIN, RENEW, FINISH_READY, FINISH_FAILED, RELEASE, RETRY_LATER, REAPER_RUNS,
    LEASE_LAPSES_AND_REAPER_RUNS, ADMIN_RETRY, ATTACH_PARTS, DELETE_THEN_FINISH
  }

  enum Outcome { DONE, REFUSED, LEASE_LOST, VIDEO_GONE }

  /** Where the job is afterwards: in the queue, running (a worker's or waiting out a pause), among the failed, or nowhere. */
  enum Job { IN_QUEUE, RUNNING, FAILED_LIST, NONE }

  record Row(From from, Action action, Outcome outcome, VideoStatus status, Job job, Map<String, String> fields) {
    @Override
    public String toString() {
      return from + " --" + action + "--> " + outcome + ", " + (status == null ? "gone" : status.wire()) + ", job " + job;
    }
  }

  static Stream<Row> table() {
    return Stream.of(
        // the way through
        new Row(AWAITING_UPLOAD, ENQUEUE, DONE, VideoStatus.QUEUED, Job.IN_QUEUE,
            Map.of(VideoFields.PROGRESS, "0", VideoFields.SIZE, "1000", VideoFields.ORIGINAL_ETAG, "etag-1")),
        new Row(QUEUED, CLAIM_AND_BEGIN, DONE, VideoStatus.PROCESSING, Job.RUNNING,
            Map.of(VideoFields.ATTEMPTS, "1", VideoFields.WORKER, W1)),
        new Row(PROCESSING, RENEW, DONE, VideoStatus.PROCESSING, Job.RUNNING, Map.of()),
        new Row(PROCESSING, FINISH_READY, DONE, VideoStatus.READY, Job.NONE,
            Map.of(VideoFields.PROGRESS, "100", VideoFields.ERROR, "", VideoFields.OUTPUT, "run-1",
                VideoFields.SEGMENT_FORMAT, "fmp4")),
        // failing, and retried by an administrator
        new Row(PROCESSING, FINISH_FAILED, DONE, VideoStatus.FAILED, Job.FAILED_LIST,
            Map.of(VideoFields.ERROR, "could not decode", VideoFields.FAILURE_LOG, "line 1\nline 2",
                VideoFields.PLAYABLE, "0")),
        new Row(FAILED, ADMIN_RETRY, DONE, VideoStatus.QUEUED, Job.IN_QUEUE,
            Map.of(VideoFields.ATTEMPTS, "0", VideoFields.ERROR, "", VideoFields.PLAYABLE, "0")),
        // handed back, and retried by the next worker
        new Row(PROCESSING, RELEASE, DONE, VideoStatus.QUEUED, Job.IN_QUEUE, Map.of(VideoFields.PROGRESS, "0")),
        new Row(PROCESSING, RETRY_LATER, DONE, VideoStatus.QUEUED, Job.RUNNING, Map.of()),
        new Row(PROCESSING, LEASE_LAPSES_AND_REAPER_RUNS, DONE, VideoStatus.QUEUED, Job.IN_QUEUE, Map.of()),
        new Row(HANDED_BACK, CLAIM_AND_BEGIN, DONE, VideoStatus.PROCESSING, Job.RUNNING,
            Map.of(VideoFields.ATTEMPTS, "2", VideoFields.WORKER, W1)),
        new Row(PROCESSING_TAKEN_OVER, FINISH_READY, LEASE_LOST, VideoStatus.PROCESSING, Job.RUNNING,
            Map.of(VideoFields.WORKER, W2, VideoFields.ATTEMPTS, "2")),
        // refused: nothing changes
        new Row(PROCESSING_TAKEN_OVER, FINISH_FAILED, LEASE_LOST, VideoStatus.PROCESSING, Job.RUNNING,
            Map.of(VideoFields.WORKER, W2, VideoFields.ERROR, "")),
        new Row(PROCESSING_TAKEN_OVER, RELEASE, LEASE_LOST, VideoStatus.PROCESSING, Job.RUNNING, Map.of()),
        new Row(PROCESSING_TAKEN_OVER, BEGIN, LEASE_LOST, VideoStatus.PROCESSING, Job.RUNNING,
            Map.of(VideoFields.ATTEMPTS, "2")),
        new Row(PROCESSING_TAKEN_OVER, RENEW, LEASE_LOST, VideoStatus.PROCESSING, Job.RUNNING, Map.of()),
        new Row(PROCESSING, REAPER_RUNS, REFUSED, VideoStatus.PROCESSING, Job.RUNNING, Map.of()),
        new Row(READY, ENQUEUE, REFUSED, VideoStatus.READY, Job.NONE, Map.of(VideoFields.PROGRESS, "100")),
        new Row(QUEUED, ENQUEUE, REFUSED, VideoStatus.QUEUED, Job.IN_QUEUE, Map.of()),
        new Row(QUEUED, ADMIN_RETRY, REFUSED, VideoStatus.QUEUED, Job.IN_QUEUE, Map.of()),
        new Row(READY, ADMIN_RETRY, REFUSED, VideoStatus.READY, Job.NONE, Map.of()),
        new Row(PROCESSING, ATTACH_PARTS, REFUSED, VideoStatus.PROCESSING, Job.RUNNING, Map.of()),
        new Row(AWAITING_UPLOAD, ATTACH_PARTS, DONE, VideoStatus.AWAITING_UPLOAD, Job.NONE,
            Map.of(VideoFields.UPLOAD_ID, "upload-1", VideoFields.PART_SIZE, "500")),
        // the video deleted while its job ran: the job ends, nothing is written back
        new Row(PROCESSING, DELETE_THEN_FINISH, VIDEO_GONE, null, Job.NONE, Map.of()));
  }

  private static Vertx vertx;
  private static RedisServer server;
  private static RedisStore redis;
  private static JobQueue queue;
  private static VideoRepository videos;

  private String id;
  private int idCount;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = RedisServer.start();
    redis = server.connect(vertx);
    queue = new JobQueue(redis);
    videos = new VideoRepository(redis, new VideoChanges(vertx.eventBus(), new VideoCache()));
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
    server.close();
    await(vertx.close());
  }

  @BeforeEach
  void freshRedis() throws Exception {
    await(redis.api().flushall(List.of()));
    await(redis.api().hset(List.of(RedisKeys.user(OWNER), "quotaBytes", "1000000")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theRecordMovesAsTheTableSays(Row row) throws Exception {
    arrange(row.from());
    Map<String, String> before = hash();

    Outcome outcome = act(row.action());

    assertEquals(row.outcome(), outcome, row.toString());
    Map<String, String> after = hash();
    if (row.status() == null) {
      assertTrue(after.isEmpty(), "the record stays gone: " + after);
    } else {
      assertEquals(row.status().wire(), after.get(VideoFields.STATUS), row.toString());
    }
    row.fields().forEach((field, value) -> assertEquals(value, after.get(field), field + " after " + row));
    assertJob(row.job());
    if (row.outcome() == REFUSED || row.outcome() == LEASE_LOST) {
      assertEquals(before, after, "a refused step changes nothing");
    } else if (row.outcome() == DONE && row.action() != RENEW && row.action() != ATTACH_PARTS) {
      assertTrue(Long.parseLong(after.get(VideoFields.SEQ)) > Long.parseLong(before.get(VideoFields.SEQ)),
          "every status change bumps the event sequence");
    }
  }

  /** Brings a fresh video to {@code from} through the calls a node makes. */
  private void arrange(From from) throws Exception {
    id = "LifecycleVideo" + String.format("%08d", ++idCount);
    Caller owner = new Caller(OWNER, "owner", false, Caller.Via.SESSION);
    await(videos.create(id, owner, Visibility.PUBLIC, "A clip", "", "clip.mp4", 1000));
    if (from == AWAITING_UPLOAD) {
      return;
    }
    assertTrue(await(queue.enqueue(id, 1000, "etag-1")).queued());
    if (from == QUEUED) {
      return;
    }
    claimAndBegin(W1);
    switch (from) {
      case READY -> assertEquals(Outcome.DONE, outcome(await(queue.finish(id, W1, readyFields(), Map.of("720p", "#EXTM3U\n")))));
      case FAILED -> assertEquals(Outcome.DONE, outcome(await(queue.finish(id, W1, failedFields(), Map.of()))));
      case HANDED_BACK -> assertEquals(Outcome.DONE, outcome(await(queue.release(id, W1))));
      case PROCESSING_TAKEN_OVER -> {
        // W1 stopped renewing: its lease lapsed (as its TTL would), the reaper requeued the job, W2 took it
        await(redis.api().del(List.of(RedisKeys.lease(id))));
        assertEquals(List.of(id), await(queue.requeueAbandoned()));
        claimAndBegin(W2);
      }
      default -> {
      }
    }
  }

  private Outcome act(Action action) throws Exception {
    return switch (action) {
      case ENQUEUE -> await(queue.enqueue(id, 1000, "etag-1")).queued() ? DONE : REFUSED;
      case CLAIM_AND_BEGIN -> claimAndBegin(W1);
      case BEGIN -> begun(await(queue.begin(id, W1)));
      case RENEW -> await(queue.renew(id, W1, LEASE_MS)) ? DONE : LEASE_LOST;
      case FINISH_READY -> outcome(await(queue.finish(id, W1, readyFields(), Map.of("720p", "#EXTM3U\n"))));
      case FINISH_FAILED -> outcome(await(queue.finish(id, W1, failedFields(), Map.of())));
      case RELEASE -> outcome(await(queue.release(id, W1)));
      case RETRY_LATER -> outcome(await(queue.retryLater(id, W1, LEASE_MS)));
      case REAPER_RUNS -> await(queue.requeueAbandoned()).contains(id) ? DONE : REFUSED;
      case LEASE_LAPSES_AND_REAPER_RUNS -> {
        await(redis.api().del(List.of(RedisKeys.lease(id))));
        yield await(queue.requeueAbandoned()).contains(id) ? DONE : REFUSED;
      }
      case ADMIN_RETRY -> await(queue.retryFailed(id)) > 0 ? DONE : REFUSED;
      case ATTACH_PARTS -> await(videos.attachParts(id, "upload-1", 500)) ? DONE : REFUSED;
      case DELETE_THEN_FINISH -> {
        await(videos.delete(await(videos.find(id))));
        yield outcome(await(queue.finish(id, W1, readyFields(), Map.of())));
      }
    };
  }

  private Outcome claimAndBegin(String worker) throws Exception {
    assertEquals(id, await(queue.claim(worker, LEASE_MS)));
    return begun(await(queue.begin(id, worker)));
  }

  private static Outcome begun(JobQueue.Begun begun) {
    if (begun instanceof JobQueue.Started) {
      return DONE;
    }
    return begun instanceof JobQueue.LeaseLost ? LEASE_LOST : VIDEO_GONE;
  }

  private void assertJob(Job job) throws Exception {
    boolean queued = await(queue.queued()).contains(id);
    boolean running = await(redis.api().sismember(RedisKeys.JOBS_RUNNING, id)).toBoolean();
    boolean failed = await(redis.api().zscore(RedisKeys.JOBS_FAILED, id)) != null;
    assertEquals(job == Job.IN_QUEUE, queued, "in the queue");
    assertEquals(job == Job.RUNNING, running, "running");
    assertEquals(job == Job.FAILED_LIST, failed, "among the failed");
    if (job == Job.IN_QUEUE) {
      assertFalse(await(redis.api().exists(List.of(RedisKeys.lease(id)))).toBoolean(), "a queued job has no lease");
    }
  }

  private static Outcome outcome(JobQueue.Ended ended) {
    if (ended instanceof JobQueue.Done) {
      return DONE;
    }
    return ended instanceof JobQueue.LeaseLost ? LEASE_LOST : VIDEO_GONE;
  }

  private static Map<String, String> readyFields() {
    Rendition hd = new Rendition("720p", 1280, 720, 2_500_000, 2_000_000, "avc1.64001f,mp4a.40.2", 30);
    return VideoRepository.readyFields(new ProcessedVideo(10, 1280, 720, List.of(hd), Map.of("720p", "#EXTM3U\n"),
        "run-1", SegmentFormat.FMP4, null, List.of(), null, List.of(), null));
  }

  private static Map<String, String> failedFields() {
    return VideoRepository.failedFields("could not decode", List.of("line 1", "line 2"));
  }

  private Map<String, String> hash() throws Exception {
    return io.kinora.platform.redis.Replies.hash(await(redis.api().hgetall(RedisKeys.video(id))));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
