package io.kinora.social.ratings;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.VideoAccess;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Counts a view once per viewer per video per day, cluster-wide: the first view of a viewer marks
 * {@code kinora:view:{digest}} for 24 hours and adds one to the video's {@code views}, in one
 * script, so two nodes hearing the same viewer count once. An anonymous viewer (see {@link
 * Viewers}) is counted only while their address has added fewer than {@link
 * #ANONYMOUS_PER_ADDRESS} viewers to this video that day ({@code kinora:views-from:{digest}}),
 * checked in the same script as the count: one address cannot mint views with new cookies.
 * Digests are HMACs of who the viewer is, so Redis never holds an address.
 */
public final class ViewCounter {

  static final long WINDOW_SECONDS = 24 * 60 * 60;

  /**
   * Distinct anonymous viewers one address may add to one video's views per window: a household
   * or an office behind one address counts up to this many, a script changing cookies no more.
   */
  public static final int ANONYMOUS_PER_ADDRESS = 5;

  /** Counts a view once per viewer per video per window (KEYS and ARGV: the head of the file). */
  private static final LuaScript COUNT = LuaScript.load("social/ratings/count");

  private final RedisStore redis;
  private final byte[] secret;

  /** @param secret the deployment's views secret (see {@link #loadSecret}) */
  public ViewCounter(RedisStore redis, byte[] secret) {
    this.redis = redis;
    this.secret = secret.clone();
  }

  /** The secret every node keys viewer digests with: made by the first node, kept in Redis. */
  public static Future<byte[]> loadSecret(RedisStore redis) {
    String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(32));
    return redis.getOrSet(RedisKeys.VIEWS_SECRET, candidate).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /** Counts the view if this viewer was not counted for this video in the last day; returns the views. */
  public Future<Long> count(String videoId, Viewers.Viewer viewer) {
    List<String> keys = new ArrayList<>(List.of(RedisKeys.video(videoId),
        RedisKeys.view(digest(viewer.identity(), videoId))));
    if (viewer.anonymous()) {
      keys.add(RedisKeys.viewsFrom(digest("address:" + viewer.address(), videoId)));
    }
    return redis.run(COUNT, keys, List.of(Long.toString(WINDOW_SECONDS), Integer.toString(ANONYMOUS_PER_ADDRESS)))
        .map(r -> {
          if (r.toLong() < 0) {
            throw VideoAccess.notFound();
          }
          return r.toLong();
        });
  }

  /** The first 16 bytes of HMAC-SHA256(secret, viewer + "\n" + video), base64url. */
  String digest(String viewer, String videoId) {
    byte[] full = Secrets.hmacSha256(secret, viewer + "\n" + videoId);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
  }
}
