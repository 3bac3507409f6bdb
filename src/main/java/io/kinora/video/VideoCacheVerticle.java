package io.kinora.video;

import io.kinora.platform.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * Keeps this node's {@link VideoCache} honest: forgets a video whenever any node announces that
 * its record changed or its status moved.
 */
public final class VideoCacheVerticle extends VerticleBase {

  private final VideoCache cache;

  public VideoCacheVerticle(VideoCache cache) {
    this.cache = cache;
  }

  @Override
  public Future<?> start() {
    Future<Void> edits = vertx.eventBus().<String>consumer(Addresses.VIDEO_CHANGED,
        message -> cache.invalidate(message.body())).completion();
    Future<Void> statuses = vertx.eventBus().<JsonObject>consumer(Addresses.VIDEO_STATUS,
        message -> cache.invalidate(message.body().getString("id", ""))).completion();
    return Future.all(edits, statuses);
  }
}
