package io.kinora.ops;

import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when Redis, storage and the cluster answer, 503 otherwise. */
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
    Future<JsonObject> redisCheck = check(redis.ping());
    Future<JsonObject> storageCheck = check(storage.pingAsync());
    Future.join(redisCheck, storageCheck).onComplete(done -> {
      JsonObject checks = new JsonObject().put("redis", redisCheck.result()).put("storage", storageCheck.result())
          .put("cluster", clusterCheck());
      boolean up = checks.stream().allMatch(e -> "UP".equals(((JsonObject) e.getValue()).getString("status")));
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("node", cluster.nodeId()).put("checks", checks));
    });
  }

  private Future<JsonObject> check(Future<Void> probe) {
    return probe.timeout(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .map(v -> new JsonObject().put("status", "UP"))
        .otherwise(err -> new JsonObject().put("status", "DOWN").put("error", String.valueOf(err.getMessage())));
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
