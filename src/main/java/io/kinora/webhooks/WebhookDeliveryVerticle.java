package io.kinora.webhooks;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook sender of one node: every second it claims due deliveries from Redis (any node may
 * take any delivery), checks the destination again, sends, and records the outcome: delivered,
 * due again after the {@link RetrySchedule}'s pause, or failed once the retry window is over.
 */
public final class WebhookDeliveryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryVerticle.class);
  static final long POLL_MILLIS = 1000;
  /** Attempts one node runs at once; the rest wait in Redis for this node or another. */
  static final int MAX_IN_FLIGHT = 16;

  private final DeliveryQueue queue;
  private final EndpointStore endpoints;
  private final WebhookSettings settings;
  private final RetrySchedule schedule;
  /** Claimed and not yet recorded, by delivery id (only touched on this verticle's event loop). */
  private final Map<String, Delivery> inFlight = new HashMap<>();
  private WebhookSender sender;
  private DestinationCheck destinations;
  private long timer;
  private boolean claiming;
  private boolean stopping;

  public WebhookDeliveryVerticle(RedisStore redis, WebhookSettings settings) {
    this.queue = new DeliveryQueue(redis);
    this.endpoints = new EndpointStore(redis);
    this.settings = settings;
    this.schedule = new RetrySchedule(settings.retryWindow());
  }

  @Override
  public Future<?> start() {
    sender = new WebhookSender(vertx, settings.timeout());
    destinations = new DestinationCheck(vertx, settings.allowPrivate());
    timer = vertx.setPeriodic(POLL_MILLIS, t -> poll());
    return Future.succeededFuture();
  }

  /** The claim outlives one attempt (DNS, connect, answer) by a margin, so it never lapses mid-send. */
  private long leaseMillis() {
    return settings.timeout().toMillis() * 3 + 5_000;
  }

  private void poll() {
    int room = MAX_IN_FLIGHT - inFlight.size();
    if (claiming || stopping || room <= 0) {
      return;
    }
    claiming = true;
    queue.claim(room, "c_" + Secrets.random(12), leaseMillis())
        .onComplete(claimed -> {
          claiming = false;
          if (claimed.failed()) {
            // Redis is down: /health says so; the deliveries wait in Redis for its return
            LOG.debug("could not claim webhook deliveries: {}", claimed.cause().toString());
          } else if (!stopping) {
            claimed.result().forEach(this::attempt);
          }
        });
  }

  private void attempt(Delivery delivery) {
    inFlight.put(delivery.id(), delivery);
    endpoints.find(delivery.endpointId())
        .compose(endpoint -> endpoint == null
            // the endpoint was deleted: its deliveries end quietly
            ? queue.finish(delivery, "cancelled", 0, null, false)
            : endpoints.ownerExists(endpoint.ownerId()).compose(exists -> exists ? send(delivery, endpoint)
                // the account was deleted: nobody is left to hear of it, and its endpoints go too
                : endpoints.remove(endpoint.ownerId(), endpoint.id())
                    .compose(removed -> queue.finish(delivery, "cancelled", 0, null, false))))
        .onComplete(done -> {
          inFlight.remove(delivery.id());
          if (done.failed()) {
            LOG.warn("webhook delivery {} not recorded (it will be tried again): {}", delivery.id(),
                done.cause().toString());
          }
        });
  }

  private Future<Boolean> send(Delivery delivery, Endpoint endpoint) {
    EndpointUrl url = EndpointUrl.parse(endpoint.url());
    long at = System.currentTimeMillis();
    String signature = WebhookSignature.header(endpoint.secret(), at / 1000, delivery.body());
    return destinations.resolve(url)
        .compose(address -> sender.send(url, address, delivery.eventId(), delivery.body(), signature),
            refused -> Future.succeededFuture(AttemptResult.error(refused.getMessage(), System.currentTimeMillis() - at)))
        // a node stopping mid-attempt records nothing: the delivery goes back to the queue as it was
        .compose(result -> stopping ? Future.succeededFuture(false) : record(delivery, at, result));
  }

  private Future<Boolean> record(Delivery delivery, long at, AttemptResult result) {
    int attempt = delivery.attempts() + 1;
    long next = result.delivered() ? 0 : schedule.nextAttemptMillis(attempt, delivery.windowStart(),
        System.currentTimeMillis());
    String state = result.delivered() ? "delivered" : next < 0 ? "failed" : "pending";
    JsonObject entry = new JsonObject()
        .put("deliveryId", delivery.id())
        .put("eventId", delivery.eventId())
        .put("type", delivery.type())
        .put("attempt", attempt)
        .put("at", Instant.ofEpochMilli(at).toString())
        .put("durationMs", result.durationMillis())
        .put("outcome", state.equals("pending") ? "retrying" : state);
    if (result.statusCode() > 0) {
      entry.put("statusCode", result.statusCode());
    }
    if (result.error() != null) {
      entry.put("error", result.error());
    }
    if (next > 0) {
      entry.put("nextAttemptAt", Instant.ofEpochMilli(next).toString());
    }
    if (!result.delivered()) {
      LOG.info("webhook {} to endpoint {}: attempt {} {}, {}", delivery.type(), delivery.endpointId(), attempt,
          result.error() != null ? result.error() : "answered " + result.statusCode(),
          next > 0 ? "tried again at " + Instant.ofEpochMilli(next) : "giving up");
    }
    return queue.finish(delivery, state, next, entry, true);
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    // abort our requests first, then hand the deliveries back: never two senders at once
    sender.close();
    List<Future<Boolean>> released = new ArrayList<>();
    inFlight.values().forEach(d -> released.add(queue.release(d)));
    return Future.join(released).otherwiseEmpty();
  }
}
