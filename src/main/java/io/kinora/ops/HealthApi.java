package io.kinora.ops;

import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisHealth;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 when Redis, storage and the cluster answer, 503 otherwise; while the
 * node is still starting, 503 with what it waits for ({@link #whileStarting}).
 */
public final class HealthApi implements Feature {

  private static final long CHECK_TIMEOUT_MILLIS = 3000;

  private final RedisStore redis;
  private final ObjectStorage storage;
  private final ClusterView cluster;

  public HealthApi(RedisStore redis, ObjectStorage storage, ClusterView cluster) {
    this.redis = redis;
    this.storage = storage;
    this.cluster = cluster;
  }

  @Override
  public void mount(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    Future<JsonObject> redisCheck = redis.health().timeout(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .map(HealthApi::redisCheck)
        .otherwise(err -> down(err));
    Future<JsonObject> storageCheck = check(storage.pingAsync());
    Future.join(redisCheck, storageCheck).onComplete(done -> {
      JsonObject checks = new JsonObject().put("redis", redisCheck.result()).put("storage", storageCheck.result())
          .put("cluster", clusterCheck());
      boolean up = checks.stream().allMatch(e -> "UP".equals(((JsonObject) e.getValue()).getString("status")));
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("node", cluster.nodeId()).put("checks", checks));
    });
  }

  /** The answer of a node that has not started yet: {@code STARTING}, and what it waits for. */
  public static Handler<RoutingContext> whileStarting(String nodeId, Supplier<String> waitingFor) {
    return ctx -> Responses.json(ctx, 503, new JsonObject().put("status", "STARTING").put("node", nodeId)
        .put("waitingFor", waitingFor.get()));
  }

  private Future<JsonObject> check(Future<Void> probe) {
    return probe.timeout(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .map(v -> new JsonObject().put("status", "UP"))
        .otherwise(HealthApi::down);
  }

  private static JsonObject down(Throwable err) {
    return new JsonObject().put("status", "DOWN").put("error", String.valueOf(err.getMessage()));
  }

  /** Redis's check: its mode and role, its replicas, and with Sentinel the primary and any failover. */
  private static JsonObject redisCheck(RedisHealth health) {
    JsonObject json = new JsonObject().put("status", health.up() ? "UP" : "DOWN").put("mode", health.mode())
        .put("role", health.role()).put("replicas", health.connectedReplicas());
    putIfSet(json, "primary", health.primary());
    putIfSet(json, "failover", health.failover());
    putIfSet(json, "unconfirmedWrites", health.unconfirmedWrites());
    putIfSet(json, "sentinelError", health.sentinelError());
    putIfSet(json, "error", health.problem());
    return json;
  }

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private JsonObject clusterCheck() {
    if (!cluster.clustered()) {
      return new JsonObject().put("status", "UP").put("members", 1).put("clustered", false);
    }
    int members = cluster.visibleMembers();
    int configured = cluster.configuredMembers();
    boolean quorum = cluster.hasQuorum();
    JsonObject json = new JsonObject().put("status", members > 0 && quorum ? "UP" : "DOWN")
        .put("clustered", true).put("members", members).put("configuredMembers", configured);
    if (!quorum) {
      json.put("error", "sees " + members + " of " + configured + " configured members: partitioned?");
    }
    return json;
  }
}
