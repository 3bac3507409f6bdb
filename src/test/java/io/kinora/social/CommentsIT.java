package io.kinora.social;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.SseReader;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comments end to end on the shared node: who may read, post, edit, delete and switch comments
 * off on a private, an unlisted and a public video; threads one level deep; placeholders; the
 * rate limit; cursor paging; the video's commentCount; and live comment frames on the SSE stream.
 * The shared node's first account (the static client) is its admin.
 */
@KinoraTest(group = KinoraTest.SOCIAL)
@Tag("fast")
class CommentsIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  private static final Map<String, KinoraClient> people = new HashMap<>();
  private static final Map<String, String> videoOf = new HashMap<>();
  private static final Map<String, String> seedOf = new HashMap<>();

  @BeforeAll
  static void setUp() {
    people.put("admin", client);
    people.put("owner", newPerson());
    people.put("other", newPerson());
    people.put("stranger", new KinoraClient(client.vertx(), node.httpPort()));
    KinoraClient seeder = newPerson();
    for (String visibility : List.of("private", "unlisted", "public")) {
      String video = newVideo(people.get("owner"), visibility);
      videoOf.put(visibility, video);
      // the seeder may not see the private video: the owner seeds that one
      KinoraClient author = visibility.equals("private") ? people.get("owner") : seeder;
      String seed = post(author, video, "seed on a " + visibility + " video").getString("id");
      seedOf.put(visibility, seed);
      post(author, video, new JsonObject().put("text", "a reply").put("parentId", seed));
    }
  }

  // ---- the visibility matrix ----

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (String who : List.of("owner", "admin", "other", "stranger")) {
      for (String visibility : List.of("private", "unlisted", "public")) {
        boolean sees = !visibility.equals("private") || who.equals("owner") || who.equals("admin");
        cases.add(Arguments.of(who, visibility, sees));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} reading comments of a {1} video: allowed={2}")
  @MethodSource("matrix")
  void readingFollowsTheVideosVisibility(String who, String visibility, boolean sees) {
    KinoraClient p = people.get(who);
    HttpResponse<Buffer> list = p.get("/api/videos/" + videoOf.get(visibility) + "/comments");
    HttpResponse<Buffer> replies = p.get("/api/comments/" + seedOf.get(visibility) + "/replies");

    assertEquals(sees ? 200 : 404, list.statusCode(), list.bodyAsString());
    assertEquals(sees ? 200 : 404, replies.statusCode(), replies.bodyAsString());
    if (sees) {
      assertTrue(ids(list.bodyAsJsonObject()).contains(seedOf.get(visibility)));
      assertEquals(1, replies.bodyAsJsonObject().getJsonArray("items").size());
    } else {
      assertEquals(404, p.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA/comments").statusCode());
      assertEquals(list.bodyAsString(), p.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA/comments").bodyAsString(),
          "indistinguishable from an unknown video");
    }
  }

  @ParameterizedTest(name = "{0} posting on a {1} video: allowed={2}")
  @MethodSource("matrix")
  void postingNeedsASignInAndASight(String who, String visibility, boolean sees) {
    HttpResponse<Buffer> posted = people.get(who).postJson("/api/videos/" + videoOf.get(visibility) + "/comments",
        new JsonObject().put("text", "hello from " + who));

    int expected = who.equals("stranger") ? 401 : sees ? 201 : 404;
    assertEquals(expected, posted.statusCode(), posted.bodyAsString());
    if (expected == 201) {
      // one's own comment one may delete, whoever owns the video
      assertEquals(204, people.get(who).delete("/api/comments/" + posted.bodyAsJsonObject().getString("id")).statusCode());
    }
  }

  @ParameterizedTest(name = "{0} editing someone else's comment on a {1} video: allowed={2}")
  @MethodSource("matrix")
  void editingAnotherOnesCommentIsRefused(String who, String visibility, boolean sees) {
    if (visibility.equals("private") && who.equals("owner")) {
      return; // the owner wrote that seed: editing it is the author's right, tested below
    }
    HttpResponse<Buffer> patched = people.get(who).patchJson("/api/comments/" + seedOf.get(visibility),
        new JsonObject().put("text", "changed by " + who));

    assertEquals(who.equals("stranger") ? 401 : sees ? 403 : 404, patched.statusCode(), patched.bodyAsString());
  }

  @ParameterizedTest(name = "{0} deleting a comment on a {1} video (someone else's for other)")
  @MethodSource("matrix")
  void deletingFollowsTheRules(String who, String visibility, boolean sees) {
    KinoraClient p = people.get(who);
    String target = seedOf.get(visibility);
    int expected;
    if (who.equals("stranger")) {
      expected = 401;
    } else if (!sees) {
      expected = 404;
    } else if (who.equals("other")) {
      expected = 403;
    } else {
      // owner and admin may delete any comment: a fresh one by someone else, not the shared seed
      KinoraClient author = visibility.equals("private") ? people.get("owner") : newPerson();
      target = post(author, videoOf.get(visibility), "to be removed by " + who).getString("id");
      expected = 204;
    }

    assertEquals(expected, p.delete("/api/comments/" + target).statusCode());
  }

  @ParameterizedTest(name = "{0} switching comments of a {1} video: allowed={2}")
  @MethodSource("matrix")
  void onlyTheOwnerOrAnAdminSwitchesCommentsOff(String who, String visibility, boolean sees) {
    HttpResponse<Buffer> switched = settings(people.get(who), videoOf.get(visibility), true);

    boolean manages = who.equals("owner") || who.equals("admin");
    int expected = who.equals("stranger") ? 401 : manages ? 200 : sees ? 403 : 404;
    assertEquals(expected, switched.statusCode(), switched.bodyAsString());
  }

  @Test
  void aCommentOnAnUnknownCommentIdIsNotFound() {
    assertEquals(404, client.get("/api/comments/AAAAAAAAAAAAAAAA/replies").statusCode());
    assertEquals(404, client.get("/api/comments/not-an-id/replies").statusCode());
    assertEquals(404, client.patchJson("/api/comments/AAAAAAAAAAAAAAAA", new JsonObject().put("text", "x")).statusCode());
    assertEquals(404, client.delete("/api/comments/AAAAAAAAAAAAAAAA").statusCode());
  }

  // ---- threads, editing, deleting ----

  @Test
  void aReplyToAReplyJoinsTheSameThread() {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    String top = post(alice, video, "top").getString("id");
    JsonObject reply = post(alice, video, new JsonObject().put("text", "reply").put("parentId", top));
    JsonObject replyToReply = post(alice, video, new JsonObject().put("text", "reply to reply")
        .put("parentId", reply.getString("id")));

    assertEquals(top, reply.getString("parentId"));
    assertEquals(top, replyToReply.getString("parentId"));
    JsonArray topLevel = list(alice, video, "").getJsonArray("items");
    assertEquals(1, topLevel.size(), "replies are not listed at the top");
    assertEquals(2, topLevel.getJsonObject(0).getLong("replyCount"));
    // oldest first by creation millisecond; two posted within one are ordered by id
    List<String> oldestFirst = Stream.of(reply, replyToReply)
        .sorted(Comparator.comparing((JsonObject c) -> Instant.parse(c.getString("createdAt")))
            .thenComparing(c -> c.getString("id")))
        .map(c -> c.getString("id")).toList();
    assertEquals(oldestFirst, ids(alice.get("/api/comments/" + top + "/replies").bodyAsJsonObject()), "oldest first");
    assertEquals(alice.username(), reply.getJsonObject("author").getString("username"));
  }

  @Test
  void aReplyToACommentOfAnotherVideoIsNotFound() {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    HttpResponse<Buffer> refused = alice.postJson("/api/videos/" + video + "/comments",
        new JsonObject().put("text", "elsewhere").put("parentId", seedOf.get("public")));

    assertEquals(404, refused.statusCode(), refused.bodyAsString());
  }

  @Test
  void onlyTheAuthorEdits() {
    KinoraClient alice = newPerson();
    KinoraClient bob = newPerson();
    String video = newVideo(alice, "public");
    String comment = post(bob, video, "first words").getString("id");

    assertEquals(403, alice.patchJson("/api/comments/" + comment, new JsonObject().put("text", "owner's words")).statusCode(),
        "not even the video's owner");
    HttpResponse<Buffer> edited = bob.patchJson("/api/comments/" + comment, new JsonObject().put("text", "  better words "));

    assertEquals(200, edited.statusCode(), edited.bodyAsString());
    assertEquals("better words", edited.bodyAsJsonObject().getString("text"));
    assertNotNull(edited.bodyAsJsonObject().getString("editedAt"));
    JsonObject listed = list(bob, video, "").getJsonArray("items").getJsonObject(0);
    assertEquals("better words", listed.getString("text"));
    assertNotNull(listed.getString("editedAt"));
  }

  @Test
  void aDeletedCommentWithRepliesLeavesAPlaceholderUntilItsLastReplyGoes() throws InterruptedException {
    KinoraClient alice = newPerson();
    KinoraClient bob = newPerson();
    String video = newVideo(alice, "public");
    String top = post(bob, video, "a thread").getString("id");
    String reply = post(alice, video, new JsonObject().put("text", "an answer").put("parentId", top)).getString("id");
    awaitCommentCount(alice, video, 2);

    assertEquals(204, bob.delete("/api/comments/" + top).statusCode());
    JsonObject placeholder = list(alice, video, "").getJsonArray("items").getJsonObject(0);
    assertEquals(top, placeholder.getString("id"));
    assertEquals(Boolean.TRUE, placeholder.getBoolean("deleted"));
    assertEquals("", placeholder.getString("text"));
    assertNull(placeholder.getValue("author"));
    assertEquals(1, placeholder.getLong("replyCount"));
    awaitCommentCount(alice, video, 1);
    assertEquals(404, bob.delete("/api/comments/" + top).statusCode(), "already deleted");
    assertEquals(404, bob.patchJson("/api/comments/" + top, new JsonObject().put("text", "back")).statusCode());

    // the video's owner removes the last reply: the placeholder goes with it
    assertEquals(204, alice.delete("/api/comments/" + reply).statusCode());
    assertEquals(0, list(alice, video, "").getJsonArray("items").size());
    assertEquals(404, alice.get("/api/comments/" + top + "/replies").statusCode());
    awaitCommentCount(alice, video, 0);
  }

  @Test
  void aCommentWithoutRepliesIsRemovedOutright() {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    String comment = post(alice, video, "gone soon").getString("id");

    assertEquals(204, alice.delete("/api/comments/" + comment).statusCode());
    assertEquals(0, list(alice, video, "").getJsonArray("items").size());
  }

  // ---- what is refused ----

  @Test
  void blankOrTooLongTextIsRefused() {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    for (String text : List.of("", "   \n\t ", "x".repeat(5001))) {
      HttpResponse<Buffer> refused = alice.postJson("/api/videos/" + video + "/comments", new JsonObject().put("text", text));
      assertEquals(400, refused.statusCode(), refused.bodyAsString());
      assertTrue(refused.bodyAsJsonObject().getString("error").contains("'text'"));
    }
    assertEquals(400, alice.postJson("/api/videos/" + video + "/comments", new JsonObject()).statusCode());
    assertEquals(400, alice.postJson("/api/videos/" + video + "/comments",
        new JsonObject().put("text", "hi").put("extra", 1)).statusCode());
    assertEquals(201, alice.postJson("/api/videos/" + video + "/comments",
        new JsonObject().put("text", "y".repeat(5000))).statusCode());
  }

  @Test
  void theEleventhCommentInAMinuteIsRefusedWithRetryAfter() {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    for (int i = 1; i <= 10; i++) {
      post(alice, video, "comment " + i);
    }

    HttpResponse<Buffer> refused = alice.postJson("/api/videos/" + video + "/comments", new JsonObject().put("text", "one more"));

    assertEquals(429, refused.statusCode(), refused.bodyAsString());
    long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("too fast"));
    assertEquals(10, list(alice, video, "limit=50").getJsonArray("items").size());
  }

  @Test
  void commentsSwitchedOffRefuseNewOnesWithASentence() throws InterruptedException {
    KinoraClient alice = newPerson();
    KinoraClient bob = newPerson();
    String video = newVideo(alice, "public");
    post(bob, video, "before");

    assertEquals(200, settings(alice, video, false).statusCode());
    awaitVideo(bob, video, v -> Boolean.FALSE.equals(v.getBoolean("commentsEnabled")));
    HttpResponse<Buffer> refused = bob.postJson("/api/videos/" + video + "/comments", new JsonObject().put("text", "after"));

    assertEquals(403, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("turned comments off"));
    assertEquals(1, list(bob, video, "").getJsonArray("items").size(), "what was said stays readable");
    assertEquals(200, settings(alice, video, true).statusCode());
    assertEquals(201, bob.postJson("/api/videos/" + video + "/comments", new JsonObject().put("text", "again")).statusCode());
  }

  // ---- paging and counting ----

  @Test
  void cursorPagesWalkEveryCommentOnceInBothOrders() throws InterruptedException {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "public");
    List<JsonObject> posted = new ArrayList<>();
    for (int person = 0; person < 5; person++) {
      KinoraClient author = newPerson();
      for (int i = 0; i < 9; i++) {
        posted.add(post(author, video, "comment " + person + "." + i));
      }
    }
    List<String> oldestFirst = posted.stream()
        .sorted(Comparator.comparing((JsonObject c) -> Instant.parse(c.getString("createdAt")))
            .thenComparing(c -> c.getString("id")))
        .map(c -> c.getString("id")).toList();

    List<String> newest = walk(alice, video, "newest", 7);
    List<String> oldest = walk(alice, video, "oldest", 7);

    assertEquals(oldestFirst, oldest);
    List<String> reversed = new ArrayList<>(newest);
    java.util.Collections.reverse(reversed);
    assertEquals(oldestFirst, reversed);
    awaitCommentCount(alice, video, 45);
  }

  @Test
  void aBadCursorOrLimitIsRefused() {
    String video = videoOf.get("public");
    assertEquals(400, client.get("/api/videos/" + video + "/comments?cursor=%%%").statusCode());
    assertEquals(400, client.get("/api/videos/" + video + "/comments?cursor=bm9wZQ").statusCode());
    assertEquals(400, client.get("/api/videos/" + video + "/comments?limit=51").statusCode());
    assertEquals(400, client.get("/api/videos/" + video + "/comments?limit=0").statusCode());
    assertEquals(400, client.get("/api/videos/" + video + "/comments?sort=best").statusCode());
  }

  @Test
  void theVideoCountsItsVisibleCommentsAndReplies() throws InterruptedException {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    String first = post(alice, video, "one").getString("id");
    post(alice, video, "two");
    post(alice, video, new JsonObject().put("text", "three").put("parentId", first));

    awaitCommentCount(alice, video, 3);
    assertEquals(204, alice.delete("/api/comments/" + first).statusCode());
    awaitCommentCount(alice, video, 2); // the placeholder is not counted
  }

  @Test
  void deletingTheVideoRemovesItsComments() throws Exception {
    KinoraClient alice = newPerson();
    String video = newVideo(alice, "unlisted");
    String top = post(alice, video, "doomed").getString("id");
    String reply = post(alice, video, new JsonObject().put("text", "also doomed").put("parentId", top)).getString("id");

    assertEquals(204, alice.delete("/api/videos/" + video).statusCode());

    Await.until(Duration.ofSeconds(10), "the deleted video's comments to leave Redis",
        () -> redis.cli("EXISTS", "kinora:comment:" + top, "kinora:comment:" + reply,
            "kinora:comment:" + top + ":replies", RedisKeys.comments(video)).trim().equals("0"));
    assertEquals(404, alice.get("/api/comments/" + top + "/replies").statusCode());
  }

  // ---- live ----

  @Test
  void aStreamAskingForCommentsStaysOpenAfterReadyAndHearsNewComments() throws Exception {
    KinoraClient alice = newPerson();
    KinoraClient bob = newPerson();
    String video = alice.uploadReady(Clips.shortClip()).getString("id");

    try (SseReader stream = SseReader.open(client.vertx(), node.httpPort(),
        "/api/videos/" + video + "/events?comments=1", null)) {
      assertEquals(200, stream.status());
      SseReader.Event first = nextEvent(stream);
      assertEquals("status", first.name());
      assertEquals("ready", first.json().getString("status"));

      JsonObject posted = post(bob, video, "live!");
      SseReader.Event added = nextEvent(stream);
      assertEquals("comment", added.name());
      assertNull(added.id(), "no id: Last-Event-ID keeps naming the status");
      assertEquals("added", added.json().getString("type"));
      assertEquals(posted.getString("id"), added.json().getJsonObject("comment").getString("id"));
      assertEquals("live!", added.json().getJsonObject("comment").getString("text"));

      bob.patchJson("/api/comments/" + posted.getString("id"), new JsonObject().put("text", "edited live"));
      SseReader.Event edited = nextEvent(stream);
      assertEquals("edited", edited.json().getString("type"));
      assertEquals("edited live", edited.json().getJsonObject("comment").getString("text"));

      bob.delete("/api/comments/" + posted.getString("id"));
      SseReader.Event deleted = nextEvent(stream);
      assertEquals("deleted", deleted.json().getString("type"));
      assertEquals(posted.getString("id"), deleted.json().getJsonObject("comment").getString("id"));
    }
  }

  @Test
  void aStreamWithoutTheParameterStillEndsAtReadyAndHearsNoComments() throws Exception {
    KinoraClient alice = newPerson();
    String video = alice.uploadReady(Clips.shortClip()).getString("id");

    try (SseReader stream = alice.events(video, null)) {
      List<SseReader.Event> events = stream.untilEnd(Duration.ofSeconds(15));
      assertEquals(1, events.size());
      assertEquals("ready", events.get(0).json().getString("status"));
    }
  }

  // ---- helpers ----

  private static SseReader.Event nextEvent(SseReader stream) throws InterruptedException {
    // heartbeats arrive every second: a deadline over them all, or a lost event would wait forever
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      assertTrue(System.nanoTime() < deadline, "no event but heartbeats for 20 s");
      SseReader.Event event = stream.next(Duration.ofSeconds(15));
      assertNotNull(event, "the stream ended");
      boolean heartbeat = event.name().equals("comment") && event.data().startsWith(":");
      if (!heartbeat) {
        return event;
      }
    }
  }

  private static List<String> walk(KinoraClient who, String video, String sort, int limit) {
    List<String> seen = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = list(who, video, "sort=" + sort + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      for (String id : ids(page)) {
        assertTrue(unique.add(id), "seen twice: " + id);
        seen.add(id);
      }
      cursor = page.getString("nextCursor");
      assertTrue(++pages < 100, "paging does not end");
    } while (cursor != null);
    return seen;
  }

  private static JsonObject list(KinoraClient who, String video, String query) {
    HttpResponse<Buffer> listed = who.get("/api/videos/" + video + "/comments?" + query);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static JsonObject post(KinoraClient who, String video, String text) {
    return post(who, video, new JsonObject().put("text", text));
  }

  private static JsonObject post(KinoraClient who, String video, JsonObject body) {
    HttpResponse<Buffer> posted = who.postJson("/api/videos/" + video + "/comments", body);
    assertEquals(201, posted.statusCode(), posted.bodyAsString());
    return posted.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> settings(KinoraClient who, String video, boolean enabled) {
    return KinoraClient.await(who.request(HttpMethod.PUT, "/api/videos/" + video + "/comments/settings")
        .putHeader("Content-Type", "application/json").sendBuffer(new JsonObject().put("enabled", enabled).toBuffer()));
  }

  private static void awaitCommentCount(KinoraClient who, String video, long count) throws InterruptedException {
    awaitVideo(who, video, v -> v.getLong("commentCount") == count);
  }

  private static JsonObject awaitVideo(KinoraClient who, String video, java.util.function.Predicate<JsonObject> done)
      throws InterruptedException {
    return Await.until(Duration.ofSeconds(10), "video " + video + " to get there", () -> who.video(video), done);
  }

  private static KinoraClient newPerson() {
    return KinoraClient.signedUp(client.vertx(), node.httpPort());
  }

  /** A record awaiting its upload, with this visibility: the cheapest video there is. */
  private static String newVideo(KinoraClient owner, String visibility) {
    HttpResponse<Buffer> made = owner.postJson("/api/uploads",
        new JsonObject().put("filename", "c.mp4").put("size", 1000).put("visibility", visibility));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject().getString("id");
  }
}
