package io.kinora.jobs;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.metrics.KinoraMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Once per node, whether or not it processes: puts jobs whose worker stopped renewing its lease
 * (a node killed outright) back in the queue, and wakes the workers of every node. It also reads
 * the queue's depth for this node's metrics.
 */
public final class JobReaperVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobReaperVerticle.class);

  private final JobQueue queue;
  private final KinoraMetrics metrics;
  private final long periodMillis;

  public JobReaperVerticle(JobQueue queue, JobSettings settings, KinoraMetrics metrics) {
    this.queue = queue;
    this.metrics = metrics;
    // a third of the lease: a dead worker's job waits at most about 1.3 leases
    this.periodMillis = Math.max(500, settings.leaseMillis() / 3);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(periodMillis, t -> requeueAbandoned());
    requeueAbandoned();
    return Future.succeededFuture();
  }

  private void requeueAbandoned() {
    queue.depth().onSuccess(metrics::queueDepth);
    queue.requeueAbandoned()
        .onSuccess(ids -> {
          if (!ids.isEmpty()) {
            LOG.info("requeued jobs whose worker stopped renewing its lease: {}", ids);
            vertx.eventBus().publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("ids", List.copyOf(ids)));
          }
        })
        .onFailure(err -> LOG.debug("could not look for abandoned jobs: {}", err.toString()));
  }
}
