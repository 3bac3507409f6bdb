package io.kinora.cluster;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.platform.s3.EmbeddedS3;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.NodeProcess;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.Ports;
import io.kinora.support.RedisServer;
import io.kinora.support.SseReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real node processes (separate JVMs) on loopback, one Hazelcast cluster, one Redis, one
 * S3: work spreads, SSE crosses nodes, a killed or stopped node's job finishes elsewhere, and a
 * node that comes back rejoins.
 *
 * <p>Ordered on purpose: this is one scenario on one expensive cluster (three JVMs take 20-30 s
 * to start and join). The kill test leaves a node dead, the rejoin test brings it back, and the
 * SIGTERM test needs both transcoding nodes up again. Splitting it would start a cluster per test
 * or make each test repair what the previous one broke, for the same assertions.
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterIT {

  private static final int NODES = 3;
  private static final Duration JOB = Duration.ofSeconds(120);

  private static RedisServer redis;
  private static EmbeddedS3 storage;
  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static Vertx vertx;

  @TempDir
  static Path work;

  @BeforeAll
  static void startCluster(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    int s3Port = Ports.free();
    storage = EmbeddedS3.start(work.resolve("storage"), "127.0.0.1", s3Port, "kinora", "kinora-local-secret", List.of("*"));
    List<Integer> clusterPorts = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      clusterPorts.add(Ports.free());
    }
    String members = String.join(",", clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    Path paced = PacedFfmpeg.dir(work);
    for (int i = 0; i < NODES; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("KINORA_HTTP_PORT", Integer.toString(Ports.free()));
      env.put("KINORA_DATA_DIR", Files.createDirectories(work.resolve("node-" + (i + 1))).toString());
      env.put("KINORA_REDIS_URL", redis.url());
      env.put("KINORA_S3_ENDPOINT", "http://127.0.0.1:" + s3Port);
      env.put("KINORA_CLUSTER_HOST", "127.0.0.1");
      env.put("KINORA_CLUSTER_PORT", Integer.toString(clusterPorts.get(i)));
      env.put("KINORA_CLUSTER_MEMBERS", members);
      env.put("KINORA_CLUSTER_SECRET", "the-cluster-its-own-secret");
      env.put("KINORA_SIGNING_SECRET", "cluster-secret");
      env.put("KINORA_LADDER", "360,240");
      env.put("KINORA_X264_PRESET", "ultrafast");
      // ffmpeg reads at the clip's own pace: a job lasts as long as its clip, whatever else the
      // machine is doing, and costs little CPU while the test kills or stops its node
      env.put("KINORA_FFMPEG_DIR", paced.toString());
      // far longer than any wait below: a job taken over in time was handed back because the
      // cluster saw its node go, not because its lease lapsed
      env.put("KINORA_JOB_LEASE_SECONDS", "60");
      // node 1 takes API calls only, so SSE on it always watches work done elsewhere
      env.put("KINORA_TRANSCODE_SLOTS", i == 0 ? "0" : "1");
      if (i == 0) {
        env.put("KINORA_LOG_FORMAT", "json");
      }
      nodes.add(new NodeProcess("node-" + (i + 1), env, work).start());
    }
    for (NodeProcess node : nodes) {
      node.awaitMembers(NODES, Duration.ofSeconds(90));
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    storage.stop();
    redis.close();
  }

  /** One account for the whole scenario; its API token works on every node (sessions live in Redis). */
  private static String token;

  private static KinoraClient client(int node) {
    if (token == null) {
      token = KinoraClient.signedUp(vertx, nodes.get(0).httpPort()).token();
    }
    return new KinoraClient(vertx, nodes.get(node).httpPort()).withToken(token);
  }

  private static String worker(String videoId) throws Exception {
    return redis.cli("HGET", RedisKeys.video(videoId), "worker");
  }

  private static NodeProcess nodeRunning(String videoId) throws Exception {
    String worker = worker(videoId);
    return nodes.stream().filter(n -> n.alive() && worker.startsWith(n.nodeId() + "/")).findFirst()
        .orElseThrow(() -> new AssertionError("no live node runs " + videoId + " (worker " + worker + ")"));
  }

  /** Uploads a clip still encoding seconds after it starts: 10 s, and ffmpeg reads it at its pace. */
  private static String uploadLongClip(int viaNode, String name) throws Exception {
    return client(viaNode).upload(Clips.mp4(work, name, 640, 360, 10, 15));
  }

  /** ffmpeg processes working in a node's data directory (the sh running pgrep cannot match [f]). */
  private static String ffmpegOf(NodeProcess node) throws Exception {
    return Clips.run(List.of("sh", "-c", "pgrep -f '[f]fmpeg.*" + node.dataDir() + "' || true")).trim();
  }

  /** Polls until no ffmpeg works in the node's data directory; fails after {@code timeout}. */
  private static void awaitNoFfmpegOf(NodeProcess node, Duration timeout, String why) {
    Await.until(timeout, "no ffmpeg left in " + node.dataDir() + ": " + why, () -> ffmpegOf(node), String::isEmpty);
  }

  /** Waits until a worker other than {@code previous} runs the job (or it has already ended). */
  private static void awaitClaimedByAnotherWorker(String id, String previous) throws Exception {
    Await.until(JOB, "another worker than " + previous + " to take over " + id, () -> {
      String status = client(0).video(id).getString("status");
      return Set.of("ready", "failed").contains(status) || "processing".equals(status) && !previous.equals(worker(id));
    });
  }

  private static void awaitProcessingWithProgress(String id) throws Exception {
    Await.until(Duration.ofSeconds(60), "video " + id + " to be processing with some progress", () -> {
      JsonObject video = client(0).video(id);
      assertNotEquals("ready", video.getString("status"), "the clip finished before the test could interrupt it");
      return video;
    }, video -> "processing".equals(video.getString("status")) && video.getInteger("progress") >= 5);
  }

  @Test
  @Order(1)
  void everyNodeSeesTheWholeCluster() {
    for (NodeProcess node : nodes) {
      JsonObject cluster = node.health().getJsonObject("checks").getJsonObject("cluster");
      assertEquals(3, cluster.getInteger("members"));
      assertEquals("UP", cluster.getString("status"));
    }
  }

  @Test
  @Order(1)
  void aNodeStartedByMainLogsJsonNamingItselfAndReportsVertxMetrics() throws Exception {
    NodeProcess first = nodes.get(0);
    List<String> lines = Files.readAllLines(work.resolve("node-1.log"));
    JsonObject running = lines.stream().filter(line -> line.startsWith("{")).map(JsonObject::new)
        .filter(line -> line.getString("formattedMessage", "").startsWith("Kinora is running"))
        .findFirst().orElseThrow(() -> new AssertionError("no JSON line says the node runs: " + first.tail()));
    assertEquals(first.nodeId(), running.getJsonObject("context").getJsonObject("properties").getString("node"));
    assertEquals("INFO", running.getString("level"));

    String metrics = client(0).get("/metrics").bodyAsString();
    assertTrue(metrics.contains("vertx_http_server_requests_total") && metrics.contains("vertx_eventbus_handlers"),
        "Vert.x's own metrics are in /metrics");
  }

  @Test
  @Order(2)
  void sseOnOneNodeFollowsAJobRunningOnAnother() throws Exception {
    Path clip = Clips.mp4(work, "sse.mp4", 640, 360, 4);
    JsonObject created = client(1).createUpload("sse.mp4", Files.size(clip));
    String id = created.getString("id");

    try (SseReader sse = SseReader.open(vertx, nodes.get(0).httpPort(), "/api/videos/" + id + "/events", null)) {
      assertEquals("awaiting_upload", sse.nextEvent(Duration.ofSeconds(3)).json().getString("status"));
      client(1).putToStorage(created.getString("uploadUrl"), clip);
      client(2).post("/api/videos/" + id + "/complete");
      List<SseReader.Event> events = sse.untilEnd(JOB);

      assertEquals(List.of("queued", "processing", "ready"),
          events.stream().map(e -> e.json().getString("status")).distinct().toList());
      assertTrue(events.stream().anyMatch(e -> e.name().equals("progress")));
    }
    assertTrue(!worker(id).startsWith(nodes.get(0).nodeId()), "node 1 has no transcode slots");
  }

  @Test
  @Order(3)
  void concurrentJobsSpreadOverTheNodesWithFreeSlots() throws Exception {
    // each job lasts its clip's 8 s: the second is claimed while the first still holds its node
    String first = client(0).upload(Clips.mp4(work, "spread-a.mp4", 320, 240, 8, 15));
    String second = client(0).upload(Clips.mp4(work, "spread-b.mp4", 320, 240, 8, 15));

    assertEquals("ready", client(0).awaitDone(first, JOB).getString("status"));
    assertEquals("ready", client(0).awaitDone(second, JOB).getString("status"));
    String a = worker(first).split("/")[0];
    String b = worker(second).split("/")[0];
    assertNotEquals(a, b, "two jobs at once on a cluster with two one-slot nodes run on both");
    assertEquals(Set.of(nodes.get(1).nodeId(), nodes.get(2).nodeId()), Set.of(a, b));
  }

  @Test
  @Order(4)
  void aVideoMadePrivateOnOneNodeIsHiddenOnEveryNodeAtOnce() throws Exception {
    String id = client(0).upload(Clips.mp4(work, "private.mp4", 320, 240, 2));
    assertEquals("ready", client(0).awaitDone(id, JOB).getString("status"));
    List<KinoraClient> strangers = nodes.stream().map(n -> new KinoraClient(vertx, n.httpPort())).toList();
    // every node now holds the ready video in its cache
    strangers.forEach(stranger -> assertEquals(200, stranger.get("/api/videos/" + id).statusCode()));

    client(1).patchJson("/api/videos/" + id, new JsonObject().put("visibility", "private"));

    for (KinoraClient stranger : strangers) {
      int status = 200;
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (status != 404 && System.nanoTime() < until) {
        status = stranger.get("/api/videos/" + id).statusCode();
      }
      assertEquals(404, status, "hidden on port " + stranger.port() + " within 2 s (the cache keeps entries 30 s)");
      stranger.close();
    }
  }

  @Test
  @Order(5)
  void anUploadInPartsStartedOnOneNodeResumesAndCompletesThroughOthers() throws Exception {
    Path clip = Clips.mp4(work, "parts.mp4", 320, 240, 2);
    JsonObject created = client(0).postJson("/api/uploads", new JsonObject().put("filename", "parts.mp4")
        .put("size", Files.size(clip)).put("multipart", true)).bodyAsJsonObject();
    String id = created.getString("id");
    JsonObject urls = client(1).postJson("/api/uploads/" + id + "/parts",
        new JsonObject().put("partNumbers", new JsonArray().add(1))).bodyAsJsonObject();

    assertEquals(200, client(1).putToStorage(urls.getJsonArray("parts").getJsonObject(0).getString("url"), clip));
    JsonArray stored = client(2).get("/api/uploads/" + id + "/parts").bodyAsJsonObject().getJsonArray("parts");
    assertEquals(Files.size(clip), stored.getJsonObject(0).getLong("size"));
    client(2).complete(id);

    assertEquals("ready", client(0).awaitDone(id, JOB).getString("status"));
  }

  @Test
  @Order(6)
  void killingTheTranscodingNodeHandsItsJobToAnotherNodeWithoutWaitingForItsLease() throws Exception {
    String id = uploadLongClip(0, "kill.mp4");
    awaitProcessingWithProgress(id);
    NodeProcess victim = nodeRunning(id);
    String previous = worker(id);

    assertTrue(!ffmpegOf(victim).isEmpty(), "the victim is encoding");

    victim.kill();

    awaitNoFfmpegOf(victim, Duration.ofMillis(500), "the killed node's ffmpeg died with it (parent-death signal)");
    Await.until(Duration.ofSeconds(20), "another node to take " + id + " over long before its 60 s lease lapses",
        () -> !previous.equals(worker(id)) || "ready".equals(client(0).video(id).getString("status")));
    JsonObject video = client(0).awaitDone(id, JOB);
    assertEquals("ready", video.getString("status"), video.encode());
    assertEquals("2", redis.cli("HGET", RedisKeys.video(id), "attempts"));
    assertEquals("r2", redis.cli("HGET", RedisKeys.video(id), "output"));
    String probe = Clips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0",
        nodes.get(0).baseUrl() + "/api/videos/" + id + "/master.m3u8"));
    assertTrue(probe.contains("640,360"), probe);
  }

  @Test
  @Order(7)
  void aKilledNodeRejoinsWhenStartedAgain() throws Exception {
    for (NodeProcess node : nodes) {
      if (!node.alive()) {
        node.start();
      }
    }
    for (NodeProcess node : nodes) {
      node.awaitMembers(NODES, Duration.ofSeconds(90));
    }
  }

  @Test
  @Order(8)
  void sigtermHandsTheRunningJobBackAndTheNodeExits() throws Exception {
    String id = uploadLongClip(0, "drain.mp4");
    awaitProcessingWithProgress(id);
    NodeProcess stopping = nodeRunning(id);
    String stoppingWorker = worker(id);
    String stoppingId = stopping.nodeId();

    assertTrue(stopping.terminate(Duration.ofSeconds(30)), "node exits within 30 s of SIGTERM");
    assertEquals("", ffmpegOf(stopping), "a stopping node stops its ffmpeg");

    // the cluster is whole again for whatever comes next: the node restarts while the job reruns
    awaitClaimedByAnotherWorker(id, stoppingWorker);
    stopping.start();
    JsonObject video = client(0).awaitDone(id, JOB);
    assertEquals("ready", video.getString("status"), video.encode());
    assertNotEquals(stoppingId, worker(id).split("/")[0]);
    stopping.awaitMembers(NODES, Duration.ofSeconds(90));
  }
}
