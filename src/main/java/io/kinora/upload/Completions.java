package io.kinora.upload;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.error.BusFailures;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Tells the webhook role that a video's original is in storage. Every path that learns it (the
 * client's complete call, MinIO's notification, the multipart endpoint) goes through here.
 */
final class Completions {

  private final EventBus bus;
  private final DeliveryOptions delivery = new DeliveryOptions()
      .setSendTimeout(Addresses.UPLOAD_COMPLETED_TIMEOUT.toMillis());

  Completions(EventBus bus) {
    this.bus = bus;
  }

  /** The video's JSON once it is queued (or already past that); the refusal's own error otherwise. */
  Future<JsonObject> notifyCompleted(String id) {
    return bus.<JsonObject>request(Addresses.UPLOAD_COMPLETED, new JsonObject().put("id", id), delivery)
        .map(reply -> reply.body())
        .recover(err -> Future.failedFuture(BusFailures.fromReply(err,
            "The upload could not be confirmed right now; try again in a moment.")));
  }
}
