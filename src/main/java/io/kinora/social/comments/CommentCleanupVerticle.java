package io.kinora.social.comments;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a deleted video's comments, replies and lists. Every node hears the deletion and does
 * the same idempotent removal, a hundred threads at a time; a comment posted meanwhile is refused
 * by the add script, which finds no video.
 */
public final class CommentCleanupVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CommentCleanupVerticle.class);

  private final CommentStore store;

  public CommentCleanupVerticle(RedisStore redis) {
    this.store = new CommentStore(redis);
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.VIDEO_DELETED, this::onDeleted).completion();
  }

  private void onDeleted(Message<JsonObject> message) {
    String id = message.body().getJsonObject("video", new JsonObject()).getString("id");
    if (id != null) {
      store.dropAll(id).onFailure(err -> LOG.warn("could not remove the comments of deleted video {}", id, err));
    }
  }
}
