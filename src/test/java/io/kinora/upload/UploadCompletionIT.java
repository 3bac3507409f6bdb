package io.kinora.upload;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.NodeFixture;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion is idempotent whichever way it arrives: client call, MinIO webhook, multipart. */
@ExtendWith(VertxExtension.class)
class UploadCompletionIT {

  private static NodeFixture fixture;
  private static Vertx vertx;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    fixture = NodeFixture.start(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

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
    var request = WebClient.create(vertx).post(fixture.node.httpPort(), "127.0.0.1", "/hooks/storage");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return KinoraClient.await(request.sendJsonObject(event));
  }

  private String uploadedButNotCompleted(String name) throws Exception {
    Path clip = Clips.mp4(clips, name, 320, 240, 1);
    JsonObject created = fixture.client.createUpload(name, Files.size(clip));
    assertEquals(200, fixture.client.putToStorage(created.getString("uploadUrl"), clip));
    return created.getString("id");
  }

  private long queuedJobsFor(String id) throws Exception {
    String queue = fixture.redis.cli("LRANGE", "kinora:jobs:queue", "0", "-1");
    String running = fixture.redis.cli("SMEMBERS", "kinora:jobs:running");
    return (queue + "\n" + running).lines().filter(id::equals).count();
  }

  @Test
  void completingTwiceQueuesOneJob() throws Exception {
    String id = uploadedButNotCompleted("twice.mp4");

    HttpResponse<Buffer> first = fixture.client.post("/api/videos/" + id + "/complete");
    HttpResponse<Buffer> second = fixture.client.post("/api/videos/" + id + "/complete");

    assertEquals(202, first.statusCode());
    assertEquals(202, second.statusCode());
    assertTrue(queuedJobsFor(id) <= 1);
    assertEquals("ready", fixture.client.awaitDone(id, Duration.ofSeconds(60)).getString("status"));
    assertEquals("1", fixture.redis.cli("HGET", "kinora:video:" + id, "attempts"), "exactly one run");
    assertEquals(202, fixture.client.post("/api/videos/" + id + "/complete").statusCode(), "still idempotent when ready");
    assertEquals("1", fixture.redis.cli("HGET", "kinora:video:" + id, "attempts"));
  }

  @Test
  void completingBeforeThePutIsAConflictThatSaysWhatToDo() {
    String id = fixture.client.createUpload("early.mp4", 100).getString("id");

    HttpResponse<Buffer> response = fixture.client.post("/api/videos/" + id + "/complete");

    assertEquals(409, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("error").contains("PUT"));
    assertEquals("awaiting_upload", fixture.client.video(id).getString("status"));
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
    assertEquals(202, fixture.client.post("/api/videos/" + id + "/complete").statusCode());

    assertEquals("ready", fixture.client.awaitDone(id, Duration.ofSeconds(60)).getString("status"));
    assertEquals("1", fixture.redis.cli("HGET", "kinora:video:" + id, "attempts"));
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
  void multipartUploadStreamsToStorageAndBecomesReady() throws Exception {
    Path clip = Clips.mp4(clips, "form.mp4", 320, 240, 1);
    MultipartForm form = MultipartForm.create()
        .attribute("title", "From curl")
        .attribute("description", "multipart path")
        .binaryFileUpload("file", "form.mp4", clip.toString(), "video/mp4");

    HttpResponse<Buffer> response = KinoraClient.await(WebClient.create(vertx)
        .post(fixture.node.httpPort(), "127.0.0.1", "/api/videos").sendMultipartForm(form));

    assertEquals(202, response.statusCode(), response.bodyAsString());
    JsonObject video = response.bodyAsJsonObject();
    assertEquals("From curl", video.getString("title"));
    assertEquals("ready", fixture.client.awaitDone(video.getString("id"), Duration.ofSeconds(60)).getString("status"));
    try (var left = Files.list(fixture.node.config().tempDir())) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("upload-")), "spool file removed");
    }
  }

  @Test
  void embeddedStorageAnswersTheBrowsersCorsPreflightForThePresignedPut() {
    String uploadUrl = fixture.client.createUpload("browser.mp4", 100).getString("uploadUrl");

    HttpResponse<Buffer> preflight = KinoraClient.await(WebClient.create(vertx)
        .requestAbs(io.vertx.core.http.HttpMethod.OPTIONS, uploadUrl)
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

    HttpResponse<Buffer> response = KinoraClient.await(WebClient.create(vertx)
        .post(fixture.node.httpPort(), "127.0.0.1", "/api/videos").sendMultipartForm(form));

    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("error").contains("file"));
  }
}
