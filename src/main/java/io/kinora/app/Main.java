package io.kinora.app;

import ch.qos.logback.classic.LoggerContext;
import io.kinora.app.config.KinoraConfig;
import io.kinora.platform.cluster.ClusterSetup;
import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.metrics.KinoraMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** {@code java -jar kinora.jar}: a clustered Vert.x (Hazelcast) running one Kinora node. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    KinoraConfig config;
    try {
      config = KinoraConfig.load().withDeploymentSecrets();
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      LOG.error("Kinora cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx;
    KinoraNode node;
    try {
      HazelcastClusterManager cluster = ClusterSetup.clusterManager(config.cluster());
      // one registry for Vert.x's own metrics (HTTP, event bus, pools), the JVM's and Kinora's
      PrometheusMeterRegistry registry = KinoraMetrics.withJvmMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      vertx = Vertx.builder()
          .with(ClusterSetup.vertxOptions(config.cluster()).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
          .withMetrics(new MicrometerMetricsFactory(registry))
          .withClusterManager(cluster)
          .buildClustered().await(2, TimeUnit.MINUTES);
      ClusterView view = ClusterView.of(cluster, config.cluster());
      nameNodeInLogs(view.nodeId());
      // no time limit: a node waits for its storage and Redis as long as they take (/health says so)
      node = KinoraNode.start(vertx, config, view, new KinoraMetrics(registry)).await();
    } catch (Exception e) {
      LOG.error("Kinora cannot start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.stop().eventually(() -> vertx.close()).await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("unclean shutdown", e);
      }
    }, "kinora-shutdown"));
    LOG.info("Kinora is running: open http://localhost:{}/", config.http().port());
  }

  /** Every log line from here on names this node ({@code context.properties.node} in JSON logs). */
  private static void nameNodeInLogs(String nodeId) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
      logs.putProperty("node", nodeId);
    }
  }
}
