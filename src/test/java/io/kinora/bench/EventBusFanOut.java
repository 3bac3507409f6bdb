package io.kinora.bench;

import io.kinora.app.config.KinoraConfig;
import io.kinora.platform.cluster.ClusterSetup;
import io.kinora.support.Await;
import io.kinora.support.Ports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): latency of a status event published on one node until it is handled on
 * every other node, over the clustered event bus (Hazelcast discovery, Vert.x TCP transport),
 * with three members in one JVM on loopback so one clock times both ends.
 * Run by bench/cluster.
 */
public final class EventBusFanOut {

  private EventBusFanOut() {
  }

  public static void main(String[] args) throws Exception {
    int members = 3;
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = 500; // JIT and connection set-up, not measured
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      ports.add(Ports.free());
    }
    String list = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    List<Vertx> nodes = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      KinoraConfig config = KinoraConfig.load(Map.of("KINORA_CLUSTER_PORT", ports.get(i).toString(),
          "KINORA_CLUSTER_MEMBERS", list, "KINORA_CLUSTER_HOST", "127.0.0.1", "KINORA_CLUSTER_SECRET", "the-fan-out-benchmarks-secret"));
      nodes.add(Vertx.builder().with(ClusterSetup.vertxOptions(config.cluster()))
          .withClusterManager(ClusterSetup.clusterManager(config.cluster())).buildClustered().await(2, TimeUnit.MINUTES));
    }
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    CountDownLatch received = new CountDownLatch((warmup + messages) * (members - 1));
    List<Future<Void>> registered = new ArrayList<>();
    Set<Vertx> reached = ConcurrentHashMap.newKeySet();
    for (Vertx node : nodes.subList(1, members)) {
      registered.add(node.eventBus().<JsonObject>consumer("bench.fanout", m -> {
        if (m.body().getInteger("seq") < 0) { // a probe: the subscription has reached the publisher
          reached.add(node);
          return;
        }
        if (m.body().getInteger("seq") >= warmup) {
          latencies.add(System.nanoTime() - m.body().getLong("sent"));
        }
        received.countDown();
      }).completion());
    }
    Future.all(registered).await(30, TimeUnit.SECONDS);
    Vertx publisher = nodes.get(0);
    // the subscriptions spread through the cluster asynchronously: probe until every member hears the publisher
    Await.until(Duration.ofSeconds(30), "every member to hear the publisher", () -> {
      publisher.eventBus().publish("bench.fanout", new JsonObject().put("seq", -1));
      return reached.size() == members - 1;
    });
    for (int i = 0; i < warmup + messages; i++) {
      publisher.eventBus().publish("bench.fanout", new JsonObject().put("sent", System.nanoTime()).put("seq", i)
          .put("status", "processing").put("progress", i % 100));
      Thread.sleep(2); // ~500 events/s, about what a busy cluster's progress ticks add up to
    }
    boolean all = received.await(30, TimeUnit.SECONDS);
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("fan-out to %d other nodes, %d events: delivered %d%s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        members - 1, messages, sorted.size(), all ? "" : " (SOME LOST)",
        at(sorted, 0.50), at(sorted, 0.99), at(sorted, 1.0));
    for (Vertx node : nodes) {
      node.close().await(30, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static double at(List<Long> sorted, double quantile) {
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
