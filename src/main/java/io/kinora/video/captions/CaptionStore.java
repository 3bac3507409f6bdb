package io.kinora.video.captions;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.kinora.video.CaptionTrack;
import io.kinora.video.SourceCaptions;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoChanges;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * A video's caption tracks: the list in the record's {@code captions} field and each track's
 * WebVTT in {@code kinora:video:{id}:captions}, changed together by one script each, so tracks
 * added at once from any number of nodes never pass the limit or lose one another. Every change
 * is announced, so each node's copy of the record (and so its master playlist) follows.
 */
public final class CaptionStore {

  /** How a change leaves the track list. */
  public enum Outcome { ADDED, CHANGED, KEPT, NO_SUCH_TRACK, TOO_MANY }

  /** Tracks one video may have: every language a film is commonly subtitled in, and more. */
  public static final int MAX_TRACKS = 20;

  private static final LuaScript PUT = LuaScript.load("captions/put");
  private static final LuaScript UPDATE = LuaScript.load("captions/update");
  private static final LuaScript DELETE = LuaScript.load("captions/delete");

  private final RedisStore redis;
  private final VideoChanges changes;

  public CaptionStore(RedisStore redis, VideoChanges changes) {
    this.redis = redis;
    this.changes = changes;
  }

  /** Adds the track, or replaces the one in its language; {@code makeDefault} null keeps a replaced track's. */
  public Future<Outcome> put(String videoId, CaptionTrack track, String webVtt, Boolean makeDefault) {
    return put(videoId, track, webVtt, makeDefault, "replace");
  }

  /**
   * Keeps the tracks found in the uploaded file (see {@link SourceCaptions}), one after another;
   * a track the owner uploaded in the same language stays as it is, and past the limit the rest
   * are left out.
   */
  public Future<Void> putFound(String videoId, List<SourceCaptions> found) {
    Future<Outcome> chain = Future.succeededFuture(Outcome.KEPT);
    for (SourceCaptions captions : found) {
      chain = chain.compose(previous -> put(videoId, captions.track(), captions.webVtt(), null, "keep-uploaded"));
    }
    return chain.mapEmpty();
  }

  private Future<Outcome> put(String videoId, CaptionTrack track, String webVtt, Boolean makeDefault, String mode) {
    return redis.run(PUT, List.of(RedisKeys.video(videoId), RedisKeys.captions(videoId)),
            List.of(track.language(), track.toStoredJson().encode(), webVtt, Integer.toString(MAX_TRACKS),
                flag(makeDefault), Instant.now().toString(), mode))
        .map(reply -> switch (reply.toInteger()) {
          case 1 -> Outcome.ADDED;
          case 0 -> Outcome.CHANGED;
          case 2 -> Outcome.KEPT;
          case -2 -> Outcome.TOO_MANY;
          default -> throw VideoAccess.notFound();
        })
        .onSuccess(outcome -> changes.announce(videoId));
  }

  /** Relabels the track or changes whether it is the default; null leaves either as it is. */
  public Future<Outcome> update(String videoId, String language, String label, Boolean makeDefault) {
    return redis.run(UPDATE, List.of(RedisKeys.video(videoId)),
            List.of(language, label == null ? "" : label, flag(makeDefault), Instant.now().toString()))
        .map(CaptionStore::changedOrMissing)
        .onSuccess(outcome -> changes.announce(videoId));
  }

  public Future<Outcome> delete(String videoId, String language) {
    return redis.run(DELETE, List.of(RedisKeys.video(videoId), RedisKeys.captions(videoId)),
            List.of(language, Instant.now().toString()))
        .map(CaptionStore::changedOrMissing)
        .onSuccess(outcome -> changes.announce(videoId));
  }

  /** The track's WebVTT, or null. */
  public Future<String> webVtt(String videoId, String language) {
    return redis.api().hget(RedisKeys.captions(videoId), language).map(Replies::string);
  }

  private static Outcome changedOrMissing(io.vertx.redis.client.Response reply) {
    return switch (reply.toInteger()) {
      case 1 -> Outcome.CHANGED;
      case 0 -> Outcome.NO_SUCH_TRACK;
      default -> throw VideoAccess.notFound();
    };
  }

  private static String flag(Boolean value) {
    return value == null ? "" : value ? "yes" : "no";
  }
}
