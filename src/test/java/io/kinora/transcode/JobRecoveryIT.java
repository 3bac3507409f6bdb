package io.kinora.transcode;

import io.kinora.jobs.JobQueue;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job queue is durable: restarts and dead workers lose no job and run none twice to completion.
 * Each test starts and stops its own nodes on one Redis and data directory, so none uses the
 * shared {@code @KinoraTest} node.
 */
@ExtendWith(VertxExtension.class)
class JobRecoveryIT {

  private RedisServer redis;

  @TempDir
  Path clips;

  @TempDir
  Path dataDir;

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  private TestNode node(Vertx vertx, int slots) throws Exception {
    return TestNode.start(vertx, redis, Map.of("KINORA_TRANSCODE_SLOTS", Integer.toString(slots),
        "KINORA_DATA_DIR", dataDir.toString()));
  }

  @Test
  void queuedJobRunsWhenANodeStartsAfterARestart(Vertx vertx) throws Exception {
    String id;
    try (TestNode first = node(vertx, 0)) {
      KinoraClient client = KinoraClient.signedUp(vertx, first.httpPort());
      id = client.upload(Clips.shortClip());
      assertEquals("queued", client.video(id).getString("status"));
    }

    // a crashed run leaves a job's scratch files behind; the next start sweeps them
    Path stale = java.nio.file.Files.createDirectories(dataDir.resolve("tmp").resolve("crashed-job"));
    java.nio.file.Files.writeString(stale.resolve("source"), "left over");

    try (TestNode second = node(vertx, 1)) {
      KinoraClient client = new KinoraClient(vertx, second.httpPort());
      assertEquals(false, java.nio.file.Files.exists(stale), "stale temp files swept at start");
      client.awaitReady(id);
      assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "attempts"));
    }
  }

  @Test
  void jobOfAWorkerThatDiedMidRunIsTakenOverWhenItsLeaseLapses(Vertx vertx) throws Exception {
    String id;
    try (TestNode first = node(vertx, 0)) {
      KinoraClient client = KinoraClient.signedUp(vertx, first.httpPort());
      id = client.upload(Clips.shortClip());
    }
    // what a node killed mid-transcode leaves behind: claimed, processing, a lease nobody renews
    redis.cli("LREM", "kinora:jobs:queue", "0", id);
    redis.cli("SADD", "kinora:jobs:running", id);
    redis.cli("SET", RedisKeys.lease(id), "dead-node/worker", "PX", "1500");
    redis.cli("HSET", RedisKeys.video(id), "status", "processing", "attempts", "1");

    try (TestNode second = node(vertx, 1)) {
      KinoraClient client = new KinoraClient(vertx, second.httpPort());
      client.awaitReady(id);
      assertEquals("2", redis.cli("HGET", RedisKeys.video(id), "attempts"));
      assertEquals("", redis.cli("SMEMBERS", "kinora:jobs:running"));
    }
  }

  @Test
  void aBiggerFileCannotReplaceACompletedUploadThroughItsUrl(Vertx vertx) throws Exception {
    Map<String, String> limit = Map.of("KINORA_MAX_UPLOAD_BYTES", "300000", "KINORA_DATA_DIR", dataDir.toString());
    Path small = Clips.mp4(clips, "small.mp4", 160, 120, 1);
    Path large = Clips.ffmpeg(clips.resolve("large.mp4"), "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=4",
        "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0");
    String id;
    KinoraClient client;
    try (TestNode first = TestNode.start(vertx, redis, with(limit, "KINORA_TRANSCODE_SLOTS", "0"))) {
      client = KinoraClient.signedUp(vertx, first.httpPort());
      io.vertx.core.json.JsonObject created = client.createUpload("small.mp4", java.nio.file.Files.size(small));
      id = created.getString("id");
      client.putToStorage(created.getString("uploadUrl"), small);
      assertEquals(202, client.post("/api/videos/" + id + "/complete").statusCode());
      // the presigned URL is still valid, but it is signed for the small file's length
      int swapped;
      try {
        swapped = client.putToStorage(created.getString("uploadUrl"), large);
      } catch (RuntimeException cutOff) {
        swapped = -1;
      }
      assertTrue(swapped != 200, "a bigger file was stored: " + swapped);
    }

    try (TestNode second = TestNode.start(vertx, redis, with(limit, "KINORA_TRANSCODE_SLOTS", "1"))) {
      io.vertx.core.json.JsonObject video = new KinoraClient(vertx, second.httpPort()).withToken(client.token())
          .awaitDone(id, Duration.ofSeconds(60));
      assertEquals("ready", video.getString("status"), video.encode());
    }
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(base);
    all.put(key, value);
    return all;
  }

  @Test
  void aWorkerThatLostItsLeaseCannotFinishTheJob(Vertx vertx) throws Exception {
    RedisStore store = RedisStore.connect(vertx, redis.url());
    JobQueue queue = new JobQueue(store);
    redis.cli("HSET", RedisKeys.video("job1"), "id", "job1", "status", "awaiting_upload", "seq", "1");
    KinoraClient.await(queue.enqueue("job1", 10, ""));

    assertEquals("job1", KinoraClient.await(queue.claim("worker-a", 60_000)));
    redis.cli("DEL", RedisKeys.lease("job1"));
    assertEquals(java.util.List.of("job1"), KinoraClient.await(queue.requeueAbandoned()));
    assertEquals("job1", KinoraClient.await(queue.claim("worker-b", 60_000)));

    assertInstanceOf(JobQueue.LeaseLost.class,
        KinoraClient.await(queue.finish("job1", "worker-a", Map.of("status", "ready"), Map.of())));
    assertEquals("queued", redis.cli("HGET", RedisKeys.video("job1"), "status"), "the stale worker wrote nothing");
    JobQueue.Ended ended = KinoraClient.await(queue.finish("job1", "worker-b", Map.of("status", "ready"), Map.of()));
    long seq = assertInstanceOf(JobQueue.Done.class, ended).seq();
    assertEquals("ready", redis.cli("HGET", RedisKeys.video("job1"), "status"));
    assertEquals(Long.parseLong(redis.cli("HGET", RedisKeys.video("job1"), "seq")), seq);
    assertNull(KinoraClient.await(queue.claim("worker-c", 60_000)), "nothing left to run");
    store.close();
  }
}
