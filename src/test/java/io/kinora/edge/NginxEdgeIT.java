package io.kinora.edge;

import io.kinora.platform.signing.UrlSigner;
import io.kinora.support.Clips;
import io.kinora.support.EdgeServer;
import io.kinora.support.KinoraClient;
import io.kinora.support.Ports;
import io.kinora.support.RedisServer;
import io.kinora.support.SseReader;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real nginx from nginx/run in front of a node: same verdicts, SSE unbuffered, ranges, caching.
 *
 * <p>Its own node rather than a {@code @KinoraTest} one: the node's presigned URLs must name the
 * edge, whose port is only known here. One ready video for the class, which the tests only
 * read; the cache test uploads its own, whose segments nobody has fetched yet.
 */
@ExtendWith(VertxExtension.class)
class NginxEdgeIT {

  private static RedisServer redis;
  private static TestNode node;
  private static EdgeServer edge;
  private static KinoraClient viaEdge;
  private static KinoraClient viaNode;
  private static Vertx vertx;
  private static String videoId;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    int edgePort = Ports.free();
    int s3Port = Ports.free();
    // browsers get presigned URLs for the edge; nginx passes them to storage with the Host intact
    // the node trusts the edge (on 127.0.0.1) to name the client; clients below speak from other
    // loopback addresses, as different people would
    node = TestNode.start(vertx, redis, Map.of("KINORA_S3_PORT", Integer.toString(s3Port),
        "KINORA_S3_PUBLIC_ENDPOINT", "http://127.0.0.1:" + edgePort, "KINORA_TRUSTED_PROXIES", "127.0.0.1/32"));
    edge = EdgeServer.start(edgePort, "127.0.0.1:" + node.httpPort(), "127.0.0.1:" + s3Port, TestNode.SIGNING_SECRET);
    viaNode = KinoraClient.signedUp(vertx, node.httpPort());
    viaEdge = new KinoraClient(vertx, edgePort).withToken(viaNode.token());
    videoId = viaEdge.upload(Clips.mp4(clips, "edge.mp4", 640, 360, 5));
    viaEdge.awaitReady(videoId);
  }

  @AfterAll
  static void stop() throws Exception {
    edge.close();
    node.close();
    redis.close();
  }

  @Test
  void presignedUploadThroughTheEdgeReachedStorageAndPlays() throws Exception {
    String out = Clips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0",
        viaEdge.baseUrl() + "/api/videos/" + videoId + "/master.m3u8"));

    assertTrue(out.contains("640,360"), out);
  }

  @Test
  void anUploadInPartsGoesThroughTheEdgeAndIsListedByStorage() throws Exception {
    Path clip = Clips.mp4(clips, "edge-parts.mp4", 320, 240, 1);
    String id = viaEdge.postJson("/api/uploads", new JsonObject().put("filename", "edge-parts.mp4")
        .put("size", Files.size(clip)).put("multipart", true)).bodyAsJsonObject().getString("id");
    String url = viaEdge.postJson("/api/uploads/" + id + "/parts",
            new JsonObject().put("partNumbers", new JsonArray().add(1))).bodyAsJsonObject()
        .getJsonArray("parts").getJsonObject(0).getString("url");
    assertTrue(url.startsWith(viaEdge.baseUrl() + "/uploads/"), url);

    assertEquals(200, viaEdge.putToStorage(url, clip));

    JsonArray stored = viaEdge.get("/api/uploads/" + id + "/parts").bodyAsJsonObject().getJsonArray("parts");
    assertEquals(Files.size(clip), stored.getJsonObject(0).getLong("size"));
    assertEquals(204, viaEdge.delete("/api/uploads/" + id).statusCode());
  }

  @Test
  void nginxAndTheNodeGiveTheSameVerdictOnEveryVector() {
    UrlSigner signer = new UrlSigner(TestNode.SIGNING_SECRET, 3600, Clock.systemUTC());
    String uri = "/media/" + videoId + "/240p/seg_r1_00000.m4s";
    long future = System.currentTimeMillis() / 1000 + 3600;
    long past = System.currentTimeMillis() / 1000 - 60;
    String valid = signer.signedUrl(uri, future);
    String sig = signer.signature(uri, future);
    // the last of 22 characters carries 2 bits; its 4 low bits are padding both sides ignore
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char otherSpelling = alphabet.charAt(alphabet.indexOf(sig.charAt(21)) + 1);
    String sameBytes = uri + "?expires=" + future + "&sig=" + sig.substring(0, 21) + otherSpelling;
    int middle = valid.indexOf("&sig=") + 5 + 10;
    String tampered = valid.substring(0, middle) + (valid.charAt(middle) == 'A' ? 'B' : 'A') + valid.substring(middle + 1);
    Map<String, Integer> vectors = Map.of(
        valid, 200,
        tampered, 403,
        sameBytes, 200,
        uri + "?expires=" + future + "&sig=" + signer.signature("/media/" + videoId + "/240p/seg_r1_00001.m4s", future), 403,
        "/media/" + videoId + "/360p/seg_r1_00000.m4s" + valid.substring(valid.indexOf('?')), 403,
        signer.signedUrl(uri, past), 410,
        uri, 403);

    vectors.forEach((url, expected) -> {
      assertEquals(expected, viaEdge.get(url).statusCode(), "nginx: " + url);
      assertEquals(expected, viaNode.get(url).statusCode(), "node: " + url);
    });
  }

  @Test
  void rangeRequestThroughNginxIs206() {
    String url = viaEdge.firstSegment(videoId, "240p");
    int total = viaEdge.get(url).body().length();

    HttpResponse<Buffer> partial = viaEdge.get(url, "Range", "bytes=188-375");

    assertEquals(206, partial.statusCode());
    assertEquals(188, partial.body().length());
    assertEquals("bytes 188-375/" + total, partial.getHeader("Content-Range"));
    assertEquals("video/iso.segment", partial.getHeader("Content-Type"));
  }

  @Test
  void theDashManifestGoesThroughTheEdgeCompressedAndMicroCachedAndPlaysToTheEnd() throws Exception {
    String path = "/api/videos/" + videoId + "/manifest.mpd";

    HttpResponse<Buffer> first = viaEdge.get(path, "Accept-Encoding", "gzip");
    HttpResponse<Buffer> second = viaEdge.get(path, "Accept-Encoding", "gzip");

    assertEquals(200, first.statusCode());
    assertEquals("application/dash+xml", first.getHeader("Content-Type"));
    assertEquals("gzip", first.getHeader("Content-Encoding"));
    assertEquals("HIT", second.getHeader("X-Cache-Status"));
    String init = viaEdge.get(path).bodyAsString().lines().filter(l -> l.contains("<Initialization"))
        .findFirst().orElseThrow();
    String initUrl = init.substring(init.indexOf("sourceURL=\"") + 11, init.lastIndexOf('"')).replace("&amp;", "&");
    HttpResponse<Buffer> initFile = viaEdge.get(initUrl);
    assertEquals(200, initFile.statusCode(), initUrl);
    assertEquals("video/mp4", initFile.getHeader("Content-Type"));
    String out = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i", viaEdge.baseUrl() + path,
        "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"));
    java.util.regex.Matcher frames = java.util.regex.Pattern.compile("frame=\\s*(\\d+)").matcher(out);
    int last = -1;
    while (frames.find()) {
      last = Integer.parseInt(frames.group(1));
    }
    // 5 s at 30 fps: ffmpeg exits 0 even when a segment is refused, so count the frames
    assertEquals(150, last, out);
  }

  @Test
  void aDownloadAndTheStoryboardSheetsGoThroughTheEdgesSignatureCheck() {
    HttpResponse<Buffer> redirect = viaEdge.get("/api/videos/" + videoId + "/download?rendition=240p");
    assertEquals(302, redirect.statusCode(), redirect.bodyAsString());
    String mp4 = redirect.getHeader("Location");

    HttpResponse<Buffer> file = viaEdge.get(mp4);
    assertEquals(200, file.statusCode());
    assertEquals("video/mp4", file.getHeader("Content-Type"));
    // the node's header passes through nginx (and its cache) unchanged
    assertTrue(file.getHeader("Content-Disposition").startsWith("attachment; filename=\""), file.getHeader("Content-Disposition"));
    assertEquals("ftyp", file.body().getString(4, 8));
    HttpResponse<Buffer> part = viaEdge.get(mp4, "Range", "bytes=4-7");
    assertEquals(206, part.statusCode());
    assertEquals("ftyp", part.bodyAsString());
    assertEquals(403, viaEdge.get(mp4.replace("sig=", "sig=A")).statusCode());

    HttpResponse<Buffer> track = viaEdge.get("/api/videos/" + videoId + "/storyboard.vtt");
    assertEquals(200, track.statusCode());
    String sheet = track.bodyAsString().lines().filter(l -> l.startsWith("/media/")).findFirst().orElseThrow();
    sheet = sheet.substring(0, sheet.indexOf('#'));
    assertEquals(200, viaEdge.get(sheet).statusCode());
    assertEquals("image/jpeg", viaEdge.get(sheet).getHeader("Content-Type"));
    assertEquals(403, viaEdge.get(sheet.replace("sig=", "sig=A")).statusCode());
  }

  @Test
  void secondRequestForASegmentIsACacheHitEvenWithAnotherSignature() throws Exception {
    // a video of its own, so no other test can have pulled its segment into the cache first
    String id = viaEdge.uploadReady(Clips.shortClip()).getString("id");
    String first = viaEdge.firstSegment(id, "240p");
    UrlSigner signer = new UrlSigner(TestNode.SIGNING_SECRET, 7200, Clock.systemUTC());
    String other = signer.signedUrl(first.substring(0, first.indexOf('?')), System.currentTimeMillis() / 1000 + 7200);

    HttpResponse<Buffer> miss = viaEdge.get(first);
    HttpResponse<Buffer> hit = viaEdge.get(other);

    assertEquals(200, miss.statusCode());
    assertEquals("MISS", miss.getHeader("X-Cache-Status"));
    assertEquals(200, hit.statusCode());
    assertEquals("HIT", hit.getHeader("X-Cache-Status"));
    assertEquals(miss.body(), hit.body());
  }

  @Test
  void sseThroughNginxDeliversTheFirstEventWithinASecond() throws Exception {
    long started = System.nanoTime();
    try (SseReader sse = SseReader.open(vertx, edge.port(), "/api/videos/" + videoId + "/events", null)) {
      SseReader.Event first = sse.next(Duration.ofSeconds(1));
      assertNotNull(first);
      assertEquals("ready", first.json().getString("status"));
      assertTrue(System.nanoTime() - started < 1_000_000_000L);
    }
  }

  @Test
  void theEdgeNeverServesAPrivateVideosPlaylistFromItsCache() throws Exception {
    String id = viaEdge.upload(Clips.shortClip());
    viaEdge.awaitReady(id);
    assertEquals(200, viaEdge.patchJson("/api/videos/" + id, new io.vertx.core.json.JsonObject()
        .put("visibility", "private")).statusCode());
    String playlist = "/api/videos/" + id + "/renditions/240p.m3u8";

    HttpResponse<Buffer> owner = viaEdge.get(playlist);
    HttpResponse<Buffer> again = viaEdge.get(playlist);
    HttpResponse<Buffer> stranger = new KinoraClient(vertx, edge.port()).get(playlist);

    assertEquals(200, owner.statusCode());
    assertEquals(200, again.statusCode());
    assertFalse("HIT".equals(again.getHeader("X-Cache-Status")), "a private playlist is never kept");
    assertEquals(404, stranger.statusCode(), "the owner's fetch must not open it to others");
  }

  @Test
  void originalsCannotBeReadThroughTheEdge() {
    assertEquals(403, viaEdge.get("/uploads/" + videoId + "/original").statusCode());
  }

  @Test
  void aNodesMetricsAreNotServedThroughTheEdge() {
    assertEquals(200, viaNode.get("/metrics").statusCode());
    assertEquals(404, viaEdge.get("/metrics").statusCode());
  }

  @Test
  void behindTheEdgeOneClientsFailedSignInsDoNotLockOutAnother() {
    WebClient guesser = clientFrom("127.0.0.2");
    WebClient someoneElse = clientFrom("127.0.0.3");
    try {
      for (int i = 0; i < 30; i++) {
        // a forged header changes nothing: nginx appends the address it saw, and that one counts
        assertEquals(401, KinoraClient.await(guesser.post(edge.port(), "127.0.0.1", "/api/session")
            .putHeader("X-Forwarded-For", "198.51.100." + i)
            .sendJsonObject(new JsonObject().put("username", "guess" + i).put("password", "some password"))).statusCode());
      }

      assertEquals(429, KinoraClient.await(guesser.post(edge.port(), "127.0.0.1", "/api/session")
          .sendJsonObject(new JsonObject().put("username", "guess-more").put("password", "some password"))).statusCode());
      assertEquals(401, KinoraClient.await(someoneElse.post(edge.port(), "127.0.0.1", "/api/session")
          .sendJsonObject(new JsonObject().put("username", "someone").put("password", "some password"))).statusCode());
    } finally {
      guesser.close();
      someoneElse.close();
    }
  }

  /** A client whose connections come from this loopback address. */
  private static WebClient clientFrom(String address) {
    return WebClient.create(vertx, new WebClientOptions().setLocalAddress(address));
  }

  @Test
  void apiErrorsPassThroughAsJson() {
    HttpResponse<Buffer> response = viaEdge.get("/api/videos/not-an-id");

    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().containsKey("error"));
  }
}
