package io.kinora.events;

import io.kinora.platform.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * The sse role: listens to every status change in the cluster, whichever node made it, and fans
 * it out on this node to the SSE streams watching that video (one local address per video).
 */
public final class SseVerticle extends VerticleBase {

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.VIDEO_STATUS, this::fanOut).completion();
  }

  private void fanOut(Message<JsonObject> message) {
    String videoId = message.body().getString("id");
    if (videoId != null) {
      vertx.eventBus().publish(Addresses.sseVideo(videoId), message.body(), LOCAL);
    }
  }
}
