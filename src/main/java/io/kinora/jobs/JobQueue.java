package io.kinora.jobs;

import io.kinora.platform.http.PageRequest;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.kinora.video.EarlierRun;
import io.kinora.video.PartialOutput;
import io.kinora.video.VideoFields;
import io.kinora.video.VideoQueue;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.Collections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable transcode queue. A job is a video ID in a Redis list; claiming it moves it to a
 * running set with a lease (a key with a TTL naming the worker). The worker renews the lease
 * while it works; a reaper on every node puts jobs whose lease lapsed back at the head of the
 * queue. Finishing is only accepted from the lease holder, so a job never completes twice.
 * The scripts change the video's status fields in the same atomic step (see RedisKeys).
 */
public final class JobQueue implements VideoQueue {

  // each script's KEYS and ARGV are in the head of its file, src/main/resources/lua/jobs/

  /** The upload is complete: queues the video if it still awaited its upload. */
  private static final LuaScript ENQUEUE = load("enqueue").durable();
  /** Takes the job at the head of the queue under a lease, if it is still the one read there. */
  private static final LuaScript CLAIM = load("claim");
  /** Counts the attempt, marks the video processing and notes the worker, if the lease is still the worker's. */
  private static final LuaScript BEGIN = load("begin").durable();
  /**
   * Stores what a run under way has in storage (see {@link PartialOutput}) if this worker still
   * holds the job, the video is processing and this attempt is still the video's latest.
   */
  private static final LuaScript STORE_PARTIAL = load("store-partial");
  private static final LuaScript RENEW = load("renew");
  /** Ends a job (ready or failed) if this worker still holds it, and counts it (see {@link JobStats}). */
  private static final LuaScript FINISH = load("finish").durable();
  /** An administrator runs a failed job again: queued at the back, attempts from zero. */
  private static final LuaScript RETRY_FAILED = load("retry-failed").durable();
  /** Hands a job back (graceful stop, transient error): front of the queue, status queued. */
  private static final LuaScript RELEASE = load("release").durable();
  /**
   * Hands a job back to run again after a pause (a transient failure: storage or disk). The job
   * stays in the running set under a lease named {@link #RETRY_WAIT} that lapses after the pause;
   * the reaper then puts it back in the queue as it would a dead worker's, so the pause holds on
   * every node and survives restarts. Status queued meanwhile.
   */
  private static final LuaScript RETRY_LATER = load("retry-later").durable();
  /** Puts one running job whose lease lapsed back at the head of the queue. */
  private static final LuaScript REQUEUE_ABANDONED = load("requeue-abandoned").durable();

  /** Who holds the lease of a job waiting to be retried: no worker is ever called that. */
  static final String RETRY_WAIT = "retry-wait";

  /**
   * Claims lost to other workers before {@link #claim} answers "nothing": each lost one means
   * another worker took a job, so the queue moved on; the caller simply polls again.
   */
  private static final int CLAIM_TRIES = 5;

  private static LuaScript load(String name) {
    return LuaScript.load("jobs/" + name, VideoFields.SCRIPT_WORDS);
  }

  /** What the scripts answer instead of a sequence number; only {@link #ended} and begin read them. */
  private static final int VIDEO_GONE = -1;
  private static final int LEASE_LOST = -2;

  private final RedisStore redis;

  public JobQueue(RedisStore redis) {
    this.redis = redis;
  }

  /** How starting a claimed job went. */
  public sealed interface Begun {
  }

  /**
   * The job runs now: its attempt number (1 for the first run) and the event sequence.
   *
   * @param originalEtag the original's ETag when its upload completed: the run processes that file only
   * @param earlier      what an interrupted earlier attempt stored and made playable, or null
   */
  public record Started(int attempt, long seq, String originalEtag, EarlierRun earlier) implements Begun {
  }

  /** How ending a job (begin, finish, release) went, when it did not simply happen. */
  public sealed interface Ended {
  }

  /** Done; {@code seq} is the event sequence number of the status written. */
  public record Done(long seq) implements Ended {
  }

  /** The video was deleted while its job waited or ran. */
  public record VideoGone() implements Begun, Ended {
  }

  /** Another worker holds the job now (this one stopped renewing in time). */
  public record LeaseLost() implements Begun, Ended {
  }

  @Override
  public Future<Enqueued> enqueue(String id, long sizeBytes, String originalEtag) {
    return redis.run(ENQUEUE, List.of(RedisKeys.video(id), RedisKeys.JOB_QUEUE),
            List.of(id, Instant.now().toString(), Long.toString(sizeBytes), originalEtag))
        .map(r -> r.get(0).toInteger() == 1
            ? new Enqueued(true, r.get(1).toLong())
            : new Enqueued(false, 0));
  }

  /** Jobs waiting in the queue now. */
  public Future<Long> depth() {
    return redis.api().llen(RedisKeys.JOB_QUEUE).map(Response::toLong);
  }

  /** The next video ID to work on, or null when the queue is empty. */
  public Future<String> claim(String workerId, long leaseMillis) {
    return claim(workerId, leaseMillis, CLAIM_TRIES);
  }

  /** Reads the head of the queue, then claims it if no other worker took it meanwhile. */
  private Future<String> claim(String workerId, long leaseMillis, int tries) {
    return redis.api().lindex(RedisKeys.JOB_QUEUE, "-1").compose(head -> {
      if (head == null) {
        return Future.succeededFuture(null);
      }
      String id = head.toString();
      return redis.run(CLAIM, List.of(RedisKeys.JOB_QUEUE, RedisKeys.JOBS_RUNNING, RedisKeys.lease(id)),
              List.of(workerId, Long.toString(leaseMillis), id))
          .compose(r -> {
            if (r.toInteger() == 1) {
              return Future.succeededFuture(id);
            }
            return tries > 1 ? claim(workerId, leaseMillis, tries - 1) : Future.succeededFuture(null);
          });
    });
  }

  /** Counts the attempt and marks the video processing, if the job is still this worker's. */
  public Future<Begun> begin(String id, String workerId) {
    return redis.run(BEGIN, List.of(RedisKeys.video(id), RedisKeys.lease(id), RedisKeys.playlists(id)),
            List.of(Instant.now().toString(), workerId))
        .<Begun>map(r -> switch (r.get(0).toInteger()) {
          case LEASE_LOST -> new LeaseLost();
          case VIDEO_GONE -> new VideoGone();
          default -> new Started(r.get(0).toInteger(), r.get(1).toLong(), r.get(2).toString(), earlierRun(r));
        });
  }

  private static EarlierRun earlierRun(Response begun) {
    String output = begun.get(3).toString();
    Map<String, String> playlists = Replies.hash(begun.get(4));
    return output.isEmpty() || playlists.isEmpty() ? null : new EarlierRun(output, playlists);
  }

  public Future<Boolean> renew(String id, String workerId, long leaseMillis) {
    return redis.run(RENEW, List.of(RedisKeys.lease(id)), List.of(workerId, Long.toString(leaseMillis)))
        .map(r -> r.toInteger() == 1);
  }

  /**
   * Makes a run under way playable, or keeps its playlists current; see {@link #STORE_PARTIAL}.
   * The event sequence number when the video just became playable, else 0; -2 when the run is
   * no longer the video's current one.
   */
  public Future<Long> storePartial(String id, String workerId, int attempt, PartialOutput partial) {
    return redis.run(STORE_PARTIAL, List.of(RedisKeys.lease(id), RedisKeys.video(id), RedisKeys.playlists(id)),
            List.of(workerId, Integer.toString(attempt), new JsonObject(new HashMap<>(VideoRepository.playableFields(partial))).encode(),
                new JsonObject(new HashMap<>(partial.playlists())).encode()))
        .map(Response::toLong);
  }

  /** Writes the video's final fields (and playlists) if this worker still holds the lease. */
  public Future<Ended> finish(String id, String workerId, Map<String, String> fields,
                              Map<String, String> playlists) {
    JsonObject f = new JsonObject(new HashMap<>(fields));
    f.put(VideoFields.UPDATED_AT, Instant.now().toString());
    long now = System.currentTimeMillis();
    long minute = now / 60_000;
    return redis.run(FINISH,
            List.of(RedisKeys.lease(id), RedisKeys.JOBS_RUNNING, RedisKeys.video(id), RedisKeys.playlists(id),
                RedisKeys.JOBS_FAILED, RedisKeys.jobStats(minute), RedisKeys.jobReadySeconds(minute),
                RedisKeys.VIDEOS_BY_DATE),
            List.of(workerId, id, f.encode(), new JsonObject(new HashMap<>(playlists)).encode(), Long.toString(now),
                Long.toString(JobStats.KEEP_MILLIS), Integer.toString(JobStats.SAMPLES_PER_MINUTE)))
        .map(JobQueue::ended);
  }

  /** Drops a job whose video is gone, or that began elsewhere: only the lease and running entry go. */
  public Future<Ended> abandon(String id, String workerId) {
    return finish(id, workerId, Map.of(), Map.of());
  }

  /** Hands the job back to the front of the queue (graceful stop, transient error). */
  public Future<Ended> release(String id, String workerId) {
    return redis.run(RELEASE,
            List.of(RedisKeys.lease(id), RedisKeys.JOBS_RUNNING, RedisKeys.JOB_QUEUE, RedisKeys.video(id)),
            List.of(workerId, id, Instant.now().toString()))
        .map(JobQueue::ended);
  }

  /**
   * Hands the job back to run again once {@code pauseMillis} have passed (a transient failure),
   * if this worker still holds it; the reaper requeues it when the pause lapses.
   */
  public Future<Ended> retryLater(String id, String workerId, long pauseMillis) {
    return redis.run(RETRY_LATER, List.of(RedisKeys.lease(id), RedisKeys.JOBS_RUNNING, RedisKeys.video(id)),
            List.of(workerId, id, Instant.now().toString(), RETRY_WAIT, Long.toString(Math.max(1, pauseMillis))))
        .map(JobQueue::ended);
  }

  private static Ended ended(Response reply) {
    long code = reply.toLong();
    if (code == LEASE_LOST) {
      return new LeaseLost();
    }
    return code == VIDEO_GONE ? new VideoGone() : new Done(code);
  }

  // ---- what an administrator sees and does ----

  /** Video IDs waiting in the queue, the next to run first. */
  public Future<List<String>> queued() {
    return redis.api().lrange(RedisKeys.JOB_QUEUE, "0", "-1").map(r -> {
      List<String> ids = Replies.strings(r);
      Collections.reverse(ids); // claimed from the right: reversed, next first
      return ids;
    });
  }

  /** Video ID → the worker running it ({@code nodeId/uuid}); jobs waiting out a retry pause are left out. */
  public Future<Map<String, String>> running() {
    return redis.api().smembers(RedisKeys.JOBS_RUNNING).compose(members -> {
      List<String> ids = Replies.strings(members);
      List<Future<Response>> leases = new ArrayList<>();
      ids.forEach(id -> leases.add(redis.api().get(RedisKeys.lease(id))));
      return Future.all(leases).map(all -> {
        Map<String, String> running = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
          Response worker = leases.get(i).result();
          if (worker != null && !RETRY_WAIT.equals(worker.toString())) {
            running.put(ids.get(i), worker.toString());
          }
        }
        return running;
      });
    });
  }

  /** A page of failed jobs' video IDs, newest first, and how many failed jobs there are. */
  public record FailedPage(List<String> ids, long total) {
  }

  public Future<FailedPage> failed(PageRequest page) {
    Future<Response> ids = redis.api().zrevrange(List.of(RedisKeys.JOBS_FAILED, Long.toString(page.offset()),
        Long.toString(page.lastIndex())));
    Future<Response> total = redis.api().zcard(RedisKeys.JOBS_FAILED);
    return Future.all(ids, total).map(done -> {
      List<String> found = Replies.strings(ids.result());
      return new FailedPage(found, total.result().toLong());
    });
  }

  /** The worker ({@code nodeId/uuid}) that began the video's last run, as BEGIN noted it; "" if none. */
  public Future<String> lastWorker(String id) {
    return redis.api().hget(RedisKeys.video(id), VideoFields.WORKER).map(r -> r == null ? "" : r.toString());
  }

  /** What a failed run left for an administrator (see VideoRepository.failedFields); "" if nothing. */
  public Future<String> failureLog(String id) {
    return redis.api().hget(RedisKeys.video(id), VideoFields.FAILURE_LOG).map(r -> r == null ? "" : r.toString());
  }

  /** A failed job whose video is gone: out of the list. */
  public Future<Void> forgetFailed(String id) {
    return redis.api().zrem(List.of(RedisKeys.JOBS_FAILED, id)).mapEmpty();
  }

  /** Queues a failed video again; the new event sequence number, or 0 when it is not failed. */
  public Future<Long> retryFailed(String id) {
    return redis.run(RETRY_FAILED, List.of(RedisKeys.video(id), RedisKeys.JOB_QUEUE, RedisKeys.JOBS_FAILED),
        List.of(id, Instant.now().toString())).map(Response::toLong);
  }

  /**
   * Requeues jobs whose worker stopped renewing (or whose retry pause ended); returns their IDs.
   * Each job is checked and moved in one script of its own, so a job finishing meanwhile is left alone.
   */
  public Future<List<String>> requeueAbandoned() {
    return redis.api().smembers(RedisKeys.JOBS_RUNNING).compose(members -> {
      List<String> ids = Replies.strings(members);
      String now = Instant.now().toString();
      List<Future<Response>> moves = new ArrayList<>();
      ids.forEach(id -> moves.add(redis.run(REQUEUE_ABANDONED,
          List.of(RedisKeys.JOBS_RUNNING, RedisKeys.JOB_QUEUE, RedisKeys.lease(id), RedisKeys.video(id)),
          List.of(id, now))));
      return Future.all(moves).map(done -> {
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          if (moves.get(i).result().toInteger() == 1) {
            moved.add(ids.get(i));
          }
        }
        return moved;
      });
    });
  }
}
