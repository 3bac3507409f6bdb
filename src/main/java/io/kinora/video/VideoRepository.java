package io.kinora.video;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Video records in Redis, the owner of their schema ({@link VideoFields}): one hash per video, its
 * variant playlists in a second hash, and a sorted set by creation time for the library. The job
 * scripts change the status fields atomically with the queue; the fields a finished job writes are
 * spelled here.
 */
public final class VideoRepository {

  // each script's KEYS and ARGV are in the head of its file, src/main/resources/lua/video/

  /** Sets status, progress and error and bumps the event sequence. */
  private static final LuaScript SET_STATUS = load("set-status").durable();
  /** Creates a video for its owner if it fits their quota, reserving its declared size. */
  private static final LuaScript CREATE = load("create").durable();
  /** Edits; never creates a record that DELETE removed. */
  private static final LuaScript UPDATE_META = load("update-meta");
  /** Removes every record of a video and gives its size back. */
  private static final LuaScript DELETE = load("delete").durable();
  /** Names the multipart upload of a video still awaiting it. */
  private static final LuaScript ATTACH_PARTS = load("attach-parts");
  /** Claims the assembling of a multipart upload (one complete asks storage at a time). */
  private static final LuaScript START_ASSEMBLING = load("start-assembling").durable();
  /** Gives one video made before accounts existed to an admin. */
  private static final LuaScript ADOPT = load("adopt");

  private static LuaScript load(String name) {
    return LuaScript.load("video/" + name, VideoFields.SCRIPT_WORDS);
  }

  private final RedisStore redis;
  private final VideoChanges changes;

  public VideoRepository(RedisStore redis, VideoChanges changes) {
    this.redis = redis;
    this.changes = changes;
  }

  public record Page(List<Video> items, long total) {
  }

  /** Which videos a listing draws from. */
  public enum Scope { MINE, PUBLIC, ALL }

  /** A new video, or how many bytes its owner had left when it did not fit. */
  public record Created(Video video, long bytesLeft) {
  }

  public Future<Created> create(String id, Caller owner, Visibility visibility, String title, String description,
                                String filename, long size) {
    Instant now = Instant.now();
    List<String> args = new ArrayList<>(List.of(id, Long.toString(now.toEpochMilli()), visibility.wire(),
        Long.toString(size),
        VideoFields.ID, id, VideoFields.TITLE, title, VideoFields.DESCRIPTION, description,
        VideoFields.FILENAME, filename, VideoFields.SIZE, Long.toString(size),
        VideoFields.STATUS, VideoStatus.AWAITING_UPLOAD.wire(), VideoFields.PROGRESS, "0", VideoFields.ERROR, "",
        VideoFields.CREATED_AT, now.toString(), VideoFields.UPDATED_AT, now.toString(), VideoFields.SEQ, "1",
        VideoFields.ATTEMPTS, "0", VideoFields.OWNER_ID, owner.userId(), VideoFields.OWNER_NAME, owner.username(),
        VideoFields.VISIBILITY, visibility.wire()));
    return redis.run(CREATE, List.of(RedisKeys.video(id), RedisKeys.VIDEOS_BY_DATE,
            RedisKeys.userVideos(owner.userId()), RedisKeys.PUBLIC_VIDEOS, RedisKeys.user(owner.userId()),
            RedisKeys.AWAITING_UPLOAD), args)
        .compose(r -> r.get(0).toInteger() == 1
            ? find(id).map(video -> new Created(video, 0))
            : Future.succeededFuture(new Created(null, r.get(1).toLong())));
  }

  /** Bytes of the owner's quota not yet used or reserved by an upload (0 when none). */
  public Future<Long> bytesLeft(String ownerId) {
    return redis.api().hmget(List.of(RedisKeys.user(ownerId), "quotaBytes", "usedBytes")).map(r -> {
      long quota = r.get(0) == null ? 0 : r.get(0).toLong();
      long used = r.get(1) == null ? 0 : r.get(1).toLong();
      return Math.max(0, quota - used);
    });
  }

  /** The video as Redis has it now, or null when there is none (read paths use {@link VideoAccess}). */
  public Future<Video> find(String id) {
    return redis.api().hgetall(RedisKeys.video(id)).map(r -> {
      Map<String, String> hash = Replies.hash(r);
      return hash.containsKey(VideoFields.ID) ? Video.fromHash(hash) : null;
    });
  }

  /**
   * A page, newest first, of one owner's videos ({@code MINE}), the public catalogue, or all of
   * them. The catalogue is the social layer's list of public, ready videos ({@code kinora:catalogue},
   * read here, written there); each entry is checked again against its record, so a video made
   * private a moment ago, before the catalogue heard of it, is not shown.
   */
  public Future<Page> list(Scope scope, String ownerId, PageRequest page) {
    String index = switch (scope) {
      case MINE -> RedisKeys.userVideos(ownerId);
      case PUBLIC -> RedisKeys.CATALOGUE;
      case ALL -> RedisKeys.VIDEOS_BY_DATE;
    };
    Future<Response> ids = redis.api().zrevrange(List.of(index, Long.toString(page.offset()), Long.toString(page.lastIndex())));
    Future<Response> total = redis.api().zcard(index);
    return Future.all(ids, total).compose(done -> {
      List<Future<Video>> lookups = new ArrayList<>();
      for (String id : Replies.strings(ids.result())) {
        lookups.add(find(id));
      }
      return Future.all(lookups).compose(all -> {
        List<Video> videos = new ArrayList<>();
        lookups.forEach(f -> {
          Video video = f.result();
          if (video != null && (scope != Scope.PUBLIC
              || (video.visibility() == Visibility.PUBLIC && video.status() == VideoStatus.READY))) {
            videos.add(video);
          }
        });
        Future<List<Video>> shown = scope == Scope.PUBLIC ? withoutDisabledOwners(videos) : Future.succeededFuture(videos);
        return shown.map(kept -> new Page(kept, total.result().toLong()));
      });
    });
  }

  /**
   * The videos whose owner is not disabled, in order: every listing others read passes through
   * here (the public catalogue, and {@code social.VideoCards} for search, channels, feeds and
   * playlists), so an admin disabling an account takes its videos out of all of them at once.
   */
  public Future<List<Video>> withoutDisabledOwners(List<Video> videos) {
    if (videos.isEmpty()) {
      return Future.succeededFuture(videos);
    }
    // disabled accounts are few: the whole set is one small read
    return redis.api().smembers(RedisKeys.DISABLED_USERS).map(r -> {
      Set<String> disabled = new HashSet<>(Replies.strings(r));
      return disabled.isEmpty() ? videos
          : videos.stream().filter(v -> !disabled.contains(v.ownerId())).toList();
    });
  }

  /** Applies what is not null; false when the video does not exist. */
  public Future<Boolean> updateMeta(String id, String title, String description, Visibility visibility) {
    List<String> args = new ArrayList<>(List.of(id));
    if (title != null) {
      args.addAll(List.of(VideoFields.TITLE, title));
    }
    if (description != null) {
      args.addAll(List.of(VideoFields.DESCRIPTION, description));
    }
    if (visibility != null) {
      args.addAll(List.of(VideoFields.VISIBILITY, visibility.wire()));
    }
    args.addAll(List.of(VideoFields.UPDATED_AT, Instant.now().toString()));
    return redis.run(UPDATE_META, List.of(RedisKeys.video(id), RedisKeys.PUBLIC_VIDEOS, RedisKeys.VIDEOS_BY_DATE),
        args).map(r -> r.toInteger() == 1).onSuccess(found -> changes.announce(id));
  }

  /**
   * Sets status, progress and error in one step and returns the new event sequence number,
   * -1 when the video was deleted, -2 when {@code onlyIfStatus} did not match.
   */
  public Future<Long> setStatus(String id, VideoStatus status, int progress, String error,
                                VideoStatus onlyIfStatus) {
    return redis.run(SET_STATUS, List.of(RedisKeys.video(id)), List.of(status.wire(),
            Integer.toString(progress), error == null ? "" : error, Instant.now().toString(),
            onlyIfStatus == null ? "" : onlyIfStatus.wire()))
        .map(Response::toLong);
  }

  /** The variant playlist as ffmpeg wrote it, or null. Kept in Redis so playback never lists storage. */
  public Future<String> playlist(String id, String rendition) {
    return redis.api().hget(RedisKeys.playlists(id), rendition).map(Replies::string);
  }

  /** Every stored variant playlist of the video by rendition name (empty when none). */
  public Future<Map<String, String>> playlists(String id) {
    return redis.api().hgetall(RedisKeys.playlists(id)).map(Replies::hash);
  }

  /** Removes every record of the video and gives its size back to its owner's quota. */
  public Future<Void> delete(Video video) {
    String owner = video.ownerId();
    return redis.run(DELETE, List.of(RedisKeys.video(video.id()), RedisKeys.playlists(video.id()),
            RedisKeys.VIDEOS_BY_DATE, RedisKeys.PUBLIC_VIDEOS, RedisKeys.userVideos(owner), RedisKeys.user(owner),
            RedisKeys.AWAITING_UPLOAD, RedisKeys.captions(video.id())),
        List.of(video.id(), owner)).<Void>mapEmpty().onSuccess(v -> changes.announce(video.id()));
  }

  /** Records the multipart upload of a video that awaits it; false when it no longer does. */
  public Future<Boolean> attachParts(String id, String uploadId, long partSize) {
    return redis.run(ATTACH_PARTS, List.of(RedisKeys.video(id)), List.of(uploadId, Long.toString(partSize)))
        .map(r -> r.toInteger() == 1);
  }

  /** True when this caller should now ask storage to assemble the parts (see START_ASSEMBLING). */
  public Future<Boolean> startAssembling(String id, long staleAfterMillis) {
    return redis.run(START_ASSEMBLING, List.of(RedisKeys.video(id)),
            List.of(Long.toString(System.currentTimeMillis()), Long.toString(staleAfterMillis)))
        .map(r -> r.toInteger() == 1);
  }

  /** Lets the next complete try again after storage failed to assemble the parts. */
  public Future<Void> stopAssembling(String id) {
    return redis.api().hset(List.of(RedisKeys.video(id), VideoFields.ASSEMBLING_SINCE, "0")).mapEmpty();
  }

  /** Videos created before {@code cutoffMillis} that were still awaiting their upload then, oldest first. */
  public Future<List<String>> awaitingUploadSince(long cutoffMillis, int limit) {
    return redis.api().zrangebyscore(List.of(RedisKeys.AWAITING_UPLOAD, "-inf", Long.toString(cutoffMillis),
        "LIMIT", "0", Integer.toString(limit))).map(r -> {
          List<String> ids = Replies.strings(r);
          return ids;
        });
  }

  /** The storage IDs of the multipart uploads of every video still awaiting its upload. */
  public Future<Set<String>> openUploadIds() {
    return redis.api().zrange(List.of(RedisKeys.AWAITING_UPLOAD, "0", "-1")).compose(ids -> {
      List<Future<Response>> lookups = new ArrayList<>();
      Replies.strings(ids).forEach(id -> lookups.add(redis.api().hget(RedisKeys.video(id), VideoFields.UPLOAD_ID)));
      return Future.all(lookups).map(all -> {
        Set<String> uploadIds = new HashSet<>();
        lookups.forEach(f -> {
          if (f.result() != null && !f.result().toString().isEmpty()) {
            uploadIds.add(f.result().toString());
          }
        });
        return uploadIds;
      });
    });
  }

  /** The video has its upload (or is gone): the sweeper need not look at it again. */
  public Future<Void> uploadSettled(String id) {
    return redis.api().zrem(List.of(RedisKeys.AWAITING_UPLOAD, id)).mapEmpty();
  }

  /** Every video an account owns, newest first (to delete them with the account). */
  public Future<List<String>> idsOwnedBy(String ownerId) {
    return redis.api().zrevrange(List.of(RedisKeys.userVideos(ownerId), "0", "-1")).map(r -> {
      List<String> ids = Replies.strings(r);
      return ids;
    });
  }

  /**
   * Gives videos made before accounts existed to {@code admin}; returns how many. Idempotent: each
   * video is checked and adopted in one script, one after the other (this runs once, at upgrade).
   */
  public Future<Integer> adoptOrphans(String adminId, String adminName) {
    return redis.api().zrange(List.of(RedisKeys.VIDEOS_BY_DATE, "0", "-1", "WITHSCORES")).compose(r -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Replies.Scored video : Replies.scored(r)) {
        String id = video.member();
        chain = chain.compose(adopted -> redis.run(ADOPT,
                List.of(RedisKeys.video(id), RedisKeys.userVideos(adminId), RedisKeys.user(adminId)),
                List.of(adminId, adminName, id, Long.toString((long) video.score())))
            .map(done -> {
              if (done.toInteger() == 1) {
                changes.announce(id);
                return adopted + 1;
              }
              return adopted;
            }));
      }
      return chain;
    });
  }

  /** The fields a successful run writes to the video hash, atomically with ending its job. */
  public static Map<String, String> readyFields(ProcessedVideo video) {
    Map<String, String> fields = new HashMap<>();
    fields.put(VideoFields.STATUS, VideoStatus.READY.wire());
    fields.put(VideoFields.PROGRESS, "100");
    fields.put(VideoFields.ERROR, "");
    putOutput(fields, video.output(), video.durationSeconds(), video.width(), video.height(), video.renditions(),
        video.segmentFormat(), video.audio());
    fields.put(VideoFields.DOWNLOADS, Download.toJsonArray(video.downloads()));
    // a retry that made no storyboard must not keep the last attempt's layout
    fields.put(VideoFields.STORYBOARD, video.storyboard() == null ? "" : video.storyboard().toJson().encode());
    fields.put(VideoFields.SOURCE_LOUDNESS, video.sourceLoudness() == null ? "" : video.sourceLoudness().toJson().encode());
    return fields;
  }

  /** The fields that make a video still processing playable from its run's prefix (see {@link PartialOutput}). */
  public static Map<String, String> playableFields(PartialOutput partial) {
    Map<String, String> fields = new HashMap<>();
    fields.put(VideoFields.PLAYABLE, "1");
    putOutput(fields, partial.output(), partial.durationSeconds(), partial.width(), partial.height(),
        partial.renditions(), SegmentFormat.FMP4, partial.audio());
    return fields;
  }

  /** What a run wrote and where: the same fields whether the video is playable early or ready. */
  private static void putOutput(Map<String, String> fields, String output, double durationSeconds, int width,
                                int height, List<Rendition> renditions, SegmentFormat format, Rendition audio) {
    fields.put(VideoFields.OUTPUT, output);
    fields.put(VideoFields.DURATION_SECONDS, Double.toString(Math.round(durationSeconds * 1000) / 1000.0));
    fields.put(VideoFields.WIDTH, Integer.toString(width));
    fields.put(VideoFields.HEIGHT, Integer.toString(height));
    fields.put(VideoFields.RENDITIONS, Rendition.toJsonArray(renditions));
    fields.put(VideoFields.SEGMENT_FORMAT, format.wire());
    fields.put(VideoFields.AUDIO, audio == null ? "" : audio.toJson().encode());
  }

  /**
   * The fields of a video that failed for good: the sentence its uploader sees, and the tool's
   * last output lines (or the error's causes) for an administrator, {@code failureLog}.
   */
  public static Map<String, String> failedFields(String reason, List<String> log) {
    // its outputs are removed with it: nothing of it plays any more
    return Map.of(VideoFields.STATUS, VideoStatus.FAILED.wire(), VideoFields.ERROR, reason, VideoFields.PROGRESS, "0",
        VideoFields.FAILURE_LOG, String.join("\n", log), VideoFields.PLAYABLE, "0");
  }
}
