package io.kinora.jobs;

import io.kinora.platform.bus.Addresses;
import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.metrics.KinoraMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Once per node, whether or not it processes: puts jobs whose worker stopped renewing its lease
 * (a node killed outright) back in the queue, and wakes the workers of every node. In a cluster it
 * does not wait for the lease when the cluster sees a node leave: that node's jobs go back at once,
 * and another node continues them. It also reads the queue's depth for this node's metrics.
 */
public final class JobReaperVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobReaperVerticle.class);

  private final JobQueue queue;
  private final KinoraMetrics metrics;
  private final long periodMillis;
  private final ClusterView cluster;
  private Runnable stopListening = () -> { };

  public JobReaperVerticle(JobQueue queue, JobSettings settings, KinoraMetrics metrics, ClusterView cluster) {
    this.queue = queue;
    this.metrics = metrics;
    this.cluster = cluster;
    // a third of the lease: a dead worker's job waits at most about 1.3 leases
    this.periodMillis = Math.max(500, settings.leaseMillis() / 3);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(periodMillis, t -> requeueAbandoned());
    requeueAbandoned();
    stopListening = cluster.onMemberLeft(node -> context.runOnContext(v -> requeueJobsOf(node)));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopListening.run();
    return Future.succeededFuture();
  }

  /**
   * Hands back every job whose worker ran on {@code node}, which left the cluster. Each hand-back is
   * the lease holder's own (the release script checks the lease still names that worker), so the
   * reapers of all nodes may try at once and a job moves once. A node that left but still runs
   * (cut off by the network) finds its lease gone at its next renewal, and stops its ffmpeg.
   */
  private void requeueJobsOf(String node) {
    LOG.info("node {} left the cluster", node);
    queue.running()
        .compose(running -> {
          List<Future<String>> released = new ArrayList<>();
          running.forEach((id, worker) -> {
            if (worker.startsWith(node + "/")) {
              released.add(queue.release(id, worker).map(ended -> ended instanceof JobQueue.Done ? id : null));
            }
          });
          return Future.all(released).map(all -> released.stream().map(Future::result).filter(Objects::nonNull).toList());
        })
        .onSuccess(ids -> {
          if (!ids.isEmpty()) {
            LOG.info("the jobs of node {} go back to the queue without waiting for their leases: {}", node, ids);
            vertx.eventBus().publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("ids", List.copyOf(ids)));
          }
        })
        .onFailure(err -> LOG.warn("could not hand back the jobs of node {}, which left the cluster; their leases "
            + "will lapse", node, err));
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
