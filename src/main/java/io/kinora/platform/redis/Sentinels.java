package io.kinora.platform.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the sentinels say about the primary (for {@code /health}): its address, and whether they
 * see it down or are failing over. Asked of each sentinel in turn until one answers.
 */
final class Sentinels {

  private static final long ANSWER_TIMEOUT_MILLIS = 1_000;

  private final List<Redis> clients;
  private final String masterName;

  /** One sentinel's view; {@code error} set when none answered. */
  record View(String primary, String flags, int replicas, int sentinels, String error) {

    static View unreachable(Throwable failure) {
      return new View(null, null, 0, 0, "no sentinel answered: " + failure.getMessage());
    }

    /** In words: none, "primary down", or "failover in progress". */
    String failover() {
      if (flags == null) {
        return "unknown";
      }
      if (flags.contains("failover_in_progress") || flags.contains("promoted")) {
        return "in progress";
      }
      return flags.contains("o_down") ? "primary down" : "none";
    }
  }

  Sentinels(Vertx vertx, RedisSettings settings) {
    this.clients = settings.sentinelEndpoints().stream()
        .map(endpoint -> Redis.createClient(vertx, new RedisOptions().setConnectionString(endpoint).setMaxPoolSize(1)
            .setPreferredProtocolVersion(ProtocolVersion.RESP2)))
        .toList();
    this.masterName = settings.masterName();
  }

  Future<View> primary() {
    return ask(0);
  }

  private Future<View> ask(int index) {
    Future<View> view = clients.get(index)
        .send(Request.cmd(Command.SENTINEL).arg("MASTER").arg(masterName))
        .timeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .map(Sentinels::view);
    return index + 1 < clients.size() ? view.recover(err -> ask(index + 1)) : view;
  }

  /** {@code SENTINEL MASTER}'s answer: field, value, field, value… */
  private static View view(Response reply) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      fields.put(reply.get(i).toString(), reply.get(i + 1).toString());
    }
    return new View(fields.get("ip") + ":" + fields.get("port"), fields.get("flags"),
        Integer.parseInt(fields.getOrDefault("num-slaves", "0")),
        Integer.parseInt(fields.getOrDefault("num-other-sentinels", "0")) + 1, null);
  }

  void close() {
    clients.forEach(Redis::close);
  }
}
