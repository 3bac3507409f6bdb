package io.kinora.web;

import io.kinora.KinoraServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when Redis, storage and the cluster answer, 503 otherwise. */
public final class HealthApi {

  private static final long CHECK_TIMEOUT_MILLIS = 3000;

  private final Vertx vertx;
  private final KinoraServices services;

  public HealthApi(Vertx vertx, KinoraServices services) {
    this.vertx = vertx;
    this.services = services;
  }

  public void handle(RoutingContext ctx) {
    Future<JsonObject> redis = check(services.redis().ping());
    Future<JsonObject> storage = check(services.storage().pingAsync());
    Future<JsonObject> cluster = Future.succeededFuture(cluster());
    Future.join(redis, storage, cluster).onComplete(done -> {
      JsonObject checks = new JsonObject().put("redis", redis.result()).put("storage", storage.result())
          .put("cluster", cluster.result());
      boolean up = checks.stream().allMatch(e -> "UP".equals(((JsonObject) e.getValue()).getString("status")));
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("node", services.nodeId()).put("checks", checks));
    });
  }

  private Future<JsonObject> check(Future<Void> probe) {
    return probe.timeout(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .map(v -> new JsonObject().put("status", "UP"))
        .otherwise(err -> new JsonObject().put("status", "DOWN").put("error", String.valueOf(err.getMessage())));
  }

  private JsonObject cluster() {
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    if (manager == null) {
      return new JsonObject().put("status", "UP").put("members", 1).put("clustered", false);
    }
    int members = manager.isActive() ? manager.getNodes().size() : 0;
    int configured = services.config().clusterMembers().size();
    // with a configured member list, seeing no majority of it means this node is cut off
    boolean quorum = configured <= 1 || members > configured / 2;
    JsonObject json = new JsonObject().put("status", members > 0 && quorum ? "UP" : "DOWN")
        .put("clustered", true).put("members", members).put("configuredMembers", configured);
    if (!quorum) {
      json.put("error", "sees " + members + " of " + configured + " configured members: partitioned?");
    }
    return json;
  }
}
