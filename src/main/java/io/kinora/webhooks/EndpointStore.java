package io.kinora.webhooks;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook endpoints in Redis, per account. The signing secret is stored as it is (unlike API
 * tokens, which are stored hashed): Kinora needs it back to sign every delivery.
 */
final class EndpointStore {

  /** Adds the endpoint if the owner has fewer than allowed (KEYS and ARGV: the head of the file). */
  private static final LuaScript ADD = LuaScript.load("webhooks/add-endpoint");

  /** Removes an endpoint of its owner, and its log. */
  private static final LuaScript REMOVE = LuaScript.load("webhooks/remove-endpoint");

  private final RedisStore redis;

  EndpointStore(RedisStore redis) {
    this.redis = redis;
  }

  /** The new endpoint, or null when the owner already has {@code max}. */
  Future<Endpoint> add(String ownerId, String url, int max) {
    Instant now = Instant.now();
    Endpoint endpoint = new Endpoint("wh_" + Secrets.random(12), ownerId, url, "whsec_" + Secrets.random(32), now.toString());
    return redis.run(ADD, List.of(RedisKeys.userWebhooks(ownerId), RedisKeys.webhook(endpoint.id())),
            List.of(Integer.toString(max), endpoint.id(), ownerId, url, endpoint.secret(), endpoint.createdAt(),
                Long.toString(now.toEpochMilli())))
        .map(r -> r.toInteger() == 1 ? endpoint : null);
  }

  /** The endpoint, or null when it does not exist or belongs to someone else. */
  Future<Endpoint> find(String ownerId, String id) {
    return find(id).map(e -> e != null && e.ownerId().equals(ownerId) ? e : null);
  }

  Future<Endpoint> find(String id) {
    return redis.api().hgetall(RedisKeys.webhook(id)).map(r -> Endpoint.fromHash(Replies.hash(r)));
  }

  /** The owner's endpoints without their secrets, oldest first. */
  Future<JsonArray> list(String ownerId) {
    return redis.api().zrange(List.of(RedisKeys.userWebhooks(ownerId), "0", "-1")).compose(ids -> {
      List<Future<Endpoint>> lookups = new ArrayList<>();
      ids.forEach(id -> lookups.add(find(ownerId, id.toString())));
      return Future.all(lookups).map(done -> {
        JsonArray items = new JsonArray();
        lookups.stream().map(Future::result).filter(e -> e != null).forEach(e -> items.add(e.toPublicJson()));
        return items;
      });
    });
  }

  /** False once the account was deleted (its endpoints are then removed as their deliveries come due). */
  Future<Boolean> ownerExists(String ownerId) {
    return redis.api().exists(List.of(RedisKeys.user(ownerId))).map(r -> r.toInteger() == 1);
  }

  /** False when the owner has no endpoint with this id. Deliveries still due for it are dropped when claimed. */
  Future<Boolean> remove(String ownerId, String id) {
    return redis.run(REMOVE, List.of(RedisKeys.userWebhooks(ownerId), RedisKeys.webhook(id), RedisKeys.webhookLog(id)),
        List.of(id, ownerId)).map(r -> r.toInteger() == 1);
  }
}
