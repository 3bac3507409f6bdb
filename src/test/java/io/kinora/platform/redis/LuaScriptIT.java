package io.kinora.platform.redis;

import io.kinora.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripts run by SHA-1 against a real redis-server: a server that does not know a script (first
 * call, a restart, SCRIPT FLUSH) gets its source once, and then knows it by the SHA-1 computed here.
 */
@ExtendWith(VertxExtension.class)
class LuaScriptIT {

  private static final LuaScript INCR_BY = LuaScript.of("test/incr-by",
      "-- KEYS[1] counter\n-- ARGV[1] step\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])\n", Map.of());

  private RedisServer redis;
  private RedisStore store;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    redis = RedisServer.start();
    store = redis.connect(vertx);
  }

  @AfterEach
  void stop() {
    store.close();
    redis.close();
  }

  @Test
  void aScriptRedisDoesNotKnowIsSentOnceAndThenKnownByItsSha1() throws Exception {
    assertEquals("0", redis.cli("SCRIPT", "EXISTS", INCR_BY.sha1()));

    assertEquals(2L, await(store.run(INCR_BY, List.of("counter"), List.of("2"))).toLong());

    assertEquals("1", redis.cli("SCRIPT", "EXISTS", INCR_BY.sha1()), "Redis's SHA-1 is the one computed here");
    assertEquals(5L, await(store.run(INCR_BY, List.of("counter"), List.of("3"))).toLong());
  }

  @Test
  void aFlushedScriptCacheCostsOneResend() throws Exception {
    await(store.run(INCR_BY, List.of("counter"), List.of("1")));
    redis.cli("SCRIPT", "FLUSH");

    assertEquals(2L, await(store.run(INCR_BY, List.of("counter"), List.of("1"))).toLong());
  }

  @Test
  void aScriptErrorIsNotMistakenForAnUnknownScript() throws Exception {
    await(store.api().set(List.of("counter", "not a number")));

    Future<?> run = store.run(INCR_BY, List.of("counter"), List.of("1"));
    run.toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(10, TimeUnit.SECONDS);

    assertTrue(run.failed());
    assertTrue(run.cause().getMessage().contains("not an integer"), run.cause().toString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
