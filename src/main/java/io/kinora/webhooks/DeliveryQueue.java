package io.kinora.webhooks;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries in Redis, so they survive any node: a hash per delivery and one sorted set of
 * delivery ids by the time of their next attempt. Any node may claim what is due; a claim moves
 * the delivery's time forward by a lease, so no other node sends the same attempt meanwhile, and
 * a node that dies mid-attempt only delays it until the lease runs out.
 */
final class DeliveryQueue {

  /** Attempts kept per endpoint for its delivery log. */
  static final int LOG_SIZE = 50;
  /** A finished delivery stays this long, so it can be resent. */
  private static final Duration KEPT_AFTER_END = Duration.ofDays(7);
  /** An event id is remembered this long: every node hears each event within seconds. */
  private static final Duration SEEN_FOR = Duration.ofDays(2);

  /**
   * Turns an event into one delivery per endpoint of its owner, unless another node already did.
   * KEYS: seen marker, owner's endpoints, due. ARGV: seen TTL s, event id, type, body, now ms,
   * delivery key prefix. Returns the number of deliveries, 0 without endpoints, -1 when seen.
   */
  private static final LuaScript ENQUEUE = LuaScript.load("webhooks/enqueue-deliveries");

  /** KEYS: due. ARGV: now ms, lease end ms, limit, claim token, delivery key prefix. Returns the claimed ids. */
  private static final LuaScript CLAIM = LuaScript.load("webhooks/claim-deliveries");

  /**
   * Ends a claimed attempt, unless the claim lapsed and another node took the delivery over.
   * KEYS: due, delivery, endpoint's log, endpoint. ARGV: claim, state, next attempt ms, log entry
   * ('' for none), log size, TTL s once ended, delivery id, attempts to add. Returns 1, or 0 when not ours.
   */
  private static final LuaScript FINISH = LuaScript.load("webhooks/finish-delivery");

  /** A stopping node hands back what it claimed: due now. KEYS: due, delivery. ARGV: claim, now ms, id. */
  private static final LuaScript RELEASE = LuaScript.load("webhooks/release-delivery");

  /**
   * Sends a delivery again now, with a new retry window. KEYS: due, delivery. ARGV: endpoint id,
   * now ms, delivery id. Returns 1, 0 when the endpoint has no such delivery, 2 while it is being sent.
   */
  private static final LuaScript RESEND = LuaScript.load("webhooks/resend-delivery");

  enum Resend { RESENT, NOT_FOUND, IN_FLIGHT }

  private final RedisStore redis;

  DeliveryQueue(RedisStore redis) {
    this.redis = redis;
  }

  /** One delivery per endpoint the owner has, once per {@code eventKey} across the cluster; returns how many. */
  Future<Long> enqueue(String eventKey, String ownerId, String eventId, String type, String body) {
    return redis.run(ENQUEUE, List.of(RedisKeys.webhookEventSeen(eventKey), RedisKeys.userWebhooks(ownerId),
            RedisKeys.WEBHOOKS_DUE),
        List.of(Long.toString(SEEN_FOR.toSeconds()), eventId, type, body, Long.toString(System.currentTimeMillis()),
            RedisKeys.WEBHOOK_DELIVERY_PREFIX)).map(r -> Math.max(0, r.toLong()));
  }

  /** Up to {@code limit} due deliveries, now this claim's until {@code leaseMillis} from now. */
  Future<List<Delivery>> claim(int limit, String claim, long leaseMillis) {
    long now = System.currentTimeMillis();
    return redis.run(CLAIM, List.of(RedisKeys.WEBHOOKS_DUE), List.of(Long.toString(now),
            Long.toString(now + leaseMillis), Integer.toString(limit), claim, RedisKeys.WEBHOOK_DELIVERY_PREFIX))
        .compose(ids -> {
          List<Future<Delivery>> reads = new ArrayList<>();
          ids.forEach(id -> reads.add(redis.api().hgetall(RedisKeys.webhookDelivery(id.toString()))
              .map(h -> Delivery.fromHash(Replies.hash(h)))));
          return Future.all(reads).map(done -> reads.stream().map(Future::result)
              .filter(d -> d != null && claim.equals(d.claim())).toList());
        });
  }

  /** Ends the attempt: delivered, failed for good, or pending until {@code nextMillis}. */
  Future<Boolean> finish(Delivery delivery, String state, long nextMillis, JsonObject logEntry, boolean attempted) {
    return redis.run(FINISH, List.of(RedisKeys.WEBHOOKS_DUE, RedisKeys.webhookDelivery(delivery.id()),
            RedisKeys.webhookLog(delivery.endpointId()), RedisKeys.webhook(delivery.endpointId())),
        List.of(delivery.claim(), state, Long.toString(nextMillis), logEntry == null ? "" : logEntry.encode(),
            Integer.toString(LOG_SIZE), Long.toString(KEPT_AFTER_END.toSeconds()), delivery.id(),
            attempted ? "1" : "0")).map(r -> r.toInteger() == 1);
  }

  Future<Boolean> release(Delivery delivery) {
    return redis.run(RELEASE, List.of(RedisKeys.WEBHOOKS_DUE, RedisKeys.webhookDelivery(delivery.id())),
        List.of(delivery.claim(), Long.toString(System.currentTimeMillis()), delivery.id()))
        .map(r -> r.toInteger() == 1);
  }

  Future<Resend> resend(String endpointId, String deliveryId) {
    return redis.run(RESEND, List.of(RedisKeys.WEBHOOKS_DUE, RedisKeys.webhookDelivery(deliveryId)),
        List.of(endpointId, Long.toString(System.currentTimeMillis()), deliveryId))
        .map(r -> switch (r.toInteger()) {
          case 1 -> Resend.RESENT;
          case 2 -> Resend.IN_FLIGHT;
          default -> Resend.NOT_FOUND;
        });
  }

  /** The endpoint's last attempts, newest first. */
  Future<JsonArray> log(String endpointId) {
    return redis.api().lrange(RedisKeys.webhookLog(endpointId), "0", Integer.toString(LOG_SIZE - 1)).map(r -> {
      JsonArray items = new JsonArray();
      for (String entry : Replies.strings(r)) {
        items.add(new JsonObject(entry));
      }
      return items;
    });
  }
}
