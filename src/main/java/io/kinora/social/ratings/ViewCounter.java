package io.kinora.social.ratings;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.VideoAccess;
import io.vertx.core.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Counts a view once per viewer per video per day, cluster-wide: the first view of a viewer marks
 * {@code kinora:view:{digest}} for 24 hours and adds one to the video's {@code views}, in one
 * script, so two nodes hearing the same viewer count once. The digest is an HMAC of who the viewer
 * is (an account, or an address and user agent), so Redis never holds an address.
 */
public final class ViewCounter {

  static final long WINDOW_SECONDS = 24 * 60 * 60;

  /** KEYS: video, view mark. ARGV: window seconds. Returns the views, or -1 when the video is gone. */
  private static final String COUNT = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return redis.call('HINCRBY', KEYS[1], 'views', 1) end
      return tonumber(redis.call('HGET', KEYS[1], 'views') or '0')
      """;

  private final RedisStore redis;
  private final byte[] secret;

  /** @param secret the deployment's views secret (see {@link #loadSecret}) */
  public ViewCounter(RedisStore redis, byte[] secret) {
    this.redis = redis;
    this.secret = secret.clone();
  }

  /** The secret every node keys viewer digests with: made by the first node, kept in Redis. */
  public static Future<byte[]> loadSecret(RedisStore redis) {
    String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(io.kinora.platform.auth.Secrets.randomBytes(32));
    return redis.getOrSet(RedisKeys.VIEWS_SECRET, candidate).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /** Counts the view if this viewer was not counted for this video in the last day; returns the views. */
  public Future<Long> count(String videoId, String viewer) {
    return redis.eval(COUNT, List.of(RedisKeys.video(videoId), RedisKeys.view(digest(viewer, videoId))),
            List.of(Long.toString(WINDOW_SECONDS)))
        .map(r -> {
          if (r.toLong() < 0) {
            throw VideoAccess.notFound();
          }
          return r.toLong();
        });
  }

  /** The first 16 bytes of HMAC-SHA256(secret, viewer + "\n" + video), base64url. */
  String digest(String viewer, String videoId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] full = mac.doFinal((viewer + "\n" + videoId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
