package io.kinora.web;

import io.kinora.platform.signing.UrlSigner;
import io.kinora.support.Clips;
import io.kinora.support.NodeFixture;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST contract: validation answers, management, and the node's own signed-media checks. */
@ExtendWith(VertxExtension.class)
class ApiContractIT {

  private static NodeFixture fixture;
  private static String readyId;
  private static Vertx vertx;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    fixture = NodeFixture.start(vertx);
    readyId = fixture.client.upload(Clips.mp4(clips, "contract.mp4", 320, 240, 2));
    fixture.client.awaitStatus(readyId, Set.of("ready"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private static void assertJsonError(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("application/json"), response.getHeader("Content-Type"));
    assertFalse(response.bodyAsJsonObject().getString("error").isBlank());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/videos/short", "/api/videos/AAAAAAAAAAAAAAAAAAAAA%21",
      "/api/videos/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/master.m3u8", "/api/videos/x/events", "/api/videos/x/poster.jpg"})
  void malformedIdsAre400WithAJsonError(String path) {
    assertJsonError(fixture.client.get(path), 400);
  }

  @Test
  void pathsThatLeadNowhereAre404WithAJsonError() {
    assertJsonError(fixture.client.get("/api/videos/../../etc/passwd"), 404);
    assertJsonError(fixture.client.get("/no/such/page"), 404);
  }

  @Test
  void unknownIdIs404() {
    assertJsonError(fixture.client.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA"), 404);
    assertJsonError(fixture.client.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8"), 404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad json", "[]", "{}", "{\"filename\":\"a.mp4\"}", "{\"filename\":\"a.mp4\",\"size\":-5}",
      "{\"filename\":\"a.mp4\",\"size\":\"big\"}", "{\"filename\":\"\",\"size\":10}", "{\"filename\":7,\"size\":10}",
      "{\"filename\":\"a.mp4\",\"size\":10,\"owner\":\"x\"}", "{\"filename\":\"a.mp4\",\"size\":1.5}"})
  void malformedUploadRequestsAre400(String body) {
    assertJsonError(fixture.client.postJson("/api/uploads", body), 400);
  }

  @Test
  void uploadLargerThanTheLimitIs413() {
    HttpResponse<Buffer> response = fixture.client.postJson("/api/uploads",
        new JsonObject().put("filename", "huge.mov").put("size", 30L * 1024 * 1024 * 1024));

    assertJsonError(response, 413);
    assertTrue(response.bodyAsJsonObject().getString("error").contains("20 GiB"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"?page=0", "?page=abc", "?pageSize=0", "?pageSize=101", "?page=-1"})
  void badPagingParametersAre400(String query) {
    assertJsonError(fixture.client.get("/api/videos" + query), 400);
  }

  @Test
  void listIsNewestFirstWithPagingFields() {
    String newer = fixture.client.createUpload("newer.mp4", 10).getString("id");

    JsonObject page = fixture.client.get("/api/videos?page=1&pageSize=1").bodyAsJsonObject();

    assertEquals(1, page.getInteger("page"));
    assertEquals(1, page.getInteger("pageSize"));
    assertTrue(page.getLong("total") >= 2);
    assertEquals(newer, page.getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void videoJsonHasExactlyTheContractFields() {
    JsonObject video = fixture.client.video(readyId);

    assertEquals(Set.of("id", "title", "description", "status", "progress", "durationSeconds", "width", "height",
        "renditions", "createdAt", "updatedAt", "playbackUrl", "posterUrl"), video.fieldNames());
    assertEquals(Set.of("name", "width", "height", "bandwidth"), video.getJsonArray("renditions").getJsonObject(0).fieldNames());
  }

  @Test
  void patchChangesTitleAndDescriptionAndValidates() {
    String id = fixture.client.createUpload("patch.mp4", 10).getString("id");

    HttpResponse<Buffer> ok = fixture.client.patchJson("/api/videos/" + id,
        new JsonObject().put("title", "New title").put("description", "New words"));

    assertEquals(200, ok.statusCode());
    assertEquals("New title", ok.bodyAsJsonObject().getString("title"));
    assertEquals("New words", fixture.client.video(id).getString("description"));
    assertJsonError(fixture.client.patchJson("/api/videos/" + id, new JsonObject()), 400);
    assertJsonError(fixture.client.patchJson("/api/videos/" + id, new JsonObject().put("title", 5)), 400);
    assertJsonError(fixture.client.patchJson("/api/videos/" + id, new JsonObject().put("status", "ready")), 400);
    assertJsonError(fixture.client.patchJson("/api/videos/AAAAAAAAAAAAAAAAAAAAAA", new JsonObject().put("title", "x")), 404);
  }

  @Test
  void deleteRemovesEveryObjectAndRecord() throws Exception {
    String id = fixture.client.upload(Clips.mp4(clips, "doomed.mp4", 320, 240, 1));
    fixture.client.awaitStatus(id, Set.of("ready"), Duration.ofSeconds(60));
    Path s3 = fixture.node.dataDir().resolve("s3");
    assertTrue(Clips.run(List.of("find", s3.toString())).contains(id));

    assertEquals(204, fixture.client.delete("/api/videos/" + id).statusCode());

    assertJsonError(fixture.client.get("/api/videos/" + id), 404);
    assertFalse(Clips.run(List.of("find", s3.toString(), "-type", "f")).contains(id), "no object of the video left");
    assertEquals("0", fixture.redis.cli("EXISTS", "kinora:video:" + id, "kinora:video:" + id + ":playlists"));
    assertEquals("", fixture.redis.cli("ZSCORE", "kinora:videos", id));
    assertJsonError(fixture.client.delete("/api/videos/" + id), 404);
  }

  @Test
  void playlistsOfAVideoThatIsNotReadyAre409() {
    String id = fixture.client.createUpload("pending.mp4", 10).getString("id");

    assertJsonError(fixture.client.get("/api/videos/" + id + "/master.m3u8"), 409);
  }

  @Test
  void unknownRenditionIs404() {
    assertJsonError(fixture.client.get("/api/videos/" + readyId + "/renditions/999p.m3u8"), 404);
    assertJsonError(fixture.client.get("/api/videos/" + readyId + "/renditions/..%2F..%2Fx.m3u8"), 404);
  }

  private String firstSegment() {
    return fixture.client.get("/api/videos/" + readyId + "/renditions/240p.m3u8").bodyAsString()
        .lines().filter(l -> l.startsWith("/media/")).findFirst().orElseThrow();
  }

  @Test
  void signedSegmentIsServedWithTypeAndCacheHeaders() {
    HttpResponse<Buffer> segment = fixture.client.get(firstSegment());

    assertEquals(200, segment.statusCode());
    assertEquals("video/mp2t", segment.getHeader("Content-Type"));
    assertTrue(segment.getHeader("Cache-Control").contains("immutable"));
    assertEquals("bytes", segment.getHeader("Accept-Ranges"));
    assertEquals(0x47, segment.body().getByte(0), "MPEG-TS sync byte");
  }

  @Test
  void rangeRequestGets206WithContentRange() {
    String url = firstSegment();
    int total = fixture.client.get(url).body().length();

    HttpResponse<Buffer> head = fixture.client.get(url, "Range", "bytes=0-187");
    HttpResponse<Buffer> tail = fixture.client.get(url, "Range", "bytes=-100");

    assertEquals(206, head.statusCode());
    assertEquals(188, head.body().length());
    assertEquals("bytes 0-187/" + total, head.getHeader("Content-Range"));
    assertEquals(206, tail.statusCode());
    assertEquals("bytes " + (total - 100) + "-" + (total - 1) + "/" + total, tail.getHeader("Content-Range"));
    assertJsonError(fixture.client.get(url, "Range", "bytes=" + (total + 10) + "-"), 416);
    assertJsonError(fixture.client.get(url, "Range", "bytes=-0"), 416);
  }

  @Test
  void headOfASignedSegmentAnswersWithoutABody() {
    String url = firstSegment();
    HttpResponse<Buffer> head = io.kinora.support.KinoraClient.await(io.vertx.ext.web.client.WebClient.create(vertx)
        .head(fixture.node.httpPort(), "127.0.0.1", url).send());

    assertEquals(200, head.statusCode());
    assertEquals("video/mp2t", head.getHeader("Content-Type"));
  }

  @Test
  void tamperedSignatureIs403() {
    String url = firstSegment();
    String tampered = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA");

    assertJsonError(fixture.client.get(tampered), 403);
    assertJsonError(fixture.client.get(url.substring(0, url.indexOf('?'))), 403);
  }

  @Test
  void signatureForAnotherPathIs403() {
    String url = firstSegment();
    String query = url.substring(url.indexOf('?'));

    assertJsonError(fixture.client.get("/media/" + readyId + "/240p/seg_00099.ts" + query), 403);
    assertJsonError(fixture.client.get("/media/" + readyId + "/360p/seg_00000.ts" + query), 403);
  }

  @Test
  void expiredSignatureIs410() {
    UrlSigner signer = new UrlSigner(TestNode.SIGNING_SECRET, 60, Clock.systemUTC());
    long past = System.currentTimeMillis() / 1000 - 10;
    String uri = "/media/" + readyId + "/240p/seg_00000.ts";

    assertJsonError(fixture.client.get(signer.signedUrl(uri, past)), 410);
    assertEquals(200, fixture.client.get(signer.signedUrl(uri, past + 3600)).statusCode());
  }

  @Test
  void pagesNeverLeakTheirVideoUrlInAReferer() {
    HttpResponse<Buffer> page = fixture.client.get("/watch/" + readyId);

    assertEquals(200, page.statusCode());
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
    assertTrue(page.getHeader("Content-Security-Policy").contains("default-src 'self'"));
  }

  @Test
  void healthReportsEveryCheckUp() {
    JsonObject health = fixture.client.get("/health").bodyAsJsonObject();

    assertEquals("UP", health.getString("status"));
    for (String check : List.of("redis", "storage", "cluster")) {
      assertEquals("UP", health.getJsonObject("checks").getJsonObject(check).getString("status"), check);
    }
  }
}
