package io.kinora.webhooks;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.bus.Addresses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.StatusEvent;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Turns what happens to videos into webhook deliveries: a terminal status ({@code video.ready},
 * {@code video.failed}) and a removal ({@code video.deleted}). Every node hears every event (they
 * are published cluster-wide); the {@link DeliveryQueue} script lets exactly one of them enqueue it.
 */
public final class WebhookEventsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookEventsVerticle.class);
  private static final long[] RETRY_DELAYS_MS = {1_000, 4_000, 16_000};

  private final VideoRepository videos;
  private final DeliveryQueue queue;

  public WebhookEventsVerticle(RedisStore redis, VideoRepository videos) {
    this.videos = videos;
    this.queue = new DeliveryQueue(redis);
  }

  @Override
  public Future<?> start() {
    Future<Void> statuses = vertx.eventBus().<JsonObject>consumer(Addresses.VIDEO_STATUS, this::onStatus).completion();
    Future<Void> removals = vertx.eventBus().<JsonObject>consumer(Addresses.VIDEO_DELETED, this::onRemoved).completion();
    return Future.all(statuses, removals);
  }

  private void onStatus(Message<JsonObject> message) {
    StatusEvent event = StatusEvent.fromJson(message.body());
    if (event.progressOnly() || !event.status().terminal()) {
      return;
    }
    String type = event.status() == VideoStatus.READY ? "video.ready" : "video.failed";
    // the record, not the bus message, is the truth about the video (and names its owner)
    withRetries(() -> videos.find(event.videoId())
        .compose(video -> video == null || video.ownerId().isEmpty() ? Future.succeededFuture(0L)
            : enqueue(event.videoId() + ":" + event.seq(), video.ownerId(), type, video.toJson())), 0)
        .onFailure(err -> LOG.warn("could not queue {} webhooks of video {}: {}", type, event.videoId(), err.toString()));
  }

  private void onRemoved(Message<JsonObject> message) {
    String ownerId = message.body().getString("ownerId", "");
    JsonObject video = message.body().getJsonObject("video");
    if (ownerId.isEmpty() || video == null) {
      return;
    }
    String videoId = video.getString("id");
    withRetries(() -> enqueue(videoId + ":deleted", ownerId, "video.deleted", video), 0)
        .onFailure(err -> LOG.warn("could not queue video.deleted webhooks of video {}: {}", videoId, err.toString()));
  }

  /**
   * The event exists only on the bus, so a Redis blip must not lose it: tried again after 1, 4 and
   * 16 s. Every node does the same, and the script still queues it once.
   */
  private Future<Long> withRetries(Supplier<Future<Long>> step, int retriesDone) {
    return step.get().recover(err -> {
      if (retriesDone >= RETRY_DELAYS_MS.length) {
        return Future.failedFuture(err);
      }
      return vertx.timer(RETRY_DELAYS_MS[retriesDone]).compose(t -> withRetries(step, retriesDone + 1));
    });
  }

  private Future<Long> enqueue(String eventKey, String ownerId, String type, JsonObject video) {
    String eventId = "evt_" + Secrets.random(16);
    String body = new JsonObject()
        .put("id", eventId)
        .put("type", type)
        .put("createdAt", Instant.now().toString())
        .put("data", new JsonObject().put("video", video))
        .encode();
    return queue.enqueue(eventKey, ownerId, eventId, type, body);
  }
}
