package io.kinora.platform.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's Redis: every command goes over {@link #CONNECTIONS} long-lived pipelined connections
 * ({@link PipelinedRedis}). A connection that breaks is reopened by a later command, so a Redis
 * restart costs the commands sent during it, not the node. With Redis Sentinel the connections
 * go to the primary the sentinels name, and to the new one after a failover.
 */
public final class RedisStore {

  /**
   * One pipelined connection carries well over 100,000 small commands a second, more than a node
   * asks for; a second one keeps commands flowing while the first is being reopened.
   */
  static final int CONNECTIONS = 2;

  private final Redis client;
  private final RedisAPI api;
  private final RedisSettings settings;
  private final ReplicaWait replicaWait;
  private final Sentinels sentinels;

  private RedisStore(Vertx vertx, Redis client, RedisSettings settings) {
    this.client = client;
    this.api = RedisAPI.api(client);
    this.settings = settings;
    this.replicaWait = new ReplicaWait(settings.sentinel() ? settings.replicaWait() : Duration.ZERO);
    this.sentinels = settings.sentinel() ? new Sentinels(vertx, settings) : null;
  }

  /** A client of one Redis server (tests, tools). */
  public static RedisStore connect(Vertx vertx, String url) {
    return connect(vertx, RedisSettings.standalone(url));
  }

  public static RedisStore connect(Vertx vertx, RedisSettings settings) {
    RedisOptions options = new RedisOptions()
        // RESP2 keeps HGETALL and script replies flat arrays, which is what the readers expect
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    if (settings.sentinel()) {
      // each new connection asks the sentinels for the primary. No automatic failover in the client:
      // PipelinedRedis drops a connection that ends or answers READONLY, and the next one goes to
      // the new primary, so a failover is handled like a restart
      options.setType(RedisClientType.SENTINEL).setMasterName(settings.masterName()).setRole(RedisRole.MASTER);
      settings.sentinelEndpoints().forEach(options::addConnectionString);
    } else {
      options.setConnectionString(settings.url());
    }
    return new RedisStore(vertx, new PipelinedRedis(vertx, options, CONNECTIONS), settings);
  }

  public RedisAPI api() {
    return api;
  }

  public Future<Void> ping() {
    return api.ping(List.of()).mapEmpty();
  }

  /**
   * Runs a Lua script, atomic on the Redis server, which is what every state change needs. It is
   * called by its SHA-1; a server that does not know it yet (first call, a restart, SCRIPT FLUSH)
   * answers NOSCRIPT, and the call is sent once more with the source (EVAL), which also caches it.
   */
  public Future<Response> run(LuaScript script, List<String> keys, List<String> args) {
    if (script.waitsForReplica() && replicaWait.waits()) {
      return runDurably(script, keys, args);
    }
    return api.evalsha(call(script.sha1(), keys, args)).recover(failure -> unknownScript(failure)
        ? api.eval(call(script.source(), keys, args))
        : Future.failedFuture(failure));
  }

  /**
   * Runs a {@linkplain LuaScript#durable() durable} script and, on the same connection, {@code WAIT}s
   * until a replica has its writes (WAIT counts what this connection wrote, hence one batch).
   * After the timeout the answer goes out anyway, and {@link ReplicaWait} stops waiting for a
   * while: a replica that is down must not slow every write.
   */
  private Future<Response> runDurably(LuaScript script, List<String> keys, List<String> args) {
    Request wait = Request.cmd(Command.WAIT).arg(1).arg(replicaWait.timeoutMillis());
    return client.batch(List.of(request(Command.EVALSHA, script.sha1(), keys, args), wait))
        // a batch's error names the command it came from ("ERR [0] NOSCRIPT …")
        .recover(failure -> String.valueOf(failure.getMessage()).contains("NOSCRIPT")
            ? client.batch(List.of(request(Command.EVAL, script.source(), keys, args), wait))
            : Future.failedFuture(failure))
        .map(replies -> {
          replicaWait.answered(replies.get(1).toInteger(), script.name());
          return replies.get(0);
        });
  }

  private static Request request(Command command, String script, List<String> keys, List<String> args) {
    Request request = Request.cmd(command);
    call(script, keys, args).forEach(request::arg);
    return request;
  }

  /** How this node's Redis is set up and doing, for {@code /health}. */
  public Future<RedisHealth> health() {
    Future<RedisHealth> replication = api.info(List.of("replication"))
        .map(info -> RedisHealth.of(settings, info.toString(), replicaWait.unconfirmed()));
    return sentinels == null ? replication
        : replication.compose(health -> sentinels.primary().map(health::withSentinelView)
            .otherwise(err -> health.withSentinelView(Sentinels.View.unreachable(err))));
  }

  private static List<String> call(String script, List<String> keys, List<String> args) {
    List<String> call = new ArrayList<>(2 + keys.size() + args.size());
    call.add(script);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(args);
    return call;
  }

  static boolean unknownScript(Throwable failure) {
    return failure instanceof Response && failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }

  /** The value of {@code key}, set to {@code candidate} first if it had none (SET NX): first writer wins. */
  public Future<String> getOrSet(String key, String candidate) {
    return api.set(List.of(key, candidate, "NX"))
        .compose(r -> api.get(key))
        .map(Response::toString);
  }

  public void close() {
    if (sentinels != null) {
      sentinels.close();
    }
    client.close();
  }
}
