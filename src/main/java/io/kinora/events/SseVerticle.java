package io.kinora.events;

import io.kinora.platform.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * The sse role: listens to every status change and every comment in the cluster, whichever node
 * made it, and fans each out on this node to the SSE streams watching that video (one local
 * address per video; a header tells a comment from a status event).
 */
public final class SseVerticle extends VerticleBase {

  private static final DeliveryOptions STATUS = new DeliveryOptions().setLocalOnly(true);
  private static final DeliveryOptions COMMENT = new DeliveryOptions().setLocalOnly(true)
      .addHeader(Room.KIND, Room.COMMENT);

  @Override
  public Future<?> start() {
    return Future.all(
        fanOut(Addresses.VIDEO_STATUS, "id", STATUS),
        fanOut(Addresses.VIDEO_COMMENT, "videoId", COMMENT));
  }

  /** Republishes each message of {@code address} to the local address of the video it names in {@code idField}. */
  private Future<Void> fanOut(String address, String idField, DeliveryOptions local) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      String videoId = message.body().getString(idField);
      if (videoId != null) {
        vertx.eventBus().publish(Addresses.sseVideo(videoId), message.body(), local);
      }
    }).completion();
  }
}
