package io.kinora.web;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.kinora.video.VideoLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST contract: validation answers, management, and the node's own signed-media checks. */
@KinoraTest
@Tag("fast")
class ApiContractIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  /** A ready video the tests only read. */
  private static String readyId;

  @BeforeAll
  static void uploadAReadyVideo() throws Exception {
    readyId = client.uploadReady(Clips.shortClip()).getString("id");
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
    assertJsonError(client.get(path), 400);
  }

  @Test
  void pathsThatLeadNowhereAre404WithAJsonError() {
    assertJsonError(client.get("/api/videos/../../etc/passwd"), 404);
    assertJsonError(client.get("/no/such/page"), 404);
  }

  @Test
  void unknownIdIs404() {
    assertJsonError(client.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA"), 404);
    assertJsonError(client.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8"), 404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad json", "[]", "{}", "{\"filename\":\"a.mp4\"}", "{\"filename\":\"a.mp4\",\"size\":-5}",
      "{\"filename\":\"a.mp4\",\"size\":\"big\"}", "{\"filename\":\"\",\"size\":10}", "{\"filename\":7,\"size\":10}",
      "{\"filename\":\"a.mp4\",\"size\":10,\"owner\":\"x\"}", "{\"filename\":\"a.mp4\",\"size\":1.5}"})
  void malformedUploadRequestsAre400(String body) {
    assertJsonError(client.postJson("/api/uploads", body), 400);
  }

  @Test
  void uploadLargerThanTheLimitIs413() {
    HttpResponse<Buffer> response = client.postJson("/api/uploads",
        new JsonObject().put("filename", "huge.mov").put("size", 30L * 1024 * 1024 * 1024));

    assertJsonError(response, 413);
    assertTrue(response.bodyAsJsonObject().getString("error").contains("20 GiB"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"?page=0", "?page=abc", "?pageSize=0", "?pageSize=101", "?page=-1"})
  void badPagingParametersAre400(String query) {
    assertJsonError(client.get("/api/videos" + query), 400);
  }

  @Test
  void listIsNewestFirstWithPagingFields() {
    // the node is shared: other classes' videos are there too, so only the newest two are known
    String one = client.createVideo("one.mp4");
    String two = client.createVideo("two.mp4");

    JsonObject first = client.get("/api/videos?page=1&pageSize=1").bodyAsJsonObject();
    JsonObject second = client.get("/api/videos?page=2&pageSize=1").bodyAsJsonObject();

    assertEquals(1, first.getInteger("page"));
    assertEquals(1, first.getInteger("pageSize"));
    assertTrue(first.getLong("total") >= 2);
    assertEquals(2, second.getInteger("page"));
    String onFirst = first.getJsonArray("items").getJsonObject(0).getString("id");
    String onSecond = second.getJsonArray("items").getJsonObject(0).getString("id");
    assertEquals(Set.of(one, two), Set.of(onFirst, onSecond), "the two newest, one a page");
    // newest by the creation time the API shows, to the millisecond it orders by: the two may
    // share one, and then either may come first
    assertTrue(createdMillis(onFirst) >= createdMillis(onSecond),
        "newest first: " + client.video(onFirst).encode() + " before " + client.video(onSecond).encode());
  }

  private static long createdMillis(String id) {
    return Instant.parse(client.video(id).getString("createdAt")).toEpochMilli();
  }

  @Test
  void totalCountsEveryVideoAndTheLastPageHoldsTheRest() {
    long before = client.total();
    List<String> made = List.of(client.createVideo("a.mp4"), client.createVideo("b.mp4"), client.createVideo("c.mp4"));

    long total = client.total();
    long pageSize = 2;
    long lastPage = (total + pageSize - 1) / pageSize;
    JsonObject last = client.get("/api/videos?page=" + lastPage + "&pageSize=" + pageSize).bodyAsJsonObject();
    JsonObject beyond = client.get("/api/videos?page=" + (lastPage + 1) + "&pageSize=" + pageSize).bodyAsJsonObject();

    assertEquals(before + made.size(), total);
    assertEquals(total - (lastPage - 1) * pageSize, last.getJsonArray("items").size());
    assertEquals(0, beyond.getJsonArray("items").size());
    assertEquals(total, beyond.getLong("total"));
  }

  @Test
  void videoJsonHasExactlyTheContractFields() {
    JsonObject video = client.video(readyId);

    assertEquals(Set.of("id", "title", "description", "owner", "visibility", "status", "progress", "durationSeconds",
        "width", "height", "renditions", "createdAt", "updatedAt", "playable", "playbackUrl", "segmentFormat", "dashUrl", "posterUrl",
        "likes", "dislikes", "views", "commentCount", "commentsEnabled", "myRating",
        "downloads", "storyboardUrl", "captions", "chapters"), video.fieldNames());
    assertEquals(Set.of("id", "username"), video.getJsonObject("owner").fieldNames());
    assertEquals(Set.of("name", "width", "height", "bandwidth"), video.getJsonArray("renditions").getJsonObject(0).fieldNames());
  }

  @Test
  void patchChangesTitleAndDescriptionAndValidates() {
    String id = client.createUpload("patch.mp4", 10).getString("id");

    HttpResponse<Buffer> ok = client.patchJson("/api/videos/" + id,
        new JsonObject().put("title", "New title").put("description", "New words"));

    assertEquals(200, ok.statusCode());
    assertEquals("New title", ok.bodyAsJsonObject().getString("title"));
    assertEquals("New words", client.video(id).getString("description"));
    assertJsonError(client.patchJson("/api/videos/" + id, new JsonObject()), 400);
    assertJsonError(client.patchJson("/api/videos/" + id, new JsonObject().put("title", 5)), 400);
    assertJsonError(client.patchJson("/api/videos/" + id, new JsonObject().put("status", "ready")), 400);
    assertJsonError(client.patchJson("/api/videos/AAAAAAAAAAAAAAAAAAAAAA", new JsonObject().put("title", "x")), 404);
  }

  @Test
  void limitsAreServedAsTheApiAppliesThem() {
    JsonObject limits = client.get("/api/limits").bodyAsJsonObject();

    assertEquals(VideoLimits.MAX_TITLE, limits.getInteger("maxTitleLength"));
    assertEquals(VideoLimits.MAX_DESCRIPTION, limits.getInteger("maxDescriptionLength"));
    assertEquals(VideoLimits.MAX_FILENAME, limits.getInteger("maxFilenameLength"));
    assertEquals(node.config().limits().toJson(), limits);
  }

  @Test
  void createAcceptsFieldsUpToTheirLimitsAndRefusesOneCharacterMore() {
    JsonObject longest = new JsonObject().put("filename", "f".repeat(VideoLimits.MAX_FILENAME - 4) + ".mp4")
        .put("size", 10).put("title", "t".repeat(VideoLimits.MAX_TITLE))
        .put("description", "d".repeat(VideoLimits.MAX_DESCRIPTION));

    HttpResponse<Buffer> created = client.postJson("/api/uploads", longest);

    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject video = client.video(created.bodyAsJsonObject().getString("id"));
    assertEquals(VideoLimits.MAX_TITLE, video.getString("title").length());
    assertEquals(VideoLimits.MAX_DESCRIPTION, video.getString("description").length());
    assertJsonError(client.postJson("/api/uploads", longest.copy()
        .put("filename", "f".repeat(VideoLimits.MAX_FILENAME - 3) + ".mp4")), 400);
    assertJsonError(client.postJson("/api/uploads", longest.copy().put("title", "t".repeat(VideoLimits.MAX_TITLE + 1))), 400);
    assertJsonError(client.postJson("/api/uploads", longest.copy()
        .put("description", "d".repeat(VideoLimits.MAX_DESCRIPTION + 1))), 400);
  }

  @Test
  void aTitleTakenFromALongFileNameIsCutToTheTitleLimit() {
    String id = client.createUpload("n".repeat(VideoLimits.MAX_FILENAME - 4) + ".mp4", 10).getString("id");

    assertEquals("n".repeat(VideoLimits.MAX_TITLE), client.video(id).getString("title"));
  }

  @Test
  void patchAcceptsFieldsUpToTheirLimitsAndRefusesOneCharacterMore() {
    String id = client.createVideo("limits.mp4");
    String path = "/api/videos/" + id;

    assertEquals(200, client.patchJson(path, new JsonObject().put("title", "t".repeat(VideoLimits.MAX_TITLE))
        .put("description", "d".repeat(VideoLimits.MAX_DESCRIPTION))).statusCode());
    HttpResponse<Buffer> longTitle = client.patchJson(path, new JsonObject().put("title", "t".repeat(VideoLimits.MAX_TITLE + 1)));
    HttpResponse<Buffer> longDescription = client.patchJson(path,
        new JsonObject().put("description", "d".repeat(VideoLimits.MAX_DESCRIPTION + 1)));

    assertJsonError(longTitle, 400);
    assertTrue(longTitle.bodyAsJsonObject().getString("error").contains(Integer.toString(VideoLimits.MAX_TITLE)),
        longTitle.bodyAsString());
    assertJsonError(longDescription, 400);
    assertEquals(VideoLimits.MAX_TITLE, client.video(id).getString("title").length(), "a refused edit changes nothing");
  }

  @Test
  void deleteRemovesEveryObjectAndRecord() throws Exception {
    String id = client.uploadReady(Clips.shortClip()).getString("id");
    Path s3 = node.dataDir().resolve("s3");
    assertTrue(Clips.run(List.of("find", s3.toString())).contains(id));

    assertEquals(204, client.delete("/api/videos/" + id).statusCode());

    assertJsonError(client.get("/api/videos/" + id), 404);
    assertFalse(Clips.run(List.of("find", s3.toString(), "-type", "f")).contains(id), "no object of the video left");
    assertEquals("0", redis.cli("EXISTS", RedisKeys.video(id), RedisKeys.playlists(id)));
    assertEquals("", redis.cli("ZSCORE", "kinora:videos", id));
    assertJsonError(client.delete("/api/videos/" + id), 404);
  }

  @Test
  void playlistsOfAVideoThatIsNotReadyAre409() {
    String id = client.createUpload("pending.mp4", 10).getString("id");

    assertJsonError(client.get("/api/videos/" + id + "/master.m3u8"), 409);
  }

  @Test
  void unknownRenditionIs404() {
    assertJsonError(client.get("/api/videos/" + readyId + "/renditions/999p.m3u8"), 404);
    assertJsonError(client.get("/api/videos/" + readyId + "/renditions/..%2F..%2Fx.m3u8"), 404);
  }

  private String firstSegment() {
    return client.firstSegment(readyId, "240p");
  }

  @Test
  void signedSegmentIsServedWithTypeAndCacheHeaders() {
    HttpResponse<Buffer> segment = client.get(firstSegment());

    assertEquals(200, segment.statusCode());
    assertEquals("video/iso.segment", segment.getHeader("Content-Type"));
    assertTrue(segment.getHeader("Cache-Control").contains("immutable"));
    assertEquals("bytes", segment.getHeader("Accept-Ranges"));
    assertEquals("styp", segment.body().getString(4, 8), "a CMAF segment starts with its styp box");
  }

  @Test
  void rangeRequestGets206WithContentRange() {
    String url = firstSegment();
    int total = client.get(url).body().length();

    HttpResponse<Buffer> head = client.get(url, "Range", "bytes=0-187");
    HttpResponse<Buffer> tail = client.get(url, "Range", "bytes=-100");

    assertEquals(206, head.statusCode());
    assertEquals(188, head.body().length());
    assertEquals("bytes 0-187/" + total, head.getHeader("Content-Range"));
    assertEquals(206, tail.statusCode());
    assertEquals("bytes " + (total - 100) + "-" + (total - 1) + "/" + total, tail.getHeader("Content-Range"));
    assertJsonError(client.get(url, "Range", "bytes=" + (total + 10) + "-"), 416);
    assertJsonError(client.get(url, "Range", "bytes=-0"), 416);
  }

  @Test
  void headOfASignedSegmentAnswersWithoutABody() {
    HttpResponse<Buffer> head = client.head(firstSegment());

    assertEquals(200, head.statusCode());
    assertEquals("video/iso.segment", head.getHeader("Content-Type"));
    assertTrue(head.body() == null || head.body().length() == 0, "a HEAD answer has no body");
  }

  @Test
  void tamperedSignatureIs403() {
    String url = firstSegment();
    String tampered = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA");

    assertJsonError(client.get(tampered), 403);
    assertJsonError(client.get(url.substring(0, url.indexOf('?'))), 403);
  }

  @Test
  void signatureForAnotherPathIs403() {
    String url = firstSegment();
    String query = url.substring(url.indexOf('?'));

    assertJsonError(client.get("/media/" + readyId + "/240p/seg_r1_00099.m4s" + query), 403);
    assertJsonError(client.get("/media/" + readyId + "/360p/seg_r1_00000.m4s" + query), 403);
  }

  @Test
  void expiredSignatureIs410() {
    UrlSigner signer = new UrlSigner(TestNode.SIGNING_SECRET, 60, Clock.systemUTC());
    long past = System.currentTimeMillis() / 1000 - 10;
    String uri = "/media/" + readyId + "/240p/seg_r1_00000.m4s";

    assertJsonError(client.get(signer.signedUrl(uri, past)), 410);
    assertEquals(200, client.get(signer.signedUrl(uri, past + 3600)).statusCode());
  }

  @Test
  void pagesNeverLeakTheirVideoUrlInAReferer() {
    HttpResponse<Buffer> page = client.get("/watch/" + readyId);

    assertEquals(200, page.statusCode());
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
    assertTrue(page.getHeader("Content-Security-Policy").contains("default-src 'self'"));
  }

  @Test
  void healthReportsEveryCheckUp() {
    JsonObject health = client.get("/health").bodyAsJsonObject();

    assertEquals("UP", health.getString("status"));
    for (String check : List.of("redis", "storage", "cluster")) {
      assertEquals("UP", health.getJsonObject("checks").getJsonObject(check).getString("status"), check);
    }
  }

  @Test
  void everyAnswerNamesItsRequestEchoingASaneIdFromTheEdge() {
    String fresh = client.get("/api/limits").getHeader("X-Request-Id");
    assertTrue(fresh != null && fresh.matches("[0-9a-f]{16}"), fresh);
    assertEquals("edge-req-42", client.get("/api/limits", "X-Request-Id", "edge-req-42").getHeader("X-Request-Id"));
    String replaced = client.get("/api/limits", "X-Request-Id", "<script>").getHeader("X-Request-Id");
    assertTrue(replaced.matches("[0-9a-f]{16}"), "an insane ID is not echoed: " + replaced);
  }
}
