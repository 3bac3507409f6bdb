package io.kinora.social.channels;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * After a channel is renamed, announces each of its public videos as changed, so every index that
 * shows the channel's name (search) syncs it again on every node.
 *
 * <p>In batches, paced: every announcement makes every node run every index's sync (a few Redis
 * round trips each), so announcing a channel of 10,000 videos at once would be tens of thousands
 * of Redis calls in one burst on the Redis that also holds sessions and the job queue. A batch
 * of {@link #BATCH} ids is read with {@code ZRANGE} (never the whole list at once), announced, and
 * the next batch follows {@link #PAUSE_MILLIS} later: at most ~500 videos a second. It runs in
 * the background on the node that took the rename; if that node stops midway, the rest keep the
 * old name in search until they are edited again (the name on the channel page is always new).
 */
final class CatalogueResync {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueResync.class);
  static final int BATCH = 50;
  static final long PAUSE_MILLIS = 100;

  private final Vertx vertx;
  private final RedisStore redis;

  CatalogueResync(Vertx vertx, RedisStore redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  /** Starts announcing the owner's public videos, oldest first; returns at once. */
  void start(String ownerId) {
    batch(ownerId, 0);
  }

  private void batch(String ownerId, long start) {
    redis.api().zrange(List.of(RedisKeys.userCatalogue(ownerId), Long.toString(start), Long.toString(start + BATCH - 1)))
        .onSuccess(ids -> {
          for (String id : Replies.strings(ids)) {
            vertx.eventBus().publish(Addresses.VIDEO_CHANGED, id);
          }
          if (ids.size() == BATCH) {
            vertx.setTimer(PAUSE_MILLIS, t -> batch(ownerId, start + BATCH));
          }
        })
        .onFailure(err -> LOG.warn("could not re-announce the videos of renamed channel {} from {}", ownerId, start, err));
  }
}
