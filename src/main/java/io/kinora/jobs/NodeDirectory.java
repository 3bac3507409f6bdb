package io.kinora.jobs;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The nodes of the cluster as they announce themselves in Redis (see {@link NodeHeartbeatVerticle}). */
final class NodeDirectory {

  /** One node: its ID, where its HTTP server listens, its transcode slots, when it started. */
  record Node(String id, String address, int slots, String startedAt) {

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("address", address).put("slots", slots).put("startedAt", startedAt);
    }
  }

  private final RedisStore redis;

  NodeDirectory(RedisStore redis) {
    this.redis = redis;
  }

  Future<Void> announce(Node node, long ttlMillis) {
    String key = RedisKeys.node(node.id());
    return redis.api().hset(List.of(key, "id", node.id(), "address", node.address(),
            "slots", Integer.toString(node.slots()), "startedAt", node.startedAt()))
        .compose(v -> redis.api().pexpire(List.of(key, Long.toString(ttlMillis))))
        .compose(v -> redis.api().sadd(List.of(RedisKeys.NODES, node.id())))
        .mapEmpty();
  }

  Future<Void> withdraw(String nodeId) {
    return Future.join(redis.api().del(List.of(RedisKeys.node(nodeId))),
        redis.api().srem(List.of(RedisKeys.NODES, nodeId))).mapEmpty();
  }

  /** The nodes whose entry has not lapsed; lapsed ones are dropped from the set as they are found. */
  Future<List<Node>> list() {
    return redis.api().smembers(RedisKeys.NODES).compose(members -> {
      List<String> ids = Replies.strings(members);
      List<Future<Response>> entries = new ArrayList<>();
      ids.forEach(id -> entries.add(redis.api().hgetall(RedisKeys.node(id))));
      return Future.all(entries).map(all -> {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          Map<String, String> entry = Replies.hash(entries.get(i).result());
          if (entry.isEmpty()) {
            redis.api().srem(List.of(RedisKeys.NODES, ids.get(i)));
          } else {
            nodes.add(new Node(ids.get(i), entry.getOrDefault("address", ""),
                Integer.parseInt(entry.getOrDefault("slots", "0")), entry.getOrDefault("startedAt", "")));
          }
        }
        return nodes;
      });
    });
  }
}
