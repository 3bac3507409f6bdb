package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.s3.EmbeddedS3;
import io.kinora.support.Await;
import io.kinora.support.KinoraClient;
import io.kinora.support.Ports;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A node started before its Redis or its storage answers waits for them, saying so on
 * {@code /health}, instead of exiting; a running node whose storage goes away takes no job until
 * it is back. Each test starts its own node and stops its parts, so none is a shared one.
 */
@ExtendWith(VertxExtension.class)
@Tag("fast")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NodeWaitsForPartsIT {

  private static final String S3_ACCESS_KEY = "waiting-test";
  private static final String S3_SECRET_KEY = "waiting-test-secret-key";
  private static final Duration A_WHILE = Duration.ofSeconds(30);

  private Vertx vertx;
  private RedisServer redis;
  private EmbeddedS3 storage;
  private Path storageDir;
  private Future<KinoraNode> starting;
  private KinoraClient client;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (starting != null && starting.succeeded()) {
      starting.result().stop().await(30, TimeUnit.SECONDS);
    }
    if (storage != null) {
      storage.stop();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aNodeStartedBeforeItsRedisSaysSoAndStartsWhenRedisAppears() throws Exception {
    int redisPort = Ports.free();
    start(TestNode.config("redis://127.0.0.1:" + redisPort, Map.of()));

    awaitStarting("Redis is not reachable");
    HttpResponse<Buffer> api = client.get("/api/limits");
    assertEquals(503, api.statusCode(), "the API answers 503 while the node waits");
    assertNotNull(api.getHeader("Retry-After"), "and says when to try again");
    assertFalse(starting.isComplete(), "the node neither started nor gave up");

    redis = RedisServer.start(redisPort, Files.createTempDirectory("kinora-redis-"));

    awaitHealthy();
    assertEquals(200, client.get("/api/limits").statusCode());
  }

  @Test
  void aNodeStartedBeforeItsStorageBecomesHealthyOnceStorageAppears() throws Exception {
    redis = RedisServer.start();
    int s3Port = Ports.free();
    start(TestNode.config(redis.url(), externalStorage(s3Port)));

    awaitStarting("reaching storage at http://127.0.0.1:" + s3Port);
    assertFalse(starting.isComplete(), "the node neither started nor gave up");

    storage = startStorage(s3Port);

    awaitHealthy();
  }

  @Test
  void aRunningNodeWhoseStorageStopsTakesNoJobUntilItIsBack() throws Exception {
    redis = RedisServer.start();
    int s3Port = Ports.free();
    storage = startStorage(s3Port);
    start(TestNode.config(redis.url(), externalStorage(s3Port)));
    awaitHealthy();

    storage.stop();
    Await.until(A_WHILE, "/health to report storage down", () -> client.get("/health").statusCode() == 503);
    // a job for a video that does not exist: a worker that claims it drops it at once
    redis.cli("LPUSH", RedisKeys.JOB_QUEUE, "notavideo");
    // three of the workers' polling rounds (every 2 s)
    Thread.sleep(6_000);
    assertEquals("1", redis.cli("LLEN", RedisKeys.JOB_QUEUE).trim(), "no worker took the job while storage was down");

    storage = startStorage(s3Port);

    Await.until(A_WHILE, "the job to be taken once storage answers",
        () -> "0".equals(redis.cli("LLEN", RedisKeys.JOB_QUEUE).trim()));
  }

  private void start(KinoraConfig config) {
    starting = KinoraNode.start(vertx, config, ClusterView.standalone(), KinoraMetrics.standalone());
    client = new KinoraClient(vertx, config.http().port());
  }

  /** Waits for the node to listen and answer {@code /health} with STARTING, waiting for {@code what}. */
  private void awaitStarting(String what) {
    Await.until(A_WHILE, "/health to say the node waits for " + what, () -> {
      try {
        HttpResponse<Buffer> health = client.get("/health");
        return health.statusCode() == 503 ? health.bodyAsJsonObject() : null;
      } catch (RuntimeException notListeningYet) {
        return null;
      }
    }, health -> health != null && "STARTING".equals(health.getString("status"))
        && health.getString("waitingFor", "").contains(what));
  }

  private void awaitHealthy() throws Exception {
    starting.await(60, TimeUnit.SECONDS);
    Await.until(A_WHILE, "/health to answer 200", () -> client.get("/health").statusCode() == 200);
  }

  private static Map<String, String> externalStorage(int port) {
    return Map.of("KINORA_S3_ENDPOINT", "http://127.0.0.1:" + port,
        "KINORA_S3_ACCESS_KEY", S3_ACCESS_KEY, "KINORA_S3_SECRET_KEY", S3_SECRET_KEY);
  }

  /** Starts (or starts again) the storage on {@code port}, keeping what it held. */
  private EmbeddedS3 startStorage(int port) throws Exception {
    if (storageDir == null) {
      storageDir = Files.createTempDirectory("kinora-s3-");
    }
    return EmbeddedS3.start(storageDir, "127.0.0.1", port, S3_ACCESS_KEY, S3_SECRET_KEY, List.of());
  }
}
