package io.kinora.webhooks;

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
  private static final String ENQUEUE = """
      local endpoints = redis.call('ZRANGE', KEYS[2], 0, -1)
      if #endpoints == 0 then return 0 end
      if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[1]) then return -1 end
      for _, endpoint in ipairs(endpoints) do
        local id = ARGV[2] .. '.' .. endpoint
        redis.call('HSET', ARGV[6] .. id, 'id', id, 'endpointId', endpoint, 'eventId', ARGV[2], 'type', ARGV[3],
          'body', ARGV[4], 'windowStart', ARGV[5], 'attempts', 0, 'state', 'pending', 'claim', '')
        redis.call('ZADD', KEYS[3], ARGV[5], id)
      end
      return #endpoints
      """;

  /** KEYS: due. ARGV: now ms, lease end ms, limit, claim token, delivery key prefix. Returns the claimed ids. */
  private static final String CLAIM = """
      local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
      local claimed = {}
      for _, id in ipairs(ids) do
        local key = ARGV[5] .. id
        if redis.call('EXISTS', key) == 1 then
          redis.call('ZADD', KEYS[1], ARGV[2], id)
          redis.call('HSET', key, 'claim', ARGV[4])
          claimed[#claimed + 1] = id
        else
          redis.call('ZREM', KEYS[1], id)
        end
      end
      return claimed
      """;

  /**
   * Ends a claimed attempt, unless the claim lapsed and another node took the delivery over.
   * KEYS: due, delivery, endpoint's log, endpoint. ARGV: claim, state, next attempt ms, log entry
   * ('' for none), log size, TTL s once ended, delivery id, attempts to add. Returns 1, or 0 when not ours.
   */
  private static final String FINISH = """
      if redis.call('HGET', KEYS[2], 'claim') ~= ARGV[1] then return 0 end
      redis.call('HINCRBY', KEYS[2], 'attempts', tonumber(ARGV[8]))
      redis.call('HSET', KEYS[2], 'state', ARGV[2], 'claim', '')
      if ARGV[2] == 'pending' then
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[7])
        redis.call('HSET', KEYS[2], 'nextAttemptAt', ARGV[3])
      else
        redis.call('ZREM', KEYS[1], ARGV[7])
        redis.call('EXPIRE', KEYS[2], ARGV[6])
      end
      if ARGV[4] ~= '' and redis.call('EXISTS', KEYS[4]) == 1 then
        redis.call('LPUSH', KEYS[3], ARGV[4])
        redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[5]) - 1)
      end
      return 1
      """;

  /** A stopping node hands back what it claimed: due now. KEYS: due, delivery. ARGV: claim, now ms, id. */
  private static final String RELEASE = """
      if redis.call('HGET', KEYS[2], 'claim') ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[2], 'claim', '')
      redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[3])
      return 1
      """;

  /**
   * Sends a delivery again now, with a new retry window. KEYS: due, delivery. ARGV: endpoint id,
   * now ms, delivery id. Returns 1, 0 when the endpoint has no such delivery, 2 while it is being sent.
   */
  private static final String RESEND = """
      if redis.call('HGET', KEYS[2], 'endpointId') ~= ARGV[1] then return 0 end
      local claim = redis.call('HGET', KEYS[2], 'claim')
      if claim and claim ~= '' then return 2 end
      redis.call('HSET', KEYS[2], 'state', 'pending', 'windowStart', ARGV[2])
      redis.call('PERSIST', KEYS[2])
      redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
      return 1
      """;

  enum Resend { RESENT, NOT_FOUND, IN_FLIGHT }

  private final RedisStore redis;

  DeliveryQueue(RedisStore redis) {
    this.redis = redis;
  }

  /** One delivery per endpoint the owner has, once per {@code eventKey} across the cluster; returns how many. */
  Future<Long> enqueue(String eventKey, String ownerId, String eventId, String type, String body) {
    return redis.eval(ENQUEUE, List.of(RedisKeys.webhookEventSeen(eventKey), RedisKeys.userWebhooks(ownerId),
            RedisKeys.WEBHOOKS_DUE),
        List.of(Long.toString(SEEN_FOR.toSeconds()), eventId, type, body, Long.toString(System.currentTimeMillis()),
            RedisKeys.WEBHOOK_DELIVERY_PREFIX)).map(r -> Math.max(0, r.toLong()));
  }

  /** Up to {@code limit} due deliveries, now this claim's until {@code leaseMillis} from now. */
  Future<List<Delivery>> claim(int limit, String claim, long leaseMillis) {
    long now = System.currentTimeMillis();
    return redis.eval(CLAIM, List.of(RedisKeys.WEBHOOKS_DUE), List.of(Long.toString(now),
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
    return redis.eval(FINISH, List.of(RedisKeys.WEBHOOKS_DUE, RedisKeys.webhookDelivery(delivery.id()),
            RedisKeys.webhookLog(delivery.endpointId()), RedisKeys.webhook(delivery.endpointId())),
        List.of(delivery.claim(), state, Long.toString(nextMillis), logEntry == null ? "" : logEntry.encode(),
            Integer.toString(LOG_SIZE), Long.toString(KEPT_AFTER_END.toSeconds()), delivery.id(),
            attempted ? "1" : "0")).map(r -> r.toInteger() == 1);
  }

  Future<Boolean> release(Delivery delivery) {
    return redis.eval(RELEASE, List.of(RedisKeys.WEBHOOKS_DUE, RedisKeys.webhookDelivery(delivery.id())),
        List.of(delivery.claim(), Long.toString(System.currentTimeMillis()), delivery.id()))
        .map(r -> r.toInteger() == 1);
  }

  Future<Resend> resend(String endpointId, String deliveryId) {
    return redis.eval(RESEND, List.of(RedisKeys.WEBHOOKS_DUE, RedisKeys.webhookDelivery(deliveryId)),
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
