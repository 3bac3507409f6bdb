package io.kinora.social.ratings;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.CallerRatings;
import io.kinora.video.VideoAccess;
import io.vertx.core.Future;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Likes and dislikes: who rated what in {@code kinora:video:{id}:ratings}, and the two counters in
 * the video hash, changed together by one script so that any number of people rating at once on
 * any number of nodes leaves the counters equal to a recount.
 */
public final class Ratings implements CallerRatings {

  /** What a rating can be on the wire. */
  public enum Rating {
    LIKE, DISLIKE, NONE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The words the rate script names as {@code ${rating.like}} and so on. */
    public static final Map<String, String> SCRIPT_WORDS = Arrays.stream(values())
        .collect(Collectors.toUnmodifiableMap(r -> "rating." + r.wire(), Rating::wire));

    /** The rating named, or null. */
    public static Rating parse(String value) {
      for (Rating r : values()) {
        if (r.wire().equals(value)) {
          return r;
        }
      }
      return null;
    }
  }

  /** Sets one rating and both counters in one step (KEYS and ARGV: the head of the file). */
  private static final LuaScript RATE = LuaScript.load("social/ratings/rate", Rating.SCRIPT_WORDS);

  /** The counters after a change. */
  public record Counts(long likes, long dislikes) {
  }

  private final RedisStore redis;

  public Ratings(RedisStore redis) {
    this.redis = redis;
  }

  /** Sets the caller's rating; fails NOT_FOUND when the video was deleted meanwhile. */
  public Future<Counts> rate(String videoId, String userId, Rating rating) {
    return redis.run(RATE, List.of(RedisKeys.video(videoId), RedisKeys.ratings(videoId)), List.of(userId, rating.wire()))
        .map(r -> {
          if (r.get(0).toLong() < 0) {
            throw VideoAccess.notFound();
          }
          return new Counts(Math.max(0, r.get(0).toLong()), Math.max(0, r.get(1).toLong()));
        });
  }

  @Override
  public Future<String> ratingOf(Caller caller, String videoId) {
    if (!caller.signedIn()) {
      return Future.succeededFuture(Rating.NONE.wire());
    }
    return redis.api().hget(RedisKeys.ratings(videoId), caller.userId())
        .map(r -> r == null ? Rating.NONE.wire() : r.toString());
  }
}
