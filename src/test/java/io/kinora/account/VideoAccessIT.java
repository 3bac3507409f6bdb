package io.kinora.account;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access matrix: the owner, another user, an admin and a stranger (signed out), against a
 * private, an unlisted and a public video, on every endpoint that takes a video ID. What a caller
 * may not see is a 404 exactly like an unknown ID; what they may see but not change is a 403.
 */
@ExtendWith(VertxExtension.class)
@Tag("fast")
class VideoAccessIT {

  private static final String PASSWORD = "correct horse battery";

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static final Map<String, Person> people = new java.util.HashMap<>();
  private static final Map<String, String> videoOf = new java.util.HashMap<>();

  @TempDir
  static Path work;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of());
    people.put("admin", signedUp("admin"));
    people.put("owner", signedUp("owner"));
    people.put("other", signedUp("other"));
    people.put("stranger", new Person(vertx, node.httpPort()));
    Path clip = Clips.mp4(work, "clip.mp4", 426, 240, 2);
    for (String visibility : List.of("private", "unlisted", "public")) {
      videoOf.put(visibility, people.get("owner").upload(clip, visibility));
    }
    for (String id : videoOf.values()) {
      people.get("owner").awaitReady(id);
    }
    awaitInCatalogue(videoOf.get("public"));
  }

  @AfterAll
  static void stop() throws Exception {
    people.values().forEach(Person::close);
    node.close();
    redis.close();
  }

  private static Person signedUp(String name) {
    Person p = new Person(vertx, node.httpPort());
    assertEquals(201, p.signUp(name, PASSWORD).statusCode());
    return p;
  }

  /** Who may read a video of each visibility. */
  static Stream<Arguments> readers() {
    List<Arguments> cases = new ArrayList<>();
    for (String who : List.of("owner", "admin", "other", "stranger")) {
      boolean privileged = who.equals("owner") || who.equals("admin");
      cases.add(Arguments.of(who, "private", privileged));
      cases.add(Arguments.of(who, "unlisted", true));
      cases.add(Arguments.of(who, "public", true));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} reading a {1} video: allowed={2}")
  @MethodSource("readers")
  void everyReadEndpointFollowsVisibility(String who, String visibility, boolean allowed) {
    Person p = people.get(who);
    String id = videoOf.get(visibility);
    int expected = allowed ? 200 : 404;

    assertEquals(expected, p.get("/api/videos/" + id).statusCode(), "record");
    HttpResponse<Buffer> master = p.get("/api/videos/" + id + "/master.m3u8");
    assertEquals(expected, master.statusCode(), "master playlist");
    assertEquals(expected, p.get("/api/videos/" + id + "/renditions/240p.m3u8").statusCode(), "variant playlist");
    assertEquals(expected, p.get("/api/videos/" + id + "/poster.jpg").statusCode(), "poster");
    if (!allowed) {
      // indistinguishable from an ID that never existed
      String unknown = p.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA").bodyAsString();
      assertEquals(unknown, p.get("/api/videos/" + id).bodyAsString());
    }
  }

  @ParameterizedTest(name = "{0} opening the events of a {1} video: allowed={2}")
  @MethodSource("readers")
  void liveEventsFollowVisibility(String who, String visibility, boolean allowed) {
    HttpResponse<Buffer> events = people.get(who).get("/api/videos/" + videoOf.get(visibility) + "/events");

    // a ready video's stream sends its state and ends at once
    assertEquals(allowed ? 200 : 404, events.statusCode());
  }

  /** Who may change a video of each visibility, and what the others get. */
  static Stream<Arguments> writers() {
    List<Arguments> cases = new ArrayList<>();
    for (String visibility : List.of("private", "unlisted", "public")) {
      cases.add(Arguments.of("owner", visibility, 200));
      cases.add(Arguments.of("admin", visibility, 200));
      int outsider = visibility.equals("private") ? 404 : 403;
      cases.add(Arguments.of("other", visibility, outsider));
      cases.add(Arguments.of("stranger", visibility, outsider));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} editing a {1} video: {2}")
  @MethodSource("writers")
  void editingIsForTheOwnerAndAdmins(String who, String visibility, int expected) {
    HttpResponse<Buffer> patched = people.get(who).patch("/api/videos/" + videoOf.get(visibility),
        new JsonObject().put("description", "edited by " + who));

    assertEquals(expected, patched.statusCode(), patched.bodyAsString());
  }

  @ParameterizedTest(name = "{0} completing a {1} video: {2}")
  @MethodSource("writers")
  void completingIsForTheOwnerAndAdmins(String who, String visibility, int expected) {
    HttpResponse<Buffer> completed = people.get(who).post("/api/videos/" + videoOf.get(visibility) + "/complete", null);

    assertEquals(expected == 200 ? 202 : expected, completed.statusCode(), completed.bodyAsString());
  }

  @ParameterizedTest(name = "{0} deleting a {1} video: {2}")
  @MethodSource("writers")
  void deletingIsForTheOwnerAndAdmins(String who, String visibility, int expected) throws Exception {
    Person owner = people.get("owner");
    String id = owner.upload(Clips.mp4(work, "doomed-" + who + visibility + ".mp4", 160, 90, 1), visibility);

    HttpResponse<Buffer> deleted = people.get(who).delete("/api/videos/" + id);

    assertEquals(expected == 200 ? 204 : expected, deleted.statusCode(), deleted.bodyAsString());
    assertEquals(expected == 200 ? 404 : 200, owner.get("/api/videos/" + id).statusCode());
  }

  @Test
  void myLibraryHoldsOnlyMyVideos() {
    JsonArray mine = people.get("owner").get("/api/videos").bodyAsJsonObject().getJsonArray("items");
    JsonArray others = people.get("other").get("/api/videos").bodyAsJsonObject().getJsonArray("items");

    assertTrue(ids(mine).containsAll(videoOf.values()));
    assertTrue(ids(others).isEmpty(), others.encode());
  }

  @Test
  void thePublicCatalogueListsOnlyPublicVideosForAnyone() {
    for (String who : List.of("owner", "other", "stranger", "admin")) {
      List<String> listed = ids(people.get(who).get("/api/videos?scope=public").bodyAsJsonObject().getJsonArray("items"));

      assertTrue(listed.contains(videoOf.get("public")), who);
      assertFalse(listed.contains(videoOf.get("unlisted")), who + " must not learn an unlisted ID");
      assertFalse(listed.contains(videoOf.get("private")), who + " must not learn a private ID");
    }
  }

  @Test
  void everythingIsListedForAdminsOnly() {
    assertTrue(ids(people.get("admin").get("/api/videos?scope=all").bodyAsJsonObject().getJsonArray("items"))
        .containsAll(videoOf.values()));
    assertEquals(403, people.get("other").get("/api/videos?scope=all").statusCode());
    assertEquals(401, people.get("stranger").get("/api/videos?scope=all").statusCode());
  }

  @Test
  void aSignedOutCallerHasNoLibraryOfTheirOwn() {
    assertEquals(401, people.get("stranger").get("/api/videos").statusCode());
  }

  @Test
  void uploadingNeedsASignIn() {
    HttpResponse<Buffer> refused = people.get("stranger").post("/api/uploads",
        new JsonObject().put("filename", "a.mp4").put("size", 1000));

    assertEquals(401, refused.statusCode());
  }

  @Test
  void anUnknownVisibilityIsRefusedWithTheChoices() {
    HttpResponse<Buffer> refused = people.get("owner").post("/api/uploads",
        new JsonObject().put("filename", "a.mp4").put("size", 1000).put("visibility", "secret"));

    assertEquals(400, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("private, unlisted or public"));
  }

  @Test
  void makingAVideoPrivateHidesItFromTheCatalogueAndFromOthers() throws Exception {
    Person owner = people.get("owner");
    String id = owner.upload(Clips.mp4(work, "turns-private.mp4", 160, 90, 1), "public");
    owner.awaitReady(id);
    awaitInCatalogue(id);

    assertEquals(200, owner.patch("/api/videos/" + id, new JsonObject().put("visibility", "private")).statusCode());

    assertFalse(ids(people.get("stranger").get("/api/videos?scope=public").bodyAsJsonObject().getJsonArray("items")).contains(id));
    assertEquals(404, people.get("other").get("/api/videos/" + id).statusCode());
  }

  @Test
  void aVideoShowsItsOwnerAndVisibility() {
    JsonObject video = people.get("owner").get("/api/videos/" + videoOf.get("public")).bodyAsJsonObject();

    assertEquals("owner", video.getJsonObject("owner").getString("username"));
    assertEquals("public", video.getString("visibility"));
  }

  private static List<String> ids(JsonArray items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }

  /** The catalogue lists a video shortly after it is ready (it hears of it over the event bus). */
  private static void awaitInCatalogue(String id) throws InterruptedException {
    Await.until(java.time.Duration.ofSeconds(10), "video " + id + " to be in the public catalogue",
        () -> ids(people.get("stranger").get("/api/videos?scope=public").bodyAsJsonObject().getJsonArray("items"))
            .contains(id));
  }
}
