package io.kinora.captions;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapters through the API on the shared node: read from the description into the video's JSON,
 * its chapter list and its WebVTT track; replaced by the owner's own through the API and back;
 * bad bodies refused with a sentence; and who may read and set them.
 */
@KinoraTest
@Tag("fast")
class ChaptersIT {

  private static final String DESCRIPTION = "A short film.\n\n0:00 Opening\n0:01 - The middle\n[0:03] The end\n";

  static KinoraClient client;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static KinoraClient other;
  private static KinoraClient stranger;
  private static String readyId;
  private static double duration;

  @BeforeAll
  static void start() throws Exception {
    other = KinoraClient.signedUp(client.vertx(), client.port());
    stranger = new KinoraClient(client.vertx(), client.port());
    readyId = client.upload(Clips.mp4(work, "four-seconds.mp4", 160, 120, 4, 10));
    duration = client.awaitReady(readyId).getDouble("durationSeconds");
  }

  @Test
  void theDescriptionsChaptersAreInTheVideoJsonTheListAndTheTrack() {
    String id = record(client, "public");
    assertEquals(new JsonArray(), client.video(id).getJsonArray("chapters"), "no chapters before the description has them");
    assertEquals(new JsonObject().put("source", "none").put("items", new JsonArray()), chapters(client, id));
    assertEquals(404, client.get("/api/videos/" + id + "/chapters.vtt").statusCode());

    describe(readyId, DESCRIPTION);
    JsonArray expected = new JsonArray().add(item(0, "Opening")).add(item(1, "The middle")).add(item(3, "The end"));
    assertEquals(expected, client.video(readyId).getJsonArray("chapters"));
    assertEquals(new JsonObject().put("source", "description").put("items", expected), chapters(client, readyId));

    HttpResponse<Buffer> vtt = client.get("/api/videos/" + readyId + "/chapters.vtt");
    assertEquals(200, vtt.statusCode());
    assertTrue(vtt.getHeader("Content-Type").startsWith("text/vtt"), vtt.getHeader("Content-Type"));
    assertEquals("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nOpening\n\n2\n00:00:01.000 --> 00:00:03.000\nThe middle\n\n"
        + "3\n00:00:03.000 --> " + vttTime(duration) + "\nThe end\n", vtt.bodyAsString(), "the last chapter runs to the end");

    describe(readyId, "0:00 Only\n0:01 two");
    assertEquals(new JsonArray(), client.video(readyId).getJsonArray("chapters"), "two lines are not chapters");
  }

  @Test
  void theOwnersChaptersReplaceTheDescriptionsUntilTheyAreCleared() throws Exception {
    String id = record(client, "public");
    describe(id, DESCRIPTION);
    assertEquals("description", chapters(client, id).getString("source"));

    JsonArray mine = new JsonArray().add(item(0, "  Cold open ")).add(item(12.5, "<b>Title</b> & more")).add(item(90, "Credits"));
    HttpResponse<Buffer> put = putChapters(client, id, new JsonObject().put("chapters", mine));
    assertEquals(200, put.statusCode(), put.bodyAsString());
    JsonArray stored = new JsonArray().add(item(0, "Cold open")).add(item(12.5, "<b>Title</b> & more")).add(item(90, "Credits"));
    assertEquals(new JsonObject().put("source", "api").put("items", stored), put.bodyAsJsonObject());
    assertEquals(stored, client.video(id).getJsonArray("chapters"), "the record every node serves follows at once");
    assertEquals(stored.encode(), redis.cli("HGET", "kinora:video:{" + id + "}", "chapters").strip());

    // not processed yet: no length, so the last chapter runs to the limit; markup is text in the track
    String vtt = client.get("/api/videos/" + id + "/chapters.vtt").bodyAsString();
    assertTrue(vtt.contains("\n00:00:12.500 --> 00:01:30.000\n&lt;b&gt;Title&lt;/b&gt; &amp; more\n"), vtt);
    assertTrue(vtt.endsWith("\n00:01:30.000 --> 24:00:00.000\nCredits\n"), vtt);

    HttpResponse<Buffer> cleared = putChapters(client, id, new JsonObject().put("chapters", new JsonArray()));
    assertEquals(200, cleared.statusCode(), cleared.bodyAsString());
    assertEquals("description", cleared.bodyAsJsonObject().getString("source"), "the description's count again");
    assertEquals("0", redis.cli("HEXISTS", "kinora:video:{" + id + "}", "chapters").strip());
  }

  @Test
  void badBodiesAreRefusedWithASentenceAndChangeNothing() {
    String id = record(client, "public");
    JsonArray kept = new JsonArray().add(item(0, "A")).add(item(10, "B")).add(item(20, "C"));
    assertEquals(200, putChapters(client, id, new JsonObject().put("chapters", kept)).statusCode());

    assertRefused(putChapters(client, id, new JsonObject().put("chapters",
        new JsonArray().add(item(0, "A")).add(item(20, "B")).add(item(10, "C")))), "Chapter 3 (0:10) must start after chapter 2 (0:20)");
    JsonArray tooMany = new JsonArray(IntStream.range(0, 101).mapToObj(i -> (Object) item(i, "Part " + i)).toList());
    assertRefused(putChapters(client, id, new JsonObject().put("chapters", tooMany)), "A video has at most 100 chapters");
    assertRefused(putChapters(client, id, new JsonObject().put("chapters",
        new JsonArray().add(item(0, "A")).add(item(10, "b".repeat(101))).add(item(20, "C")))), "Chapter 2's title is longer than 100 characters");
    assertRefused(putChapters(client, id, new JsonObject().put("chapters",
        new JsonArray().add(item(5, "A")).add(item(10, "B")).add(item(20, "C")))), "The first chapter starts at 0:00");
    assertRefused(putChapters(client, id, new JsonObject().put("chapters", new JsonArray().add(item(0, "A")))),
        "Chapters come at least 3 at a time");
    assertRefused(putChapters(client, id, new JsonObject()), "'chapters' is required");
    assertRefused(putChapters(client, id, new JsonObject().put("chapters", kept).put("extra", 1)), "Unknown field 'extra'");
    assertRefused(send(client, id, "application/json", "{\"chapters\": [{\"start\": 0, "), "The body must be a JSON object");
    assertEquals(415, send(client, id, "text/plain", "0:00 Intro").statusCode());

    assertEquals(new JsonObject().put("source", "api").put("items", kept), chapters(client, id), "nothing changed");
  }

  @Test
  void strangersCannotSeeAPrivateVideosChaptersAndOnlyTheOwnerSetsThem() throws Exception {
    String privateId = record(client, "private");
    String unlistedId = record(client, "unlisted");
    JsonObject body = new JsonObject().put("chapters", new JsonArray().add(item(0, "A")).add(item(1, "B")).add(item(2, "C")));
    for (String id : List.of(privateId, unlistedId)) {
      assertEquals(200, putChapters(client, id, body).statusCode());
    }
    for (KinoraClient outsider : List.of(stranger, other)) {
      assertEquals(404, outsider.get("/api/videos/" + privateId + "/chapters").statusCode());
      assertEquals(404, outsider.get("/api/videos/" + privateId + "/chapters.vtt").statusCode());
    }
    assertEquals(200, stranger.get("/api/videos/" + unlistedId + "/chapters").statusCode());
    HttpResponse<Buffer> track = stranger.get("/api/videos/" + unlistedId + "/chapters.vtt");
    assertEquals(200, track.statusCode());
    assertFalse(track.headers().contains("X-Accel-Expires"));
    assertEquals("0", client.get("/api/videos/" + privateId + "/chapters.vtt").getHeader("X-Accel-Expires"),
        "the edge keeps no private video's track");

    JsonObject theirs = new JsonObject().put("chapters", new JsonArray());
    assertEquals(404, putChapters(other, privateId, theirs).statusCode());
    HttpResponse<Buffer> forbidden = putChapters(other, unlistedId, theirs);
    assertEquals(403, forbidden.statusCode());
    assertTrue(forbidden.bodyAsJsonObject().getString("error").endsWith("."), forbidden.bodyAsString());
    assertEquals(401, putChapters(stranger, unlistedId, theirs).statusCode());
    assertEquals(3, chapters(client, unlistedId).getJsonArray("items").size(), "the owner's chapters stay");

    assertEquals(204, client.delete("/api/videos/" + unlistedId).statusCode());
    assertEquals(404, putChapters(client, unlistedId, body).statusCode(), "a deleted video stays deleted");
    assertEquals("0", redis.cli("EXISTS", "kinora:video:{" + unlistedId + "}").strip());
  }

  private static void assertRefused(HttpResponse<Buffer> response, String sentenceStart) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    String error = response.bodyAsJsonObject().getString("error");
    assertTrue(error.startsWith(sentenceStart) && error.endsWith("."), error);
  }

  private static JsonObject item(double start, String title) {
    Object seconds = start == Math.floor(start) ? (Object) (long) start : (Object) start;
    return new JsonObject().put("start", seconds).put("title", title);
  }

  private static JsonObject chapters(KinoraClient who, String id) {
    HttpResponse<Buffer> response = who.get("/api/videos/" + id + "/chapters");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void describe(String id, String description) {
    assertEquals(200, client.patchJson("/api/videos/" + id, new JsonObject().put("description", description)).statusCode());
  }

  private static HttpResponse<Buffer> putChapters(KinoraClient who, String id, JsonObject body) {
    return send(who, id, "application/json", body.encode());
  }

  private static HttpResponse<Buffer> send(KinoraClient who, String id, String type, String body) {
    return KinoraClient.await(who.request(HttpMethod.PUT, "/api/videos/" + id + "/chapters")
        .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(body))
        .recover(err -> Future.failedFuture(new AssertionError(err))));
  }

  /** A video record that never gets its upload: chapters may be set before the file arrives. */
  private static String record(KinoraClient who, String visibility) {
    return who.postJson("/api/uploads", new JsonObject().put("filename", "r.mp4").put("size", 1000)
        .put("visibility", visibility)).bodyAsJsonObject().getString("id");
  }

  private static String vttTime(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }
}
