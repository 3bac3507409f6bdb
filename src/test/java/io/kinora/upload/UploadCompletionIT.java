package io.kinora.upload;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.kinora.video.VideoLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion is idempotent whichever way it arrives: client call, MinIO webhook, multipart. */
@KinoraTest
@Tag("fast")
class UploadCompletionIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  private static JsonObject minioEvent(String id) {
    JsonObject record = new JsonObject()
        .put("eventName", "s3:ObjectCreated:Put")
        .put("s3", new JsonObject()
            .put("bucket", new JsonObject().put("name", "uploads"))
            .put("object", new JsonObject().put("key", id + "%2Foriginal").put("size", 1234)));
    return new JsonObject().put("EventName", "s3:ObjectCreated:Put").put("Key", "uploads/" + id + "/original")
        .put("Records", new JsonArray().add(record));
  }

  private HttpResponse<Buffer> postHook(JsonObject event, String authorization) {
    HttpRequest<Buffer> request = client.request(HttpMethod.POST, "/hooks/storage");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return KinoraClient.await(request.sendJsonObject(event));
  }

  private String uploadedButNotCompleted(String name) throws Exception {
    Path clip = Clips.shortClip();
    JsonObject created = client.createUpload(name, Files.size(clip));
    assertEquals(200, client.putToStorage(created.getString("uploadUrl"), clip));
    return created.getString("id");
  }

  private static HttpResponse<Buffer> postForm(MultipartForm form) {
    return KinoraClient.await(client.request(HttpMethod.POST, "/api/videos").sendMultipartForm(form));
  }

  /**
   * How many jobs of the video are queued or running, read in one atomic step: a claim moves a
   * job from the queue to the running set, and two separate reads could see it in both.
   */
  private long queuedJobsFor(String id) throws Exception {
    return Long.parseLong(redis.cli("EVAL", "local n = 0 "
        + "for _, job in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do if job == ARGV[1] then n = n + 1 end end "
        + "return n + redis.call('SISMEMBER', KEYS[2], ARGV[1])",
        "2", "kinora:jobs:queue", "kinora:jobs:running", id));
  }

  @Test
  void completingTwiceQueuesOneJob() throws Exception {
    String id = uploadedButNotCompleted("twice.mp4");

    HttpResponse<Buffer> first = client.post("/api/videos/" + id + "/complete");
    HttpResponse<Buffer> second = client.post("/api/videos/" + id + "/complete");

    assertEquals(202, first.statusCode());
    assertEquals(202, second.statusCode());
    assertTrue(queuedJobsFor(id) <= 1);
    assertEquals("ready", client.awaitDone(id).getString("status"));
    // a second job would still be queued or running now: once none is left, the runs are all counted
    Await.until(Duration.ofSeconds(30), "no job left queued or running for " + id, () -> queuedJobsFor(id) == 0);
    assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "attempts"), "exactly one run");
    assertEquals(202, client.post("/api/videos/" + id + "/complete").statusCode(), "still idempotent when ready");
    assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "attempts"));
  }

  @Test
  void completingBeforeThePutIsAConflictThatSaysWhatToDo() {
    String id = client.createUpload("early.mp4", 100).getString("id");

    HttpResponse<Buffer> response = client.post("/api/videos/" + id + "/complete");

    assertEquals(409, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("error").contains("PUT"));
    assertEquals("awaiting_upload", client.video(id).getString("status"));
  }

  @Test
  void webhookWithoutTheBearerTokenIs401() {
    assertEquals(401, postHook(minioEvent("AAAAAAAAAAAAAAAAAAAAAA"), null).statusCode());
    assertEquals(401, postHook(minioEvent("AAAAAAAAAAAAAAAAAAAAAA"), "Bearer wrong").statusCode());
  }

  @Test
  void duplicateWebhookNotificationsAndACompleteCallMakeOneJob() throws Exception {
    String id = uploadedButNotCompleted("hooked.mp4");
    String auth = "Bearer " + TestNode.WEBHOOK_TOKEN;

    assertEquals(204, postHook(minioEvent(id), auth).statusCode());
    assertEquals(204, postHook(minioEvent(id), auth).statusCode());
    assertEquals(202, client.post("/api/videos/" + id + "/complete").statusCode());

    assertEquals("ready", client.awaitDone(id).getString("status"));
    assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "attempts"));
  }

  @Test
  void webhookForAnUnknownVideoIsAcknowledgedAndIgnored() {
    assertEquals(204, postHook(minioEvent("BBBBBBBBBBBBBBBBBBBBBB"), "Bearer " + TestNode.WEBHOOK_TOKEN).statusCode());
  }

  @Test
  void webhookWithAMalformedBodyIs400() {
    var response = postHook(new JsonObject().put("hello", "world"), "Bearer " + TestNode.WEBHOOK_TOKEN);

    assertEquals(400, response.statusCode());
  }

  @Test
  void aSignedOutMultipartUploadIsRefusedAndTheConnectionStillAnswers() throws Exception {
    KinoraClient stranger = new KinoraClient(client.vertx(), client.port());
    MultipartForm form = MultipartForm.create()
        .binaryFileUpload("file", "stranger.mp4", Clips.shortClip().toString(), "video/mp4");

    HttpResponse<Buffer> refused = KinoraClient.await(stranger.request(HttpMethod.POST, "/api/videos")
        .sendMultipartForm(form));

    assertEquals(401, refused.statusCode(), refused.bodyAsString());
    // the refused body was drained, not left paused: the same client's next request is answered
    assertEquals(200, stranger.get("/api/limits").statusCode());
    stranger.close();
  }

  @Test
  void multipartUploadStreamsToStorageAndBecomesReady() throws Exception {
    Path clip = Clips.shortClip();
    MultipartForm form = MultipartForm.create()
        .attribute("title", "From curl")
        .attribute("description", "multipart path")
        .binaryFileUpload("file", "form.mp4", clip.toString(), "video/mp4");

    HttpResponse<Buffer> response = postForm(form);

    assertEquals(202, response.statusCode(), response.bodyAsString());
    JsonObject video = response.bodyAsJsonObject();
    assertEquals("From curl", video.getString("title"));
    assertEquals("ready", client.awaitDone(video.getString("id")).getString("status"));
    assertNoSpoolFileLeft();
  }

  /** Multipart uploads spool to {@code upload-*} files in the temp directory; none may stay. */
  private static void assertNoSpoolFileLeft() throws Exception {
    Await.until(Duration.ofSeconds(2), "the spool files to be removed", UploadCompletionIT::spoolFiles, List::isEmpty);
  }

  private static List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(node.tempDir())) {
      return files.filter(p -> p.getFileName().toString().startsWith("upload-")).toList();
    }
  }

  @Test
  void embeddedStorageAnswersTheBrowsersCorsPreflightForThePresignedPut() {
    String uploadUrl = client.createUpload("browser.mp4", 100).getString("uploadUrl");

    HttpResponse<Buffer> preflight = KinoraClient.await(client.requestAbs(HttpMethod.OPTIONS, uploadUrl)
        .putHeader("Origin", "http://localhost:8080")
        .putHeader("Access-Control-Request-Method", "PUT")
        .putHeader("Access-Control-Request-Headers", "content-type")
        .send());

    assertEquals(200, preflight.statusCode());
    assertTrue(preflight.getHeader("Access-Control-Allow-Methods").contains("PUT"));
    assertTrue(preflight.getHeader("Access-Control-Allow-Origin") != null);
  }

  @Test
  void multipartWithoutAFilePartIs400() {
    MultipartForm form = MultipartForm.create().attribute("title", "nothing");

    HttpResponse<Buffer> response = postForm(form);

    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("error").contains("file"));
  }

  @Test
  void multipartWithATitleOverTheLimitIs400AndMakesNoVideo() throws Exception {
    long before = client.total();
    MultipartForm form = MultipartForm.create()
        .attribute("title", "t".repeat(VideoLimits.MAX_TITLE + 1))
        .binaryFileUpload("file", "long-title.mp4", Clips.shortClip().toString(), "video/mp4");

    HttpResponse<Buffer> response = postForm(form);

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getString("error").contains(Integer.toString(VideoLimits.MAX_TITLE)));
    assertEquals(before, client.total());
    assertNoSpoolFileLeft();
  }

  @Test
  void multipartWithATitleAndDescriptionAtTheirLimitsIsAccepted() throws Exception {
    MultipartForm form = MultipartForm.create()
        .attribute("title", "t".repeat(VideoLimits.MAX_TITLE))
        .attribute("description", "d".repeat(VideoLimits.MAX_DESCRIPTION))
        .binaryFileUpload("file", "longest.mp4", Clips.shortClip().toString(), "video/mp4");

    HttpResponse<Buffer> response = postForm(form);

    assertEquals(202, response.statusCode(), response.bodyAsString());
    JsonObject video = client.awaitReady(response.bodyAsJsonObject().getString("id"));
    assertEquals(VideoLimits.MAX_TITLE, video.getString("title").length());
    assertEquals(VideoLimits.MAX_DESCRIPTION, video.getString("description").length());
  }
}
