package io.kinora.social;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/search} on the shared node: every word here is made up for this run, so other
 * classes' videos never match, and the test asserts only on the videos it made. The index fills a
 * moment after a video is ready (over the event bus), and a query's result is cached for a minute,
 * so the tests wait on the index itself (its Redis sets) before they search, and never search the
 * same words before and after a change they expect to see.
 */
@KinoraTest(group = KinoraTest.SOCIAL)
@Tag("fast")
class SearchIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration INDEXED = Duration.ofSeconds(20);

  private static KinoraClient owner;
  private static KinoraClient stranger;
  /** Made-up words, each in one or a few of the videos below. */
  private static final Map<String, String> word = new LinkedHashMap<>();
  private static final Map<String, String> video = new LinkedHashMap<>();

  @BeforeAll
  static void uploadVideos() throws Exception {
    owner = KinoraClient.signedUp(client.vertx(), node.httpPort());
    stranger = new KinoraClient(client.vertx(), node.httpPort());
    for (String name : List.of("title", "accent", "rank", "equal", "private", "unlisted", "hide", "delete", "publish",
        "publish2", "waiting", "display")) {
      word.put(name, madeUp());
    }
    Path clip = Clips.mp4(work, "search.mp4", 160, 90, 1);
    // in the order of creation: ranking among equals is newest first
    video.put("titled", upload(clip, "Sunset " + word.get("title") + " Çrème" + word.get("accent") + " over "
        + word.get("rank"), "An evening by the harbour.", "public"));
    video.put("described", upload(clip, "Something else", "Mentions " + word.get("rank") + " only here.", "public"));
    video.put("olderEqual", upload(clip, "Clip " + word.get("equal"), "", "public"));
    video.put("newerEqual", upload(clip, "Clip " + word.get("equal"), "", "public"));
    video.put("private", upload(clip, "Secret " + word.get("private"), "", "private"));
    video.put("unlisted", upload(clip, "Link only " + word.get("unlisted"), "", "unlisted"));
    video.put("hide", upload(clip, "Soon private " + word.get("hide"), "", "public"));
    video.put("delete", upload(clip, "Soon gone " + word.get("delete"), "", "public"));
    video.put("publish", upload(clip, "Soon public " + word.get("publish") + " " + word.get("publish2"), "", "private"));
    for (String id : video.values()) {
      owner.awaitReady(id);
    }
    for (String name : List.of("titled", "described", "olderEqual", "newerEqual", "hide", "delete")) {
      awaitIndexed(video.get(name));
    }
  }

  @Test
  void aPublicReadyVideoIsFoundByATitleWord() {
    JsonObject answer = search(word.get("title"));

    assertEquals(List.of(video.get("titled")), ids(answer));
    JsonObject item = answer.getJsonArray("items").getJsonObject(0);
    assertTrue(item.getString("title").contains(word.get("title")));
    assertEquals("/api/videos/" + video.get("titled") + "/poster.jpg", item.getString("posterUrl"));
    assertEquals(word.get("title"), answer.getString("query"));
    assertEquals(1, answer.getLong("total"));
    assertFalse(answer.getBoolean("totalIsEstimate"));
  }

  @Test
  void caseAndAccentsDoNotMatter() {
    assertEquals(List.of(video.get("titled")), ids(search("CREME" + word.get("accent").toUpperCase())));
    assertEquals(List.of(video.get("titled")), ids(search("crÈmë" + word.get("accent") + " SUNSET")));
  }

  @Test
  void theLastWordMatchesAsAPrefix() {
    String start = "creme" + word.get("accent").substring(0, 3);

    assertEquals(List.of(video.get("titled")), ids(search(start)));
    assertEquals(List.of(video.get("titled")), ids(search("harbour " + start)));
    assertEquals(List.of(), ids(search(start + " harbour")), "only the last word is a prefix");
  }

  @Test
  void aVideoIsFoundByItsChannelName() throws Exception {
    assertTrue(ids(search(owner.username() + " " + word.get("title"))).contains(video.get("titled")));

    // a display name, as the channel page sets it, is part of the channel name once the video is synced
    String userId = owner.get("/api/me").bodyAsJsonObject().getString("id");
    redis.cli("HSET", "kinora:profile:" + userId, "displayName", "Studio " + word.get("display"));
    assertEquals(200, owner.patchJson("/api/videos/" + video.get("titled"),
        new JsonObject().put("description", "An evening by the harbour, again.")).statusCode());
    awaitIndexed(video.get("titled"), word.get("display"));

    assertEquals(List.of(video.get("titled")), ids(search("studio " + word.get("display"))));
  }

  @Test
  void aTitleMatchComesBeforeADescriptionMatchEvenWhenOlder() {
    assertEquals(List.of(video.get("titled"), video.get("described")), ids(search(word.get("rank"))));
  }

  @Test
  void amongEqualMatchesTheNewestComesFirst() {
    assertEquals(List.of(video.get("newerEqual"), video.get("olderEqual")), ids(search(word.get("equal"))));
  }

  @Test
  void pagesSplitTheResultsInOrder() {
    JsonObject first = search(word.get("equal") + "&pageSize=1&page=1");
    JsonObject second = search(word.get("equal") + "&pageSize=1&page=2");
    JsonObject past = search(word.get("equal") + "&pageSize=1&page=3");

    assertEquals(List.of(video.get("newerEqual")), ids(first));
    assertEquals(List.of(video.get("olderEqual")), ids(second));
    assertEquals(List.of(), ids(past));
    assertEquals(2, second.getLong("total"));
    assertEquals(2, second.getInteger("page"));
    assertEquals(1, second.getInteger("pageSize"));
  }

  @Test
  void pagingPastTheFirstTwoHundredResultsIsRefused() {
    HttpResponse<Buffer> refused = stranger.get("/api/search?q=x&page=11&pageSize=20");

    assertEquals(400, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("200"), refused.bodyAsString());
    assertEquals(200, stranger.get("/api/search?q=x&page=10&pageSize=20").statusCode());
    assertEquals(400, stranger.get("/api/search?q=x&pageSize=51").statusCode());
    assertEquals(400, stranger.get("/api/search?q=x&page=0").statusCode());
  }

  @Test
  void aBlankOrMissingQueryIsRefusedWithASentence() {
    for (String path : List.of("/api/search", "/api/search?q=", "/api/search?q=%20%20")) {
      HttpResponse<Buffer> refused = stranger.get(path);
      assertEquals(400, refused.statusCode(), path);
      assertTrue(refused.bodyAsJsonObject().getString("error").endsWith("."), refused.bodyAsString());
    }
  }

  @Test
  void aQueryOverTwoHundredCharactersIsRefused() {
    assertEquals(400, stranger.get("/api/search?q=" + "a".repeat(201)).statusCode());
    assertEquals(200, stranger.get("/api/search?q=" + "a".repeat(200)).statusCode());
  }

  @Test
  void privateAndUnlistedVideosAreNeverFound() throws Exception {
    for (String name : List.of("private", "unlisted")) {
      for (KinoraClient who : List.of(owner, stranger)) {
        assertEquals(List.of(), ids(search(who, word.get(name))), name);
      }
      assertEquals("0", redis.cli("EXISTS", "kinora:search:w:" + word.get(name)), name + " is not in the index");
    }
  }

  @Test
  void aVideoStillProcessingIsNeverFound() throws Exception {
    String waiting = createPublic("Waiting " + word.get("waiting"));
    owner.patchJson("/api/videos/" + waiting, new JsonObject().put("description", "still no file"));

    assertEquals(List.of(), ids(search(word.get("waiting"))));
    assertEquals("0", redis.cli("EXISTS", "kinora:search:w:" + word.get("waiting")));
  }

  @Test
  void aVideoMadePrivateDisappears() throws Exception {
    assertEquals(List.of(video.get("hide")), ids(search(word.get("hide"))));

    assertEquals(200, owner.patchJson("/api/videos/" + video.get("hide"), new JsonObject().put("visibility", "private"))
        .statusCode());

    // at once, even from the cached result
    assertEquals(List.of(), ids(search(word.get("hide"))));
    awaitUnindexed(video.get("hide"), word.get("hide"));
  }

  @Test
  void aDeletedVideoDisappears() throws Exception {
    assertEquals(List.of(video.get("delete")), ids(search(word.get("delete"))));

    assertEquals(204, owner.delete("/api/videos/" + video.get("delete")).statusCode());

    assertEquals(List.of(), ids(search(word.get("delete"))));
    awaitUnindexed(video.get("delete"), word.get("delete"));
    assertEquals("0", redis.cli("EXISTS", "kinora:search:doc:" + video.get("delete")));
  }

  @Test
  void aVideoMadePublicAppears() throws Exception {
    assertEquals(List.of(), ids(search(word.get("publish"))));

    assertEquals(200, owner.patchJson("/api/videos/" + video.get("publish"), new JsonObject().put("visibility", "public"))
        .statusCode());
    awaitIndexed(video.get("publish"), word.get("publish2"));

    // another word of it: the first query's (empty) result is cached for a minute
    assertEquals(List.of(video.get("publish")), ids(search(word.get("publish2"))));
  }

  // ---- helpers ----

  /** Eight random letters: a word nobody else's video has. */
  private static String madeUp() {
    StringBuilder s = new StringBuilder("q");
    for (int i = 0; i < 7; i++) {
      s.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return s.toString();
  }

  private static String upload(Path clip, String title, String description, String visibility) throws Exception {
    JsonObject created = create(title, description, visibility, Files.size(clip));
    assertEquals(200, owner.putToStorage(created.getString("uploadUrl"), clip));
    owner.complete(created.getString("id"));
    return created.getString("id");
  }

  private static String createPublic(String title) {
    return create(title, "", "public", 1000).getString("id");
  }

  private static JsonObject create(String title, String description, String visibility, long size) {
    HttpResponse<Buffer> created = owner.postJson("/api/uploads", new JsonObject().put("filename", "clip.mp4")
        .put("size", size).put("title", title).put("description", description).put("visibility", visibility));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private static JsonObject search(String q) {
    return search(stranger, q);
  }

  /** {@code q} may carry further parameters after an '&'. */
  private static JsonObject search(KinoraClient who, String q) {
    int amp = q.indexOf('&');
    String query = amp < 0 ? q : q.substring(0, amp);
    String rest = amp < 0 ? "" : q.substring(amp);
    HttpResponse<Buffer> answer = who.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + rest);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject();
  }

  private static List<String> ids(JsonObject answer) {
    List<String> ids = new ArrayList<>();
    answer.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }

  /** Waits until the index lists the video (its doc list exists). */
  private static void awaitIndexed(String id) throws Exception {
    awaitIndexed(id, null);
  }

  /** Waits until the index lists the video, under {@code token} when not null. */
  private static void awaitIndexed(String id, String token) throws Exception {
    Await.until(INDEXED, "video " + id + " to be in the search index" + (token == null ? "" : " under " + token),
        () -> token == null ? !redis.cli("GET", "kinora:search:doc:" + id).isEmpty()
            : !redis.cli("ZSCORE", "kinora:search:w:" + token, id).isEmpty());
  }

  private static void awaitUnindexed(String id, String token) throws Exception {
    Await.until(INDEXED, "video " + id + " to leave the search index under " + token,
        () -> redis.cli("ZSCORE", "kinora:search:w:" + token, id).isEmpty());
    assertEquals("", redis.cli("ZSCORE", "kinora:search:tokens", token), "a word with no video left leaves the prefix list");
  }
}
