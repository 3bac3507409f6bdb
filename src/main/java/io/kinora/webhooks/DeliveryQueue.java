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

  // each script's KEYS, ARGV and replies are in the head of its file, src/main/resources/lua/webhooks/

  /** Turns an event into one delivery per endpoint read, unless another node already did. */
  private static final LuaScript ENQUEUE = LuaScript.load("webhooks/enqueue-deliveries");
  /** Claims the due deliveries read, those no other node claimed meanwhile. */
  private static final LuaScript CLAIM = LuaScript.load("webhooks/claim-deliveries");
  /** Ends a claimed attempt, unless the claim lapsed and another node took the delivery over. */
  private static final LuaScript FINISH = LuaScript.load("webhooks/finish-delivery");
  /** A stopping node hands back what it claimed: due now. */
  private static final LuaScript RELEASE = LuaScript.load("webhooks/release-delivery");
  /** Sends a delivery again now, with a new retry window. */
  private static final LuaScript RESEND = LuaScript.load("webhooks/resend-delivery");

  /** What the enqueue script answers when the owner's endpoints changed since they were read. */
  private static final long ENDPOINTS_CHANGED = -2;
  /** Reads of the endpoints an enqueue makes before giving up (each lost one means they changed meanwhile). */
  private static final int ENQUEUE_TRIES = 5;

  enum Resend { RESENT, NOT_FOUND, IN_FLIGHT }

  private final RedisStore redis;

  DeliveryQueue(RedisStore redis) {
    this.redis = redis;
  }

  /** One delivery per endpoint the owner has, once per {@code eventKey} across the cluster; returns how many. */
  Future<Long> enqueue(String eventKey, String ownerId, String eventId, String type, String body) {
    return enqueue(eventKey, ownerId, eventId, type, body, ENQUEUE_TRIES);
  }

  private Future<Long> enqueue(String eventKey, String ownerId, String eventId, String type, String body, int tries) {
    return redis.api().zrange(List.of(RedisKeys.userWebhooks(ownerId), "0", "-1")).compose(r -> {
      List<String> endpoints = Replies.strings(r);
      List<String> keys = new ArrayList<>(List.of(RedisKeys.webhookEventSeen(eventKey), RedisKeys.userWebhooks(ownerId),
          RedisKeys.WEBHOOKS_DUE));
      endpoints.forEach(endpoint -> keys.add(RedisKeys.webhookDelivery(deliveryId(eventId, endpoint))));
      List<String> args = new ArrayList<>(List.of(Long.toString(SEEN_FOR.toSeconds()), eventId, type, body,
          Long.toString(System.currentTimeMillis())));
      args.addAll(endpoints);
      return redis.run(ENQUEUE, keys, args);
    }).compose(r -> {
      long made = r.toLong();
      if (made == ENDPOINTS_CHANGED) {
        return tries > 1 ? enqueue(eventKey, ownerId, eventId, type, body, tries - 1)
            : Future.failedFuture(new IllegalStateException("the endpoints of " + ownerId + " kept changing"));
      }
      return Future.succeededFuture(Math.max(0, made));
    });
  }

  /** A delivery is one event for one endpoint (the enqueue script spells the same id). */
  static String deliveryId(String eventId, String endpointId) {
    return eventId + "." + endpointId;
  }

  /** Up to {@code limit} due deliveries, now this claim's until {@code leaseMillis} from now. */
  Future<List<Delivery>> claim(int limit, String claim, long leaseMillis) {
    long now = System.currentTimeMillis();
    return redis.api().zrangebyscore(List.of(RedisKeys.WEBHOOKS_DUE, "-inf", Long.toString(now), "LIMIT", "0",
        Integer.toString(limit))).compose(due -> {
          List<String> ids = Replies.strings(due);
          if (ids.isEmpty()) {
            return Future.succeededFuture(List.<String>of());
          }
          List<String> keys = new ArrayList<>(List.of(RedisKeys.WEBHOOKS_DUE));
          ids.forEach(id -> keys.add(RedisKeys.webhookDelivery(id)));
          List<String> args = new ArrayList<>(List.of(Long.toString(now), Long.toString(now + leaseMillis), claim));
          args.addAll(ids);
          return redis.run(CLAIM, keys, args).map(Replies::strings);
        })
        .compose(ids -> {
          List<Future<Delivery>> reads = new ArrayList<>();
          ids.forEach(id -> reads.add(redis.api().hgetall(RedisKeys.webhookDelivery(id))
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
