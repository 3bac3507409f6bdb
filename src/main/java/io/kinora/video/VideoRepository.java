package io.kinora.video;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Video records in Redis, the owner of their schema: one hash per video, its variant playlists in
 * a second hash, and a sorted set by creation time for the library. The job scripts change the
 * status fields atomically with the queue; the fields a finished job writes are spelled here.
 */
public final class VideoRepository {

  /** Changes status/progress/error and bumps the event sequence; -1 when the video is gone. */
  private static final String SET_STATUS = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      if ARGV[5] ~= '' and redis.call('HGET', KEYS[1], 'status') ~= ARGV[5] then return -2 end
      redis.call('HSET', KEYS[1], 'status', ARGV[1], 'progress', ARGV[2], 'error', ARGV[3], 'updatedAt', ARGV[4])
      return redis.call('HINCRBY', KEYS[1], 'seq', 1)
      """;

  /** Title/description edits; never creates a record that DELETE removed. */
  private static final String UPDATE_META = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
      return 1
      """;

  private final RedisStore redis;

  public VideoRepository(RedisStore redis) {
    this.redis = redis;
  }

  public record Page(List<Video> items, long total) {
  }

  public Future<Video> create(String id, String title, String description, String filename, long size) {
    String now = Instant.now().toString();
    List<String> hset = List.of(RedisKeys.video(id),
        "id", id, "title", title, "description", description, "filename", filename,
        "size", Long.toString(size), "status", VideoStatus.AWAITING_UPLOAD.wire(), "progress", "0",
        "error", "", "createdAt", now, "updatedAt", now, "seq", "1", "attempts", "0");
    return redis.api().hset(hset)
        .compose(r -> redis.api().zadd(List.of(RedisKeys.VIDEOS_BY_DATE,
            Long.toString(Instant.parse(now).toEpochMilli()), id)))
        .compose(r -> find(id));
  }

  /** The video, or null when there is none. */
  public Future<Video> find(String id) {
    return redis.api().hgetall(RedisKeys.video(id)).map(r -> {
      Map<String, String> hash = RedisStore.toMap(r);
      return hash.containsKey("id") ? Video.fromHash(hash) : null;
    });
  }

  public Future<Page> list(int page, int pageSize) {
    long start = (long) (page - 1) * pageSize;
    long stop = start + pageSize - 1;
    Future<Response> ids = redis.api().zrevrange(List.of(RedisKeys.VIDEOS_BY_DATE,
        Long.toString(start), Long.toString(stop)));
    Future<Response> total = redis.api().zcard(RedisKeys.VIDEOS_BY_DATE);
    return Future.all(ids, total).compose(done -> {
      List<Future<Video>> lookups = new ArrayList<>();
      for (Response id : ids.result()) {
        lookups.add(find(id.toString()));
      }
      return Future.all(lookups).map(all -> {
        List<Video> videos = new ArrayList<>();
        lookups.forEach(f -> {
          if (f.result() != null) {
            videos.add(f.result());
          }
        });
        return new Page(videos, total.result().toLong());
      });
    });
  }

  /** Applies title/description; false when the video does not exist. */
  public Future<Boolean> updateMeta(String id, String title, String description) {
    List<String> args = new ArrayList<>();
    if (title != null) {
      args.addAll(List.of("title", title));
    }
    if (description != null) {
      args.addAll(List.of("description", description));
    }
    args.addAll(List.of("updatedAt", Instant.now().toString()));
    return redis.eval(UPDATE_META, List.of(RedisKeys.video(id)), args).map(r -> r.toInteger() == 1);
  }

  /**
   * Sets status, progress and error in one step and returns the new event sequence number,
   * -1 when the video was deleted, -2 when {@code onlyIfStatus} did not match.
   */
  public Future<Long> setStatus(String id, VideoStatus status, int progress, String error,
                                VideoStatus onlyIfStatus) {
    return redis.eval(SET_STATUS, List.of(RedisKeys.video(id)), List.of(status.wire(),
            Integer.toString(progress), error == null ? "" : error, Instant.now().toString(),
            onlyIfStatus == null ? "" : onlyIfStatus.wire()))
        .map(Response::toLong);
  }

  /**
   * Just the output prefix of a video (one HMGET on the segment hot path, not the whole record);
   * null when there is no such video.
   */
  public Future<String> outputPrefix(String id) {
    return redis.api().hmget(List.of(RedisKeys.video(id), "id", "output")).map(r -> {
      if (r == null || r.get(0) == null) {
        return null;
      }
      return r.get(1) == null ? "" : r.get(1).toString();
    });
  }

  /** The variant playlist as ffmpeg wrote it, or null. Kept in Redis so playback never lists storage. */
  public Future<String> playlist(String id, String rendition) {
    return redis.api().hget(RedisKeys.playlists(id), rendition).map(r -> r == null ? null : r.toString());
  }

  public Future<Void> delete(String id) {
    return redis.api().del(List.of(RedisKeys.video(id), RedisKeys.playlists(id)))
        .compose(r -> redis.api().zrem(List.of(RedisKeys.VIDEOS_BY_DATE, id)))
        .mapEmpty();
  }


  /** The fields a successful run writes to the video hash, atomically with ending its job. */
  public static Map<String, String> readyFields(ProcessedVideo video) {
    Map<String, String> fields = new HashMap<>();
    fields.put("status", VideoStatus.READY.wire());
    fields.put("progress", "100");
    fields.put("error", "");
    fields.put("durationSeconds", Double.toString(Math.round(video.durationSeconds() * 1000) / 1000.0));
    fields.put("width", Integer.toString(video.width()));
    fields.put("height", Integer.toString(video.height()));
    fields.put("renditions", Rendition.toJsonArray(video.renditions()));
    fields.put("output", video.output());
    return fields;
  }

  /** The fields of a video that failed for good, with the sentence its uploader sees. */
  public static Map<String, String> failedFields(String reason) {
    return Map.of("status", VideoStatus.FAILED.wire(), "error", reason, "progress", "0");
  }
}
