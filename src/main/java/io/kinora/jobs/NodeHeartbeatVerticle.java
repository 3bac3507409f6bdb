package io.kinora.jobs;

import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Keeps this node in the cluster's list of nodes for administrators: an entry with a short TTL,
 * renewed every few seconds, so a node killed outright drops out on its own within the TTL.
 */
public final class NodeHeartbeatVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeatVerticle.class);
  private static final long PERIOD_MILLIS = 5_000;
  private static final long TTL_MILLIS = 3 * PERIOD_MILLIS;

  private final NodeDirectory directory;
  private final NodeDirectory.Node self;

  /** {@code address}: where the node's HTTP server listens, as the node sees itself. */
  public NodeHeartbeatVerticle(RedisStore redis, String nodeId, String address, int slots) {
    this.directory = new NodeDirectory(redis);
    this.self = new NodeDirectory.Node(nodeId, address, slots, Instant.now().toString());
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(PERIOD_MILLIS, t -> beat());
    beat();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // a node stopping cleanly leaves the list at once rather than after the TTL
    return directory.withdraw(self.id()).otherwiseEmpty();
  }

  private void beat() {
    directory.announce(self, TTL_MILLIS)
        .onFailure(err -> LOG.debug("could not renew this node's entry: {}", err.toString()));
  }
}
