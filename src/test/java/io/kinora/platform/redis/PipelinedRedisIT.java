package io.kinora.platform.redis;

import io.kinora.support.Await;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's Redis client against a real redis-server: a burst far larger than any connection
 * pool is answered in full over the few pipelined connections, and a Redis restart costs only the
 * commands sent while it was down.
 */
@ExtendWith(VertxExtension.class)
class PipelinedRedisIT {

  private static final int BURST = 20_000;

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

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aBurstOfTwentyThousandCommandsIsAnsweredInFull() throws Exception {
    await(store.api().set(List.of("greeting", "hello")));
    List<Future<String>> reads = new ArrayList<>();

    for (int i = 0; i < BURST; i++) {
      reads.add(store.api().get("greeting").map(r -> r.toString()));
    }

    await(Future.all(reads));
    assertTrue(reads.stream().allMatch(r -> r.result().equals("hello")));
  }

  @Test
  void pipelinedRepliesReachTheCommandsThatAskedForThem() throws Exception {
    List<Future<Long>> increments = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String key = "counter:" + (i % 10);
      increments.add(store.api().incr(key).map(r -> r.toLong()));
    }

    await(Future.all(increments));

    for (int k = 0; k < 10; k++) {
      assertEquals("100", redis.cli("GET", "counter:" + k));
    }
  }

  @Test
  void whileRedisIsDownCommandsFailAtOnceAsUnavailable() throws Exception {
    await(store.ping());
    int port = redis.port();
    redis.close();

    long started = System.nanoTime();
    Throwable failure = await(store.ping().transform(ar -> Future.succeededFuture(ar.cause())));

    assertInstanceOf(KinoraException.class, failure, String.valueOf(failure));
    assertEquals(ErrorCode.UNAVAILABLE, ((KinoraException) failure).code());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "failed fast");
    redis = RedisServer.start(port, redis.dir());
  }

  @Test
  void aRedisThatStopsAnsweringFailsItsCommandsAsUnavailableInsteadOfHanging() throws Exception {
    await(store.ping());
    redis.freeze();
    try {
      long started = System.nanoTime();
      Throwable failure = store.ping().transform(ar -> Future.succeededFuture(ar.cause()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      assertInstanceOf(KinoraException.class, failure, String.valueOf(failure));
      assertEquals(ErrorCode.UNAVAILABLE, ((KinoraException) failure).code());
      assertTrue(seconds <= PipelinedRedis.REPLY_DEADLINE_MILLIS / 1000 + 5, "failed after " + seconds + " s");
    } finally {
      redis.thaw();
    }
    // a failed ping while the client reconnects is just "not yet"
    String value = Await.value(Duration.ofSeconds(15), "a PONG once Redis answers again",
        () -> await(store.api().ping(List.of())).toString());
    assertEquals("PONG", value, "answers again once Redis does");
  }

  @Test
  void afterARedisRestartCommandsWorkAgainWithoutANewClient() throws Exception {
    await(store.api().set(List.of("kept", "yes")));
    int port = redis.port();
    redis.close();
    redis = RedisServer.start(port, redis.dir());

    String value = Await.value(Duration.ofSeconds(15), "the kept key to be read again after the restart",
        () -> await(store.api().get("kept")).toString());

    assertEquals("yes", value);
  }
}
