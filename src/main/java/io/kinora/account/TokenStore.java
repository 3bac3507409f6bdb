package io.kinora.account;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Personal API tokens for scripts. A token is shown once, when it is made; Redis keeps only its
 * SHA-256 (a token has 256 random bits, so a fast digest is safe, unlike for passwords).
 */
final class TokenStore {

  static final String PREFIX = "kinora_";
  static final int MAX_TOKENS_PER_USER = 50;

  private final RedisStore redis;

  TokenStore(RedisStore redis) {
    this.redis = redis;
  }

  /** The token's owner, as far as a request needs to know. */
  record Owner(String userId, String tokenId) {
  }

  /** A made token: its public description and the secret, which is never stored. */
  record Made(JsonObject description, String token) {
  }

  /** Counts and adds in one step, so parallel creations cannot pass the cap together. */
  private static final LuaScript CREATE = LuaScript.load("account/create-token");

  /** The new token, or null when the user already has {@link #MAX_TOKENS_PER_USER}. */
  Future<Made> create(String userId, String name) {
    String token = PREFIX + Secrets.random(32);
    String id = Secrets.random(9);
    String digest = Secrets.sha256(token);
    String createdAt = Instant.now().toString();
    return redis.run(CREATE, List.of(RedisKeys.userTokens(userId), RedisKeys.token(digest)),
            List.of(Integer.toString(MAX_TOKENS_PER_USER), id, digest, userId, name, createdAt))
        .map(r -> r.toInteger() == 1 ? new Made(describe(id, name, createdAt), token) : null);
  }

  /** Whose token this is, or null when it does not exist (never made, or revoked). */
  Future<Owner> find(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Future.succeededFuture(null);
    }
    return redis.api().hmget(List.of(RedisKeys.token(Secrets.sha256(token)), "userId", "id"))
        .map(r -> r == null || r.get(0) == null ? null : new Owner(r.get(0).toString(), r.get(1).toString()));
  }

  /** The user's tokens without their secrets, oldest first. */
  Future<JsonArray> list(String userId) {
    return redis.api().hgetall(RedisKeys.userTokens(userId)).compose(r -> {
      Map<String, String> digests = Replies.hash(r);
      List<Future<JsonObject>> lookups = new ArrayList<>();
      digests.values().forEach(digest -> lookups.add(redis.api().hgetall(RedisKeys.token(digest)).map(t -> {
        Map<String, String> hash = Replies.hash(t);
        return hash.containsKey("id") ? describe(hash.get("id"), hash.get("name"), hash.get("createdAt")) : null;
      })));
      return Future.all(lookups).map(done -> {
        JsonArray items = new JsonArray();
        lookups.stream().map(Future::result).filter(t -> t != null)
            .sorted((a, b) -> a.getString("createdAt").compareTo(b.getString("createdAt")))
            .forEach(items::add);
        return items;
      });
    });
  }

  /** False when the user has no token with this id. */
  Future<Boolean> revoke(String userId, String tokenId) {
    return redis.api().hget(RedisKeys.userTokens(userId), tokenId).compose(digest -> {
      if (digest == null) {
        return Future.succeededFuture(false);
      }
      return redis.api().del(List.of(RedisKeys.token(digest.toString())))
          .compose(r -> redis.api().hdel(List.of(RedisKeys.userTokens(userId), tokenId)))
          .map(true);
    });
  }

  /** Every token of a user (the account was disabled or deleted). */
  Future<Void> revokeAll(String userId) {
    return redis.api().hgetall(RedisKeys.userTokens(userId)).compose(r -> {
      List<String> keys = new ArrayList<>();
      Replies.hash(r).values().forEach(digest -> keys.add(RedisKeys.token(digest)));
      keys.add(RedisKeys.userTokens(userId));
      return redis.api().del(keys).mapEmpty();
    });
  }

  private static JsonObject describe(String id, String name, String createdAt) {
    return new JsonObject().put("id", id).put("name", name).put("createdAt", createdAt);
  }
}
