package io.kinora.video.captions;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.Chapters;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoChanges;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * The chapters an owner sets through the API, kept in the record's {@code chapters} field by one
 * script (so a video deleted meanwhile stays deleted) and announced, so every node's copy of the
 * record, and so its JSON, follows.
 */
public final class ChapterStore {

  private static final LuaScript SET = LuaScript.load("captions/chapters");

  private final RedisStore redis;
  private final VideoChanges changes;

  public ChapterStore(RedisStore redis, VideoChanges changes) {
    this.redis = redis;
    this.changes = changes;
  }

  /** Replaces the video's chapters with these (already checked, see {@link Chapters#fromRequest}); none clears them. */
  public Future<Void> set(String videoId, List<Chapters.Chapter> chapters) {
    return redis.run(SET, List.of(RedisKeys.video(videoId)),
            List.of(chapters.isEmpty() ? "" : Chapters.toStored(chapters), Instant.now().toString()))
        .<Void>map(reply -> {
          if (reply.toInteger() < 0) {
            throw VideoAccess.notFound();
          }
          return null;
        })
        .onSuccess(done -> changes.announce(videoId));
  }
}
