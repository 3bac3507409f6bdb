package io.kinora.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The durable transcode queue. A job is a video ID in a Redis list; claiming it moves it to a
 * running set with a lease (a key with a TTL naming the worker). The worker renews the lease
 * while it works; a reaper on every node puts jobs whose lease lapsed back at the head of the
 * queue. Finishing is only accepted from the lease holder, so a job never completes twice.
 */
public final class JobQueue {

  private static final String ENQUEUE = """
      local status = redis.call('HGET', KEYS[1], 'status')
      if status ~= 'awaiting_upload' then return {0, status or ''} end
      redis.call('HSET', KEYS[1], 'status', 'queued', 'progress', '0', 'error', '', 'updatedAt', ARGV[2], 'size', ARGV[3])
      local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
      redis.call('LPUSH', KEYS[2], ARGV[1])
      return {1, seq}
      """;

  private static final String CLAIM = """
      local id = redis.call('RPOP', KEYS[1])
      if not id then return false end
      redis.call('SET', ARGV[3] .. id, ARGV[1], 'PX', ARGV[2])
      redis.call('SADD', KEYS[2], id)
      return id
      """;

  /** Counts the attempt, marks the video processing and notes the worker; {-1} when it was deleted meanwhile. */
  private static final String BEGIN = """
      if redis.call('GET', KEYS[2]) ~= ARGV[2] then return {-2, 0} end
      if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
      local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
      redis.call('HSET', KEYS[1], 'status', 'processing', 'progress', '0', 'error', '', 'updatedAt', ARGV[1], 'worker', ARGV[2])
      return {attempts, redis.call('HINCRBY', KEYS[1], 'seq', 1)}
      """;

  private static final String RENEW = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1
      """;

  /** Ends a job (ready or failed) if this worker still holds it: -2 lease lost, -1 video gone. */
  private static final String FINISH = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
      redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[2])
      if redis.call('EXISTS', KEYS[3]) == 0 then return -1 end
      for k, v in pairs(cjson.decode(ARGV[3])) do redis.call('HSET', KEYS[3], k, v) end
      for k, v in pairs(cjson.decode(ARGV[4])) do redis.call('HSET', KEYS[4], k, v) end
      return redis.call('HINCRBY', KEYS[3], 'seq', 1)
      """;

  /** Hands a job back (graceful stop, transient error): front of the queue, status queued. */
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
      redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[2])
      if redis.call('EXISTS', KEYS[4]) == 0 then return -1 end
      redis.call('RPUSH', KEYS[3], ARGV[2])
      redis.call('HSET', KEYS[4], 'status', 'queued', 'progress', '0', 'updatedAt', ARGV[3])
      return redis.call('HINCRBY', KEYS[4], 'seq', 1)
      """;

  private static final String REAP = """
      local moved = {}
      for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        if redis.call('EXISTS', ARGV[1] .. id) == 0 then
          redis.call('SREM', KEYS[1], id)
          redis.call('RPUSH', KEYS[2], id)
          local video = ARGV[2] .. id
          if redis.call('EXISTS', video) == 1 then
            redis.call('HSET', video, 'status', 'queued', 'progress', '0', 'updatedAt', ARGV[3])
            redis.call('HINCRBY', video, 'seq', 1)
          end
          table.insert(moved, id)
        end
      end
      return moved
      """;

  private final RedisStore redis;

  public JobQueue(RedisStore redis) {
    this.redis = redis;
  }

  /** Result of an enqueue: whether this call queued the job, and the status it found or set. */
  public record Enqueued(boolean queued, long seq, String existingStatus) {
  }

  /** A claimed job and the attempt it is (1 for the first run). */
  public record Attempt(int number, long seq) {
  }

  /** Idempotent: only a video still awaiting its upload is queued, exactly once. */
  public Future<Enqueued> enqueue(String id, long sizeBytes) {
    return redis.eval(ENQUEUE, List.of(Keys.video(id), Keys.JOB_QUEUE),
            List.of(id, Instant.now().toString(), Long.toString(sizeBytes)))
        .map(r -> r.get(0).toInteger() == 1
            ? new Enqueued(true, r.get(1).toLong(), "queued")
            : new Enqueued(false, 0, r.get(1).toString()));
  }

  /** The next video ID to work on, or null when the queue is empty. */
  public Future<String> claim(String workerId, long leaseMillis) {
    return redis.eval(CLAIM, List.of(Keys.JOB_QUEUE, Keys.JOBS_RUNNING),
            List.of(workerId, Long.toString(leaseMillis), Keys.LEASE_PREFIX))
        .map(r -> r == null ? null : r.toString());
  }

  /** Null when the video was deleted while queued, or the lease is no longer ours. */
  public Future<Attempt> begin(String id, String workerId) {
    return redis.eval(BEGIN, List.of(Keys.video(id), Keys.lease(id)), List.of(Instant.now().toString(), workerId))
        .map(r -> r.get(0).toInteger() < 0 ? null
            : new Attempt(r.get(0).toInteger(), r.get(1).toLong()));
  }

  public Future<Boolean> renew(String id, String workerId, long leaseMillis) {
    return redis.eval(RENEW, List.of(Keys.lease(id)), List.of(workerId, Long.toString(leaseMillis)))
        .map(r -> r.toInteger() == 1);
  }

  /**
   * Writes the final fields (and playlists) if this worker still holds the lease. Returns the
   * event sequence number, -1 when the video was deleted, -2 when the lease was lost.
   */
  public Future<Long> finish(String id, String workerId, Map<String, String> fields,
                             Map<String, String> playlists) {
    JsonObject f = new JsonObject(new java.util.HashMap<>(fields));
    f.put("updatedAt", Instant.now().toString());
    return redis.eval(FINISH,
            List.of(Keys.lease(id), Keys.JOBS_RUNNING, Keys.video(id), Keys.playlists(id)),
            List.of(workerId, id, f.encode(), new JsonObject(new java.util.HashMap<>(playlists)).encode()))
        .map(Response::toLong);
  }

  public Future<Long> release(String id, String workerId) {
    return redis.eval(RELEASE,
            List.of(Keys.lease(id), Keys.JOBS_RUNNING, Keys.JOB_QUEUE, Keys.video(id)),
            List.of(workerId, id, Instant.now().toString()))
        .map(Response::toLong);
  }

  /** Requeues jobs whose worker stopped renewing; returns their IDs. */
  public Future<List<String>> requeueAbandoned() {
    return redis.eval(REAP, List.of(Keys.JOBS_RUNNING, Keys.JOB_QUEUE),
            List.of(Keys.LEASE_PREFIX, Keys.video(""), Instant.now().toString()))
        .map(r -> {
          List<String> ids = new ArrayList<>();
          r.forEach(id -> ids.add(id.toString()));
          return ids;
        });
  }
}
