package io.kinora.upload;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed-in stranger attacking the storage edge with the URLs Kinora hands out. A presigned
 * upload URL may store exactly the declared bytes at one key, and nothing else: no server-side
 * copy of someone else's original, no other size, no read, no other key; what is written through
 * it after completion never changes what is processed; and the API's form upload is measured
 * against the quota before a byte of it is read. The node here processes nothing (slots 0), so
 * every record stays where the attack left it.
 */
@KinoraTest(group = "storage-edge", settings = {"KINORA_TRANSCODE_SLOTS=0",
    "KINORA_DEFAULT_QUOTA_BYTES=" + StorageEdgeIT.QUOTA})
@Tag("fast")
class StorageEdgeIT {

  static final long QUOTA = 20_000_000;
  private static final long DECLARED = 1000;

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;
  private static KinoraClient bob;
  private static String alicesPrivateVideo;
  private static HttpClient raw;

  @TempDir
  static Path clips;

  @BeforeAll
  static void aliceHasAPrivateOriginalInStorage() throws Exception {
    Path clip = Clips.mp4(clips, "alice.mp4", 320, 240, 1);
    JsonObject upload = client.postJson("/api/uploads", new JsonObject().put("filename", "alice.mp4")
        .put("size", Files.size(clip)).put("visibility", "private")).bodyAsJsonObject();
    alicesPrivateVideo = upload.getString("id");
    assertEquals(200, client.putToStorage(upload.getString("uploadUrl"), clip));
    client.complete(alicesPrivateVideo);
    bob = KinoraClient.signedUp(client.vertx(), client.port());
    raw = client.vertx().createHttpClient();
  }

  @AfterAll
  static void closeClients() {
    raw.close();
  }

  @Test
  void anUploadUrlCannotCopyAnotherPersonsOriginal() {
    JsonObject upload = bob.createUpload("copy.mp4", DECLARED);

    int copied = put(upload.getString("uploadUrl"), Buffer.buffer(),
        Map.of("x-amz-copy-source", "/uploads/" + alicesPrivateVideo + "/original"));

    assertEquals(403, copied);
    assertEquals(409, bob.post("/api/videos/" + upload.getString("id") + "/complete").statusCode(),
        "nothing reached storage, so nothing can be completed");
  }

  @Test
  void anUploadUrlWithTheRightSizeStillCannotCarryAnUnsignedCopyHeader() {
    JsonObject upload = bob.createUpload("copy.mp4", DECLARED);

    int copied = put(upload.getString("uploadUrl"), Buffer.buffer(new byte[(int) DECLARED]),
        Map.of("x-amz-copy-source", "/uploads/" + alicesPrivateVideo + "/original"));

    assertEquals(403, copied);
  }

  @Test
  void aPartUrlCannotCopyAnotherPersonsOriginal() {
    JsonObject created = bob.postJson("/api/uploads", new JsonObject().put("filename", "parts.mp4")
        .put("size", DECLARED).put("multipart", true)).bodyAsJsonObject();
    String id = created.getString("id");
    String partUrl = bob.postJson("/api/uploads/" + id + "/parts", new JsonObject().put("partNumbers", new JsonArray().add(1)))
        .bodyAsJsonObject().getJsonArray("parts").getJsonObject(0).getString("url");

    int copied = put(partUrl, Buffer.buffer(), Map.of("x-amz-copy-source", "/uploads/" + alicesPrivateVideo + "/original"));

    assertEquals(403, copied);
    assertTrue(bob.get("/api/uploads/" + id + "/parts").bodyAsJsonObject().getJsonArray("parts").isEmpty(),
        "storage holds no part");
  }

  @Test
  void anUploadUrlRefusesMoreBytesThanDeclared() {
    JsonObject upload = bob.createUpload("big.mp4", DECLARED);

    int status = put(upload.getString("uploadUrl"), Buffer.buffer(new byte[30 * 1024 * 1024]), Map.of());

    assertNotEquals(200, status, "30 MB into an upload declared as 1,000 bytes");
    assertEquals(409, bob.post("/api/videos/" + upload.getString("id") + "/complete").statusCode());
  }

  @Test
  void anUploadUrlRefusesFewerBytesThanDeclared() {
    JsonObject upload = bob.createUpload("short.mp4", DECLARED);

    assertEquals(403, put(upload.getString("uploadUrl"), Buffer.buffer(new byte[(int) DECLARED - 1]), Map.of()));
  }

  @Test
  void anUploadUrlCannotReadTheObjectItWrote() {
    JsonObject upload = bob.createUpload("read.mp4", DECLARED);
    String url = upload.getString("uploadUrl");
    assertEquals(200, put(url, Buffer.buffer(new byte[(int) DECLARED]), Map.of()));

    assertEquals(403, KinoraClient.await(bob.requestAbs(HttpMethod.GET, url).send()).statusCode());
  }

  @Test
  void anUploadUrlCannotBeBentToAnotherKeyOrOperation() {
    String url = bob.createUpload("bent.mp4", DECLARED).getString("uploadUrl");
    Buffer body = Buffer.buffer(new byte[(int) DECLARED]);

    assertEquals(403, put(url.replace("/original?", "/other?"), body, Map.of()), "another key");
    assertEquals(403, put(url + "&uploads=", body, Map.of()), "another operation");
    assertEquals(403, KinoraClient.await(bob.requestAbs(HttpMethod.GET,
        url.substring(0, url.indexOf("/uploads/") + "/uploads/".length()) + "?" + url.substring(url.indexOf('?') + 1))
        .send()).statusCode(), "a listing of the bucket");
  }

  @Test
  void anUploadUrlUsedAfterCompletionDoesNotChangeWhatIsProcessed() throws Exception {
    Path clip = Clips.mp4(clips, "pinned.mp4", 320, 240, 1);
    JsonObject upload = bob.createUpload("pinned.mp4", Files.size(clip));
    String id = upload.getString("id");
    assertEquals(200, bob.putToStorage(upload.getString("uploadUrl"), clip));
    bob.complete(id);
    // the URL is still valid: the same number of bytes, other content
    byte[] swapped = Files.readAllBytes(clip);
    for (int i = 0; i < swapped.length; i++) {
      swapped[i] = (byte) ~swapped[i];
    }
    put(upload.getString("uploadUrl"), Buffer.buffer(swapped), Map.of());

    try (TestNode worker = TestNode.start(client.vertx(), redis, Map.of("KINORA_TRANSCODE_SLOTS", "1",
        "KINORA_DATA_DIR", node.dataDir().toString()))) {
      JsonObject video = new KinoraClient(client.vertx(), worker.httpPort()).withToken(bob.token())
          .awaitDone(id, KinoraClient.PROCESSING);

      assertEquals("failed", video.getString("status"));
      assertTrue(video.getString("error").contains("replaced after its upload was completed"), video.encode());
    }
  }

  @Test
  void reservedBytesCountAgainstTheQuotaFromTheMomentAnUploadIsCreated() {
    KinoraClient carol = KinoraClient.signedUp(client.vertx(), client.port());
    assertEquals(201, carol.postJson("/api/uploads", new JsonObject().put("filename", "a.mp4")
        .put("size", QUOTA - 1000)).statusCode());

    HttpResponse<Buffer> refused = carol.postJson("/api/uploads", new JsonObject().put("filename", "b.mp4")
        .put("size", 2000));

    assertEquals(413, refused.statusCode());
    assertEquals(QUOTA - 1000, carol.get("/api/me").bodyAsJsonObject().getLong("usedBytes"));
  }

  @Test
  void aFormUploadThatCannotFitTheQuotaIsRefusedBeforeItsBodyIsRead() throws Exception {
    long declared = QUOTA + 10_000_000;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(client.port()).setURI("/api/videos")
        .setHeaders(MultiMap.caseInsensitiveMultiMap()
            .add("Authorization", "Bearer " + bob.token())
            .add("Content-Type", "multipart/form-data; boundary=edge")
            .add("Content-Length", Long.toString(declared)));
    HttpClientRequest request = KinoraClient.await(raw.request(options));
    // only the start of the form: a node that reads before it checks would wait for the rest
    request.write("--edge\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n\r\n");

    HttpClientResponse response = request.response().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    request.reset(); // the rest of the form is never sent
    assertEquals(413, response.statusCode());
    try (var spooled = Files.list(node.tempDir())) {
      assertTrue(spooled.noneMatch(file -> file.getFileName().toString().startsWith("upload-")));
    }
  }

  /** A PUT to a storage URL with extra headers; -1 when storage cut the connection instead of answering. */
  private static int put(String url, Buffer body, Map<String, String> headers) {
    var request = bob.requestAbs(HttpMethod.PUT, url);
    headers.forEach(request::putHeader);
    Future<HttpResponse<Buffer>> sent = request.sendBuffer(body);
    try {
      return KinoraClient.await(sent).statusCode();
    } catch (RuntimeException cutOff) {
      return -1;
    }
  }
}
