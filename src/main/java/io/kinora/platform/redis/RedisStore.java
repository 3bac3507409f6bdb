package io.kinora.platform.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * The node's Redis: every command goes over {@link #CONNECTIONS} long-lived pipelined connections
 * ({@link PipelinedRedis}). A connection that breaks is reopened by a later command, so a Redis
 * restart costs the commands sent during it, not the node.
 */
public final class RedisStore {

  /**
   * One pipelined connection carries well over 100,000 small commands a second, more than a node
   * asks for; a second one keeps commands flowing while the first is being reopened.
   */
  static final int CONNECTIONS = 2;

  private final Redis client;
  private final RedisAPI api;

  private RedisStore(Redis client) {
    this.client = client;
    this.api = RedisAPI.api(client);
  }

  public static RedisStore connect(Vertx vertx, String url) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(url)
        // RESP2 keeps HGETALL and script replies flat arrays, which is what the readers expect
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    return new RedisStore(new PipelinedRedis(vertx, options, CONNECTIONS));
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
    return api.evalsha(call(script.sha1(), keys, args)).recover(failure -> unknownScript(failure)
        ? api.eval(call(script.source(), keys, args))
        : Future.failedFuture(failure));
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
    client.close();
  }
}
