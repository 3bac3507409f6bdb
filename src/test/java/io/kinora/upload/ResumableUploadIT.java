package io.kinora.upload;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads sent in parts straight to storage (S3 multipart with presigned parts) resume from what
 * storage holds, complete only when every part is there, and leave nothing behind when aborted or
 * abandoned. Parts are 5 MiB here (S3's floor), so a 3-second clip of noise makes four of them.
 */
@KinoraTest(group = "parts", settings = {"KINORA_UPLOAD_PART_MB=5", "KINORA_UPLOAD_SWEEP_SECONDS=1"})
class ResumableUploadIT {

  private static final long PART = 5L * 1024 * 1024;

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  private static Path clip;
  private static byte[] bytes;
  private static MinioClient storage;

  @BeforeAll
  static void makeClipAndStorageClient() throws Exception {
    // noise barely compresses: about 19 MB in 3 s, so the file has several parts
    clip = Clips.ffmpeg(Files.createTempDirectory("kinora-parts-").resolve("noise.mkv"),
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=3,noise=alls=80:allf=t+u",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3",
        "-c:v", "mpeg4", "-q:v", "1", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    bytes = Files.readAllBytes(clip);
    assertTrue(bytes.length > 3 * PART, "the clip must make at least four parts, has " + bytes.length + " bytes");
    var s3 = node.config().storage();
    storage = MinioClient.builder().endpoint(s3.nodeEndpoint()).region(s3.region())
        .credentials(s3.accessKey(), s3.secretKey()).build();
  }

  private JsonObject createParted(long size) {
    HttpResponse<Buffer> created = client.postJson("/api/uploads", new JsonObject()
        .put("filename", "noise.mkv").put("size", size).put("multipart", true));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private List<String> partUrls(String id, int... partNumbers) {
    HttpResponse<Buffer> answer = client.postJson("/api/uploads/" + id + "/parts",
        new JsonObject().put("partNumbers", new JsonArray(Arrays.stream(partNumbers).boxed().toList())));
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    List<String> urls = new ArrayList<>();
    answer.bodyAsJsonObject().getJsonArray("parts").forEach(p -> urls.add(((JsonObject) p).getString("url")));
    return urls;
  }

  private static int put(String url, byte[] file, int partNumber) {
    int from = (int) ((partNumber - 1) * PART);
    int to = (int) Math.min(file.length, from + PART);
    return KinoraClient.await(client.requestAbs(HttpMethod.PUT, url)
        .sendBuffer(Buffer.buffer(Arrays.copyOfRange(file, from, to)))).statusCode();
  }

  private void sendParts(String id, byte[] file, int... partNumbers) {
    List<String> urls = partUrls(id, partNumbers);
    for (int i = 0; i < partNumbers.length; i++) {
      assertEquals(200, put(urls.get(i), file, partNumbers[i]), "PUT of part " + partNumbers[i]);
    }
  }

  private JsonObject storedParts(String id) {
    HttpResponse<Buffer> listed = client.get("/api/uploads/" + id + "/parts");
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject();
  }

  private static List<Integer> numbers(JsonObject listed) {
    return listed.getJsonArray("parts").stream().map(p -> ((JsonObject) p).getInteger("partNumber")).toList();
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Objects of this upload anywhere in the uploads bucket, parts in progress included. */
  private static List<String> objectsOf(String videoId, String uploadId) throws Exception {
    List<String> names = new ArrayList<>();
    for (Result<Item> item : storage.listObjects(ListObjectsArgs.builder().bucket("uploads").recursive(true).build())) {
      String name = item.get().objectName();
      boolean folder = name.endsWith("/"); // the embedded S3 lists a video's directory too
      if (!folder && (name.startsWith(videoId + "/") || name.contains(uploadId))) {
        names.add(name);
      }
    }
    return names;
  }

  private String uploadIdOf(String videoId) throws Exception {
    return redis.cli("HGET", RedisKeys.video(videoId), "uploadId").trim();
  }

  private long usedBytes() {
    return client.get("/api/me").bodyAsJsonObject().getLong("usedBytes");
  }

  private static void awaitGone(String id, Duration timeout) throws InterruptedException {
    Await.until(timeout, "video " + id + " to be gone", () -> client.get("/api/videos/" + id).statusCode() == 404);
  }

  @Test
  void anUploadResumedFromWhatStorageHoldsEndsReadyWithTheExactBytes() throws Exception {
    JsonObject created = createParted(bytes.length);
    String id = created.getString("id");
    JsonObject plan = created.getJsonObject("multipart");
    assertEquals(PART, plan.getLong("partSize"));
    int count = plan.getInteger("partCount");
    assertEquals((int) ((bytes.length + PART - 1) / PART), count);
    assertNull(created.getString("uploadUrl"), "an upload in parts has no single URL");

    // a first client sends parts 1 and 3, then goes away
    sendParts(id, bytes, 1, 3);

    // a second client trusts nothing but the list
    JsonObject listed = storedParts(id);
    assertEquals(List.of(1, 3), numbers(listed));
    assertEquals(PART, listed.getJsonArray("parts").getJsonObject(0).getLong("size"));
    assertFalse(listed.getJsonArray("parts").getJsonObject(0).getString("etag").contains("\""));
    int[] rest = IntStream.rangeClosed(1, count).filter(n -> !numbers(listed).contains(n)).toArray();
    sendParts(id, bytes, rest);

    client.complete(id);
    client.awaitReady(id);
    String stored = sha256(storage.getObject(GetObjectArgs.builder().bucket("uploads").object(id + "/original").build()));
    assertEquals(sha256(Files.newInputStream(clip)), stored, "the original in storage is the file, byte for byte");
    assertEquals(List.of(id + "/original"), objectsOf(id, uploadIdOf(id)), "no part is left beside the original");
  }

  @Test
  void completingWithPartsMissingIsRefusedNamingThem() {
    JsonObject created = createParted(bytes.length);
    String id = created.getString("id");
    sendParts(id, bytes, 1);

    HttpResponse<Buffer> refused = client.post("/api/videos/" + id + "/complete");

    assertEquals(409, refused.statusCode());
    String error = refused.bodyAsJsonObject().getString("error");
    assertTrue(error.contains("parts 2, 3 and 4 are missing") || error.contains("are missing"), error);
    assertEquals("awaiting_upload", client.video(id).getString("status"), "the upload stays open");
  }

  @Test
  void aPartOfAnotherSizeThanPlannedIsRefusedByStorage() {
    long declared = 2 * PART + 1000;
    String id = createParted(declared).getString("id");
    byte[] shorter = Arrays.copyOf(bytes, (int) (2 * PART + 10));
    sendParts(id, shorter, 1, 2);
    String lastPart = partUrls(id, 3).get(0);

    assertEquals(403, put(lastPart, shorter, 3), "the URL is signed for the planned 1000 bytes, not 10");
    HttpResponse<Buffer> refused = client.post("/api/videos/" + id + "/complete");

    assertEquals(409, refused.statusCode());
    String error = refused.bodyAsJsonObject().getString("error");
    assertTrue(error.contains("missing"), error);
  }

  @Test
  void aTamperedPartUrlIsRefusedByStorage() {
    String id = createParted(bytes.length).getString("id");
    String url = partUrls(id, 1).get(0);
    // a short body: storage answers before reading it, and would cut a long one off mid-send
    byte[] start = Arrays.copyOf(bytes, 1024);

    assertEquals(403, put(url.replace("partNumber=1", "partNumber=2"), start, 1));
    assertEquals(403, put(url.replace("uploadId=", "uploadId=x"), start, 1));
    assertTrue(numbers(storedParts(id)).isEmpty());
  }

  @Test
  void abortingLeavesNoObjectNoRecordAndGivesTheQuotaBack() throws Exception {
    long before = usedBytes();
    String id = createParted(bytes.length).getString("id");
    String uploadId = uploadIdOf(id);
    sendParts(id, bytes, 1, 2);
    assertEquals(before + bytes.length, usedBytes());
    assertFalse(objectsOf(id, uploadId).isEmpty(), "parts in progress are in storage");

    assertEquals(204, client.delete("/api/uploads/" + id).statusCode());

    assertEquals(404, client.get("/api/videos/" + id).statusCode());
    assertEquals(List.of(), objectsOf(id, uploadId));
    assertEquals(before, usedBytes());
  }

  @Test
  void aPartSentAfterItsUploadWasAbortedIsRemovedByTheSweeper() throws Exception {
    String id = createParted(bytes.length).getString("id");
    String uploadId = uploadIdOf(id);
    String late = partUrls(id, 2).get(0);
    assertEquals(204, client.delete("/api/uploads/" + id).statusCode());

    // the URL was handed out before the abort: the embedded S3 still takes the part
    assertEquals(200, put(late, bytes, 2));

    Await.until(Duration.ofSeconds(20), "the late part to leave storage", () -> objectsOf(id, uploadId), List::isEmpty);
  }

  @Test
  void deletingTheVideoOfAnUnfinishedUploadRemovesItsParts() throws Exception {
    String id = createParted(bytes.length).getString("id");
    String uploadId = uploadIdOf(id);
    sendParts(id, bytes, 1);

    assertEquals(204, client.delete("/api/videos/" + id).statusCode());

    assertEquals(List.of(), objectsOf(id, uploadId));
  }

  @Test
  void theSweeperRemovesAnUploadLeftUnfinishedPastItsExpiry() throws Exception {
    String id = createParted(bytes.length).getString("id");
    String uploadId = uploadIdOf(id);
    sendParts(id, bytes, 1);

    // created two days ago, as far as the sweeper can tell
    long twoDaysAgo = System.currentTimeMillis() - Duration.ofDays(2).toMillis();
    redis.cli("ZADD", "kinora:videos:awaiting-upload", "XX", Long.toString(twoDaysAgo), id);

    awaitGone(id, Duration.ofSeconds(15));
    assertEquals(List.of(), objectsOf(id, uploadId));
  }

  @Test
  void theSweeperLeavesRecentUploadsAlone() throws Exception {
    String id = createParted(bytes.length).getString("id");
    // an expired upload beside it: once that one is gone, a sweep has run since both were there
    String expired = createParted(bytes.length).getString("id");
    long twoDaysAgo = System.currentTimeMillis() - Duration.ofDays(2).toMillis();
    redis.cli("ZADD", "kinora:videos:awaiting-upload", "XX", Long.toString(twoDaysAgo), expired);

    awaitGone(expired, Duration.ofSeconds(15));

    assertEquals("awaiting_upload", client.video(id).getString("status"));
  }

  @Test
  void completeCalledTwiceQueuesOneJob() throws Exception {
    JsonObject created = createParted(bytes.length);
    String id = created.getString("id");
    sendParts(id, bytes, IntStream.rangeClosed(1, created.getJsonObject("multipart").getInteger("partCount")).toArray());

    client.complete(id);
    client.complete(id);

    client.awaitReady(id);
    // a second job would still be queued or running now: once none is left, the runs are all counted
    Await.until(Duration.ofSeconds(30), "no job left queued or running for " + id,
        () -> !redis.cli("LRANGE", "kinora:jobs:queue", "0", "-1").contains(id)
            && "0".equals(redis.cli("SISMEMBER", "kinora:jobs:running", id).trim()));
    assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "attempts").trim());
  }

  @Test
  void bigUploadsAreSentInPartsUnlessTheClientAsksForOnePut() {
    HttpResponse<Buffer> big = client.postJson("/api/uploads",
        new JsonObject().put("filename", "big.mov").put("size", 100L * 1024 * 1024));
    assertEquals(201, big.statusCode(), big.bodyAsString());
    assertEquals(20, big.bodyAsJsonObject().getJsonObject("multipart").getInteger("partCount"));
    HttpResponse<Buffer> single = client.postJson("/api/uploads",
        new JsonObject().put("filename", "big.mov").put("size", 100L * 1024 * 1024).put("multipart", false));
    assertEquals(201, single.statusCode(), single.bodyAsString());
    assertTrue(single.bodyAsJsonObject().getString("uploadUrl").startsWith("http"));
    client.delete("/api/uploads/" + big.bodyAsJsonObject().getString("id"));
    client.delete("/api/uploads/" + single.bodyAsJsonObject().getString("id"));
  }

  @Test
  void partNumbersOutsideTheUploadAreRefused() {
    String id = createParted(bytes.length).getString("id");
    for (String numbers : List.of("[0]", "[5]", "[1,1]", "[]", "\"1\"", "[1.5]")) {
      HttpResponse<Buffer> refused = client.postJson("/api/uploads/" + id + "/parts", "{\"partNumbers\":" + numbers + "}");
      assertEquals(400, refused.statusCode(), numbers + " → " + refused.bodyAsString());
    }
    JsonArray tooMany = new JsonArray(IntStream.rangeClosed(1, 101).boxed().toList());
    assertEquals(400, client.postJson("/api/uploads/" + id + "/parts",
        new JsonObject().put("partNumbers", tooMany)).statusCode());
  }

  @Test
  void aSinglePutUploadHasNoParts() {
    String id = client.createVideo("one-put.mp4");
    assertEquals(409, client.postJson("/api/uploads/" + id + "/parts",
        new JsonObject().put("partNumbers", new JsonArray().add(1))).statusCode());
    assertEquals(409, client.get("/api/uploads/" + id + "/parts").statusCode());
  }

  @Test
  void someoneElsesPrivateUploadIsNotFound() {
    HttpResponse<Buffer> created = client.postJson("/api/uploads", new JsonObject()
        .put("filename", "mine.mkv").put("size", bytes.length).put("multipart", true).put("visibility", "private"));
    String id = created.bodyAsJsonObject().getString("id");
    KinoraClient stranger = KinoraClient.signedUp(client.vertx(), client.port());

    assertEquals(404, stranger.get("/api/uploads/" + id + "/parts").statusCode());
    assertEquals(404, stranger.postJson("/api/uploads/" + id + "/parts",
        new JsonObject().put("partNumbers", new JsonArray().add(1))).statusCode());
    assertEquals(404, stranger.delete("/api/uploads/" + id).statusCode());
    assertEquals(401, new KinoraClient(client.vertx(), client.port()).get("/api/uploads/" + id + "/parts").statusCode());
  }

  @Test
  void someoneElsesUnlistedUploadIsForbidden() {
    String id = createParted(bytes.length).getString("id");
    KinoraClient stranger = KinoraClient.signedUp(client.vertx(), client.port());

    assertEquals(403, stranger.get("/api/uploads/" + id + "/parts").statusCode());
    assertEquals(403, stranger.delete("/api/uploads/" + id).statusCode());
  }

  @Test
  void aFinishedUploadCannotBeAborted() throws Exception {
    String id = client.upload(Clips.shortClip());
    assertEquals(409, client.delete("/api/uploads/" + id).statusCode());
  }
}
