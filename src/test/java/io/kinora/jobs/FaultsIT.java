package io.kinora.jobs;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.platform.s3.EmbeddedS3;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.Ports;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.kinora.support.TinyDisk;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a node does when what it stands on fails: Redis restarting under a running job, storage
 * going away during an upload or a job, the temp disk filling up. Each test starts its own Redis,
 * storage and node (never the shared {@code @KinoraTest} node), breaks one of them for real, and
 * checks that nothing is lost, the client hears a 503 it can act on, and no scratch file stays.
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
class FaultsIT {

  /** Generous: recovery waits on leases, retry pauses and a paced ffmpeg, on a busy machine. */
  private static final Duration RECOVERY = Duration.ofSeconds(180);
  private static final String S3_KEY = "kinora";
  private static final String S3_SECRET = "kinora-local-secret";

  @TempDir
  Path work;

  private RedisServer redis;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    redis.close();
  }

  // ---- Redis ----

  @Test
  void aRedisRestartDuringATranscodeLosesNoJobAndTheVideoEndsReady(Vertx vertx) throws Exception {
    Path clip = Clips.mp4(work, "twelve-seconds.mp4", 320, 240, 12, 15);
    TestNode node = node(vertx, Map.of("KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString()));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    String id = client.upload(clip);
    awaitTranscoding(id);

    int port = redis.port();
    redis.close();
    // down for longer than a job lease (3 s here): the running job's lease lapses meanwhile
    Thread.sleep(Duration.ofSeconds(node.config().jobs().leaseSeconds() + 3).toMillis());
    redis = RedisServer.start(port, redis.dir());

    awaitHealthy(client);
    JsonObject video = awaitDoneThroughOutages(client, id);
    assertEquals("ready", video.getString("status"), video.encode());
    assertEquals("twelve-seconds", video.getString("title"), "the record came back whole from Redis's AOF");
    assertEquals("0", redis.cli("LLEN", "kinora:jobs:queue"), "no job left behind in the queue");
    assertEquals("", redis.cli("SMEMBERS", "kinora:jobs:running"), "no job left marked running");
    assertPlays(client, id);
    assertNoScratchFiles(node);
  }

  @Test
  void anFfmpegKilledFromOutsideIsRetriedAndTheVideoEndsReady(Vertx vertx) throws Exception {
    Path clip = Clips.mp4(work, "twelve-seconds.mp4", 320, 240, 12, 15);
    TestNode node = node(vertx, Map.of("KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString()));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    String id = client.upload(clip);
    awaitTranscoding(id);

    // what the OOM killer would do; the sh running pkill cannot match [f]
    Clips.run(List.of("sh", "-c", "pkill -9 -f '[f]fmpeg.*" + node.dataDir() + "' || true"));

    JsonObject video = client.awaitDone(id, Duration.ofMinutes(2));
    assertEquals("ready", video.getString("status"), video.encode());
    assertEquals("2", field(id, "attempts"), "a killed ffmpeg is the machine's trouble: the job ran again");
    assertNoScratchFiles(node);
  }

  // ---- storage ----

  @Test
  void anApiUploadWhileStorageIsDownGets503WithRetryAfterAndLeavesNothingBehind(Vertx vertx) throws Exception {
    Storage storage = storage();
    TestNode node = node(vertx, Map.of("KINORA_S3_ENDPOINT", storage.endpoint()));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    storage.stop();

    HttpResponse<Buffer> refused = postMultipart(client, Clips.shortClip());
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0, "Retry-After: " + refused.getHeader("Retry-After"));
    String error = refused.bodyAsJsonObject().getString("error");
    assertTrue(error.contains("Storage did not answer") && error.contains("again"), error);
    assertNoScratchFiles(node);
    assertEquals(0, client.total(), "no video record is left waiting for an upload that was not kept");
    assertEquals(0L, client.get("/api/me").bodyAsJsonObject().getLong("usedBytes"), "no quota is held by it");

    storage.start();
    HttpResponse<Buffer> accepted = postMultipart(client, Clips.shortClip());
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    client.awaitReady(accepted.bodyAsJsonObject().getString("id"));
  }

  @Test
  void startingAnUploadInPartsWhileStorageIsDownGets503AndLeavesNothingBehind(Vertx vertx) throws Exception {
    Storage storage = storage();
    TestNode node = node(vertx, Map.of("KINORA_S3_ENDPOINT", storage.endpoint()));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    JsonObject parted = new JsonObject().put("filename", "big.mp4").put("size", 100_000_000L).put("multipart", true);
    storage.stop();

    HttpResponse<Buffer> refused = client.postJson("/api/uploads", parted);
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0, "Retry-After: " + refused.getHeader("Retry-After"));
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("the upload was not started"));
    assertEquals(0, client.total(), "no video record is left waiting for an upload that never started");
    assertEquals(0L, client.get("/api/me").bodyAsJsonObject().getLong("usedBytes"), "no quota is held by it");

    storage.start();
    assertEquals(201, client.postJson("/api/uploads", parted).statusCode());
  }

  @Test
  void completingAnUploadWhileStorageIsDownGets503WithRetryAfterAndWorksOnceItIsBack(Vertx vertx) throws Exception {
    Storage storage = storage();
    TestNode node = node(vertx, Map.of("KINORA_S3_ENDPOINT", storage.endpoint()));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    Path clip = Clips.shortClip();
    JsonObject created = client.createUpload("clip.mp4", Files.size(clip));
    assertEquals(200, client.putToStorage(created.getString("uploadUrl"), clip));
    String id = created.getString("id");
    storage.stop();

    HttpResponse<Buffer> refused = client.post("/api/videos/" + id + "/complete");
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0, "Retry-After: " + refused.getHeader("Retry-After"));
    assertEquals("awaiting_upload", client.video(id).getString("status"));

    storage.start();
    client.complete(id);
    client.awaitReady(id);
  }

  @Test
  void storageGoingDownDuringAJobRetriesItLaterAndItEndsReadyOnceStorageIsBack(Vertx vertx) throws Exception {
    Storage storage = storage();
    Path clip = Clips.mp4(work, "twelve-seconds.mp4", 320, 240, 12, 15);
    // a 10 s lease: the first retry waits 10 s, time enough to bring storage back on a busy machine
    TestNode node = node(vertx, Map.of("KINORA_S3_ENDPOINT", storage.endpoint(),
        "KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString(), "KINORA_JOB_LEASE_SECONDS", "10"));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    String id = client.upload(clip);
    awaitTranscoding(id);

    storage.stop();
    // ffmpeg finishes, its segments cannot be stored: the job is handed back to run later, not failed
    await("the first attempt to be handed back for a later retry", () ->
        "queued".equals(field(id, "status")) && "1".equals(field(id, "attempts")));
    assertNoScratchFiles(node);
    assertEquals("", field(id, "error"));

    storage.start();
    JsonObject video = client.awaitReady(id);
    assertTrue(Integer.parseInt(field(id, "attempts")) >= 2, "ready at a later attempt: " + video.encode());
    assertPlays(client, id);
    assertNoScratchFiles(node);
  }

  // ---- temp disk ----

  @Test
  void aFullTempDiskFailsTheJobWithASentenceAndTheNodeStaysHealthy(Vertx vertx) throws Exception {
    Path dataDir = Files.createDirectories(work.resolve("node"));
    TinyDisk disk = TinyDisk.mount(dataDir.resolve("tmp"), 4);
    Assumptions.assumeTrue(disk != null, "mounting a 4 MB tmpfs needs root (CAP_SYS_ADMIN); this machine refused");
    opened.add(disk);
    // fits the 4 MB disk (about 1.8 MB), but its ladder (480p, 360p, 240p; some 5 MB) does not
    Path large = Clips.ffmpeg(work.resolve("large.mp4"), "-f", "lavfi", "-i", "testsrc2=size=854x480:rate=30:duration=20",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", "-pix_fmt", "yuv420p");
    TestNode node = node(vertx, Map.of("KINORA_DATA_DIR", dataDir.toString()));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    String small = client.upload(Clips.shortClip());
    client.awaitReady(small);

    String id = client.upload(large);
    JsonObject failed = client.awaitDone(id, RECOVERY);
    assertEquals("failed", failed.getString("status"), failed.encode());
    String error = failed.getString("error");
    assertTrue(error.contains("ran out of temporary disk space") && error.contains("Try again later"), error);
    assertEquals(String.valueOf(node.config().jobs().maxAttempts()), field(id, "attempts"),
        "a full disk is worth retrying (other jobs free space), up to the attempt limit");

    assertEquals(200, client.get("/health").statusCode(), "the node stays healthy");
    assertNoScratchFiles(node);
    assertPlays(client, small);
    client.awaitReady(client.upload(Clips.shortClip()));
  }

  // ---- helpers ----

  private TestNode node(Vertx vertx, Map<String, String> overrides) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("KINORA_TRANSCODE_SLOTS", "1"));
    settings.putAll(overrides);
    TestNode node = TestNode.start(vertx, redis, settings);
    opened.add(node);
    return node;
  }

  /** Storage the test can stop and start again on the same port, with the same files. */
  private Storage storage() throws IOException {
    Storage storage = new Storage(Ports.free(), work.resolve("storage"));
    storage.start();
    opened.add(storage::stop);
    return storage;
  }

  private static final class Storage {
    private final int port;
    private final Path dir;
    private EmbeddedS3 running;

    Storage(int port, Path dir) {
      this.port = port;
      this.dir = dir;
    }

    String endpoint() {
      return "http://127.0.0.1:" + port;
    }

    void start() throws IOException {
      try {
        running = EmbeddedS3.start(dir, "127.0.0.1", port, S3_KEY, S3_SECRET, List.of("*"));
      } catch (Exception e) {
        throw new IOException("storage did not start on port " + port, e);
      }
    }

    void stop() {
      if (running != null) {
        running.stop();
        running = null;
      }
    }
  }

  private static HttpResponse<Buffer> postMultipart(KinoraClient client, Path file) {
    MultipartForm form = MultipartForm.create().attribute("title", "multipart")
        .binaryFileUpload("file", "clip.mp4", file.toString(), "video/mp4");
    return KinoraClient.await(client.request(HttpMethod.POST, "/api/videos").sendMultipartForm(form));
  }

  /** Waits until the video's ffmpeg is under way (processing, some progress), straight from Redis. */
  private void awaitTranscoding(String id) throws Exception {
    await("video " + id + " to be transcoding", () -> "processing".equals(field(id, "status"))
        && Integer.parseInt(orZero(field(id, "progress"))) > 0);
  }

  private String field(String id, String name) {
    try {
      return redis.cli("HGET", RedisKeys.video(id), name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String orZero(String value) {
    return value == null || value.isBlank() ? "0" : value;
  }

  private static void awaitHealthy(KinoraClient client) throws InterruptedException {
    await("/health to answer 200 again", () -> client.get("/health").statusCode() == 200);
  }

  /** Polls the video through the API, taking 503s (a backing service still coming back) in its stride. */
  private static JsonObject awaitDoneThroughOutages(KinoraClient client, String id) throws InterruptedException {
    JsonObject[] last = {null};
    await("video " + id + " to be ready or failed", () -> {
      HttpResponse<Buffer> response = client.get("/api/videos/" + id);
      if (response.statusCode() == 200) {
        last[0] = response.bodyAsJsonObject();
        return Set.of("ready", "failed").contains(last[0].getString("status"));
      }
      return false;
    });
    return last[0];
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(RECOVERY, what, condition::getAsBoolean);
  }

  /** The master playlist, a variant playlist and its first segment all answer. */
  private static void assertPlays(KinoraClient client, String id) {
    assertEquals(200, client.get("/api/videos/" + id + "/master.m3u8").statusCode());
    JsonObject video = client.video(id);
    String rendition = video.getJsonArray("renditions").getJsonObject(0).getString("name");
    HttpResponse<Buffer> segment = client.get(client.firstSegment(id, rendition));
    assertEquals(200, segment.statusCode());
    assertTrue(segment.body().length() > 0);
  }

  /**
   * Nothing left in the node's temp dir once the node is quiet: no job work directory, no upload
   * spool. An attempt that lost its lease while Redis was away may still be winding down when the
   * next one has made the video ready, so its directory is given a while to go.
   */
  private static void assertNoScratchFiles(TestNode node) throws IOException {
    try {
      Await.until(Duration.ofSeconds(30), "the node's temp dir to empty", () -> {
        try (Stream<Path> left = Files.list(node.tempDir())) {
          return left.findAny().isEmpty();
        }
      });
    } catch (AssertionError stillThere) {
      try (Stream<Path> left = Files.list(node.tempDir())) {
        assertEquals(List.of(), left.toList(), "scratch files left in " + node.tempDir());
      }
    }
  }
}
