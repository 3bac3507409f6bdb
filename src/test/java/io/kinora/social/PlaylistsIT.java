package io.kinora.social;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Playlists through the API on the shared node: making, reading, adding, removing, reordering,
 * editing and deleting; who may read and change a playlist of each visibility (its owner, another
 * user, an admin, someone signed out); which items each of them sees; paging. The admin is an
 * account of this class promoted in Redis (the shared node's first account is someone else's).
 */
@KinoraTest(group = KinoraTest.SOCIAL)
@Tag("fast")
class PlaylistsIT {

  private static final String UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAA";

  static KinoraClient client;
  static RedisServer redis;

  private static final Map<String, KinoraClient> people = new HashMap<>();
  /** The owner's playlist of each visibility, each holding {@link #ownersPublic}. */
  private static final Map<String, String> playlistOf = new HashMap<>();
  /** Ready videos of the owner. */
  private static String ownersPublic;
  private static String ownersUnlisted;
  private static String ownersPrivate;
  /** Ready videos of the other user. */
  private static String othersPublic;
  private static String othersPrivate;

  @BeforeAll
  static void start() throws Exception {
    people.put("owner", KinoraClient.signedUp(client.vertx(), client.port()));
    people.put("other", KinoraClient.signedUp(client.vertx(), client.port()));
    KinoraClient admin = KinoraClient.signedUp(client.vertx(), client.port());
    String adminId = admin.get("/api/me").bodyAsJsonObject().getString("id");
    redis.cli("HSET", "kinora:user:" + adminId, "role", "admin");
    assertEquals("admin", admin.get("/api/me").bodyAsJsonObject().getString("role"));
    people.put("admin", admin);
    people.put("stranger", new KinoraClient(client.vertx(), client.port()));

    Path clip = Clips.shortClip();
    ownersPublic = upload(owner(), clip, "public");
    ownersUnlisted = upload(owner(), clip, "unlisted");
    ownersPrivate = upload(owner(), clip, "private");
    othersPublic = upload(other(), clip, "public");
    othersPrivate = upload(other(), clip, "private");
    for (String id : List.of(ownersPublic, ownersUnlisted, ownersPrivate)) {
      owner().awaitReady(id);
    }
    other().awaitReady(othersPublic);
    other().awaitReady(othersPrivate);
    awaitInCatalogue(ownersPublic);
    awaitInCatalogue(othersPublic);
    for (String visibility : List.of("private", "unlisted", "public")) {
      String pid = create(owner(), "The " + visibility + " one", visibility).getString("id");
      assertEquals(200, add(owner(), pid, ownersPublic).statusCode());
      playlistOf.put(visibility, pid);
    }
  }

  /** The catalogue takes a public video a moment after it is ready; what strangers see follows it. */
  private static void awaitInCatalogue(String id) throws Exception {
    Await.until(java.time.Duration.ofSeconds(30), id + " to be in the catalogue",
        () -> !redis.cli("ZSCORE", "kinora:catalogue", id).isBlank());
  }

  @AfterAll
  static void stop() {
    people.values().forEach(KinoraClient::close);
  }

  private static KinoraClient owner() {
    return people.get("owner");
  }

  private static KinoraClient other() {
    return people.get("other");
  }

  private static String upload(KinoraClient who, Path file, String visibility) throws IOException {
    JsonObject created = who.postJson("/api/uploads", new JsonObject().put("filename", "clip.mp4")
        .put("size", Files.size(file)).put("visibility", visibility)).bodyAsJsonObject();
    assertEquals(200, who.putToStorage(created.getString("uploadUrl"), file));
    who.complete(created.getString("id"));
    return created.getString("id");
  }

  /** A video record of the given visibility that never gets its upload: cheap, and visible to its owner. */
  private static String record(KinoraClient who, String visibility) {
    return who.postJson("/api/uploads", new JsonObject().put("filename", "r.mp4").put("size", 1000)
        .put("visibility", visibility)).bodyAsJsonObject().getString("id");
  }

  private static JsonObject create(KinoraClient who, String title, String visibility) {
    HttpResponse<Buffer> made = who.postJson("/api/playlists", new JsonObject().put("title", title)
        .put("visibility", visibility));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> add(KinoraClient who, String pid, String videoId) {
    return who.postJson("/api/playlists/" + pid + "/videos", new JsonObject().put("videoId", videoId));
  }

  private static List<String> itemIds(KinoraClient who, String pid) {
    return itemIds(who, pid, "");
  }

  private static List<String> itemIds(KinoraClient who, String pid, String query) {
    HttpResponse<Buffer> read = who.get("/api/playlists/" + pid + query);
    assertEquals(200, read.statusCode(), read.bodyAsString());
    return ids(read.bodyAsJsonObject().getJsonArray("items"));
  }

  private static List<String> ids(JsonArray items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }

  @Test
  void aNewPlaylistAnswers201WithItsFieldsAndItsOwner() {
    HttpResponse<Buffer> made = owner().postJson("/api/playlists", new JsonObject().put("title", "  Road trip  ")
        .put("description", "Songs & clips").put("visibility", "unlisted"));

    assertEquals(201, made.statusCode(), made.bodyAsString());
    JsonObject playlist = made.bodyAsJsonObject();
    assertEquals(22, playlist.getString("id").length());
    assertEquals("Road trip", playlist.getString("title"));
    assertEquals("Songs & clips", playlist.getString("description"));
    assertEquals("unlisted", playlist.getString("visibility"));
    assertEquals(owner().username(), playlist.getJsonObject("owner").getString("username"));
    assertNotNull(playlist.getJsonObject("owner").getString("displayName"));
    assertEquals(0, playlist.getInteger("videoCount"));
    assertNotNull(playlist.getString("createdAt"));
    assertNotNull(playlist.getString("updatedAt"));
    JsonObject read = owner().get("/api/playlists/" + playlist.getString("id")).bodyAsJsonObject();
    assertEquals(new JsonArray(), read.getJsonArray("items"));
  }

  @Test
  void creatingRefusesWhatBreaksTheRules() {
    assertEquals(400, owner().postJson("/api/playlists", new JsonObject().put("title", "  ")).statusCode());
    assertEquals(400, owner().postJson("/api/playlists", new JsonObject().put("visibility", "public")).statusCode());
    assertEquals(400, owner().postJson("/api/playlists", new JsonObject().put("title", "x".repeat(201))).statusCode());
    assertEquals(400, owner().postJson("/api/playlists", new JsonObject().put("title", "t")
        .put("description", "x".repeat(5001))).statusCode());
    HttpResponse<Buffer> badVisibility = owner().postJson("/api/playlists", new JsonObject().put("title", "t")
        .put("visibility", "secret"));
    assertEquals(400, badVisibility.statusCode());
    assertTrue(badVisibility.bodyAsJsonObject().getString("error").contains("private, unlisted or public"));
    assertEquals(400, owner().postJson("/api/playlists", new JsonObject().put("title", "t").put("colour", "red"))
        .statusCode());
    assertEquals(401, people.get("stranger").postJson("/api/playlists", new JsonObject().put("title", "t"))
        .statusCode());
  }

  @Test
  void aPlaylistWithoutAVisibilityIsPrivate() {
    JsonObject made = owner().postJson("/api/playlists", new JsonObject().put("title", "Drafts")).bodyAsJsonObject();

    assertEquals("private", made.getString("visibility"));
    assertEquals(404, other().get("/api/playlists/" + made.getString("id")).statusCode());
  }

  /** Who may read a playlist of each visibility. */
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

  @ParameterizedTest(name = "{0} reading a {1} playlist: allowed={2}")
  @MethodSource("readers")
  void readingFollowsThePlaylistsVisibility(String who, String visibility, boolean allowed) {
    KinoraClient p = people.get(who);
    HttpResponse<Buffer> read = p.get("/api/playlists/" + playlistOf.get(visibility));

    assertEquals(allowed ? 200 : 404, read.statusCode(), read.bodyAsString());
    if (allowed) {
      assertEquals(List.of(ownersPublic), ids(read.bodyAsJsonObject().getJsonArray("items")));
    } else {
      // indistinguishable from an id that never existed
      assertEquals(p.get("/api/playlists/" + UNKNOWN).bodyAsString(), read.bodyAsString());
    }
  }

  /** Who may change a playlist of each visibility, and what the others get. */
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

  @ParameterizedTest(name = "{0} editing a {1} playlist: {2}")
  @MethodSource("writers")
  void editingIsForTheOwnerAndAdmins(String who, String visibility, int expected) {
    HttpResponse<Buffer> patched = people.get(who).patchJson("/api/playlists/" + playlistOf.get(visibility),
        new JsonObject().put("description", "edited by " + who));

    assertEquals(expected, patched.statusCode(), patched.bodyAsString());
  }

  @ParameterizedTest(name = "{0} adding to and removing from a {1} playlist: {2}")
  @MethodSource("writers")
  void addingAndRemovingAreForTheOwnerAndAdmins(String who, String visibility, int expected) {
    String pid = playlistOf.get(visibility);
    // a video everyone may see, so only the playlist decides
    HttpResponse<Buffer> added = add(people.get(who), pid, othersPublic);
    HttpResponse<Buffer> removed = people.get(who).delete("/api/playlists/" + pid + "/videos/" + othersPublic);

    assertEquals(expected, added.statusCode(), added.bodyAsString());
    assertEquals(expected == 200 ? 204 : expected, removed.statusCode(), removed.bodyAsString());
    assertFalse(itemIds(owner(), pid).contains(othersPublic));
  }

  @ParameterizedTest(name = "{0} deleting a {1} playlist: {2}")
  @MethodSource("writers")
  void deletingIsForTheOwnerAndAdmins(String who, String visibility, int expected) {
    String pid = create(owner(), "Doomed", visibility).getString("id");
    add(owner(), pid, ownersPublic);

    HttpResponse<Buffer> deleted = people.get(who).delete("/api/playlists/" + pid);

    assertEquals(expected == 200 ? 204 : expected, deleted.statusCode(), deleted.bodyAsString());
    assertEquals(expected == 200 ? 404 : 200, owner().get("/api/playlists/" + pid).statusCode());
    if (expected == 200) {
      assertEquals("0", uncheckedCli("EXISTS", "kinora:playlist:" + pid + ":items"), "its items are gone too");
    }
  }

  @Test
  void strangersSeeOnlyThePublicReadyItemsOfAPublicPlaylist() {
    // the other user's public playlist with their own private and public videos and an unlisted one of theirs
    String othersUnlisted = record(other(), "unlisted");
    String pid = create(other(), "Mixed", "public").getString("id");
    for (String id : List.of(othersPrivate, othersPublic, othersUnlisted)) {
      assertEquals(200, add(other(), pid, id).statusCode());
    }

    assertEquals(List.of(othersPublic), itemIds(people.get("stranger"), pid), "signed out");
    assertEquals(List.of(othersPublic), itemIds(owner(), pid), "another user");
    assertEquals(List.of(othersPrivate, othersPublic, othersUnlisted), itemIds(other(), pid), "its owner");
    assertEquals(List.of(othersPrivate, othersPublic, othersUnlisted), itemIds(people.get("admin"), pid), "an admin");
    String read = people.get("stranger").get("/api/playlists/" + pid).bodyAsString();
    assertFalse(read.contains(othersPrivate), "no private id anywhere in the answer");
    assertFalse(read.contains(othersUnlisted), "no unlisted id anywhere in the answer");
  }

  @Test
  void othersAreToldHowManyVideosTheyMaySeeNotHowManyThereAre() {
    String pid = create(other(), "Counted", "public").getString("id");
    for (String id : List.of(othersPrivate, othersPublic, record(other(), "unlisted"))) {
      add(other(), pid, id);
    }

    assertEquals(1, people.get("stranger").get("/api/playlists/" + pid).bodyAsJsonObject().getInteger("videoCount"));
    assertEquals(1, owner().get("/api/playlists/" + pid).bodyAsJsonObject().getInteger("videoCount"));
    assertEquals(3, other().get("/api/playlists/" + pid).bodyAsJsonObject().getInteger("videoCount"));
    assertEquals(3, people.get("admin").get("/api/playlists/" + pid).bodyAsJsonObject().getInteger("videoCount"));
    JsonObject onTheChannel = people.get("stranger").get("/api/users/" + other().username() + "/playlists?pageSize=100")
        .bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(pid)).findFirst().orElseThrow();
    assertEquals(1, onTheChannel.getInteger("videoCount"), "the channel's list counts the same way");
  }

  @Test
  void strangersPageOverTheVideosTheyMaySee() {
    String pid = create(owner(), "Gaps", "public").getString("id");
    for (String id : List.of(record(owner(), "unlisted"), ownersPublic, ownersPrivate, othersPublic, ownersUnlisted)) {
      add(owner(), pid, id);
    }
    KinoraClient stranger = people.get("stranger");

    assertEquals(List.of(ownersPublic), itemIds(stranger, pid, "?page=1&pageSize=1"));
    assertEquals(List.of(othersPublic), itemIds(stranger, pid, "?page=2&pageSize=1"));
    assertEquals(List.of(), itemIds(stranger, pid, "?page=3&pageSize=1"));
    assertEquals(2, stranger.get("/api/playlists/" + pid).bodyAsJsonObject().getInteger("videoCount"));
    // a change to the playlist shows at once, whatever was computed before
    assertEquals(204, owner().delete("/api/playlists/" + pid + "/videos/" + ownersPublic).statusCode());
    assertEquals(List.of(othersPublic), itemIds(stranger, pid));
    owner().patchJson("/api/playlists/" + pid, new JsonObject().put("videoIds", new JsonArray(itemIds(owner(), pid))));
    assertEquals(1, stranger.get("/api/playlists/" + pid).bodyAsJsonObject().getInteger("videoCount"));
  }

  @Test
  void anotherPersonsUnlistedVideoInMyPlaylistIsShownToMeButNotToStrangers() {
    String theirs = record(other(), "unlisted");
    String pid = create(owner(), "Found links", "public").getString("id");
    assertEquals(200, add(owner(), pid, theirs).statusCode());

    assertEquals(List.of(theirs), itemIds(owner(), pid));
    assertEquals(List.of(), itemIds(people.get("stranger"), pid));
  }

  @Test
  void addingAVideoTheCallerCannotSeeIs404LikeAnUnknownOne() {
    String pid = playlistOf.get("public");

    HttpResponse<Buffer> hidden = add(owner(), pid, othersPrivate);
    HttpResponse<Buffer> unknown = add(owner(), pid, UNKNOWN);

    assertEquals(404, hidden.statusCode());
    assertEquals(unknown.bodyAsString(), hidden.bodyAsString());
    assertEquals(404, unknown.statusCode());
    assertEquals(400, add(owner(), pid, "not-an-id").statusCode());
    assertFalse(itemIds(people.get("admin"), pid).contains(othersPrivate));
  }

  @Test
  void addingTheSameVideoTwiceKeepsOneEntry() {
    String pid = create(owner(), "Twice", "unlisted").getString("id");

    assertEquals(200, add(owner(), pid, ownersPublic).statusCode());
    HttpResponse<Buffer> again = add(owner(), pid, ownersPublic);

    assertEquals(200, again.statusCode());
    assertEquals(1, again.bodyAsJsonObject().getInteger("videoCount"));
    assertEquals(List.of(ownersPublic), itemIds(owner(), pid));
  }

  @Test
  void videosAreAddedAtTheEndAndRemovedByTheirId() {
    String pid = create(owner(), "Order of adding", "unlisted").getString("id");
    for (String id : List.of(ownersUnlisted, ownersPublic, othersPublic)) {
      add(owner(), pid, id);
    }

    assertEquals(List.of(ownersUnlisted, ownersPublic, othersPublic), itemIds(owner(), pid));
    assertEquals(204, owner().delete("/api/playlists/" + pid + "/videos/" + ownersPublic).statusCode());
    assertEquals(List.of(ownersUnlisted, othersPublic), itemIds(owner(), pid));
    assertEquals(204, owner().delete("/api/playlists/" + pid + "/videos/" + ownersPublic).statusCode(), "idempotent");
    assertEquals(404, owner().delete("/api/playlists/" + UNKNOWN + "/videos/" + ownersPublic).statusCode());
  }

  @Test
  void reorderingPutsTheItemsInTheGivenOrder() {
    String pid = create(owner(), "Reorder", "unlisted").getString("id");
    List<String> order = new ArrayList<>(List.of(ownersPublic, ownersUnlisted, ownersPrivate, othersPublic));
    order.forEach(id -> add(owner(), pid, id));
    Collections.reverse(order);

    HttpResponse<Buffer> patched = owner().patchJson("/api/playlists/" + pid,
        new JsonObject().put("videoIds", new JsonArray(order)).put("title", "Reordered"));

    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals("Reordered", patched.bodyAsJsonObject().getString("title"));
    assertEquals(order, itemIds(owner(), pid));
    // and a new one still goes to the end
    String extra = record(owner(), "unlisted");
    add(owner(), pid, extra);
    List<String> expected = new ArrayList<>(order);
    expected.add(extra);
    assertEquals(expected, itemIds(owner(), pid));
  }

  @Test
  void reorderingWithAnotherSetIs400AndChangesNothing() {
    String pid = create(owner(), "Strict order", "unlisted").getString("id");
    List<String> order = List.of(ownersPublic, ownersUnlisted, othersPublic);
    order.forEach(id -> add(owner(), pid, id));

    List<List<String>> wrong = List.of(
        List.of(ownersPublic, ownersUnlisted),                               // one missing
        List.of(ownersPublic, ownersUnlisted, othersPublic, ownersPrivate),  // one too many
        List.of(ownersPublic, ownersUnlisted, ownersUnlisted),               // one twice, one missing
        List.of(ownersPublic, ownersUnlisted, ownersPrivate));               // another one
    for (List<String> ids : wrong) {
      HttpResponse<Buffer> refused = owner().patchJson("/api/playlists/" + pid,
          new JsonObject().put("videoIds", new JsonArray(ids)).put("title", "must not change"));

      assertEquals(400, refused.statusCode(), ids.toString());
      assertTrue(refused.bodyAsJsonObject().getString("error").contains("every video in the playlist exactly once"),
          refused.bodyAsString());
    }
    assertEquals(order, itemIds(owner(), pid));
    assertEquals("Strict order", owner().get("/api/playlists/" + pid).bodyAsJsonObject().getString("title"));
    assertEquals(400, owner().patchJson("/api/playlists/" + pid, new JsonObject()).statusCode());
    assertEquals(400, owner().patchJson("/api/playlists/" + pid,
        new JsonObject().put("videoIds", new JsonArray().add(42))).statusCode());
  }

  @Test
  void itemsArePagedInOrder() {
    String pid = create(owner(), "Long", "unlisted").getString("id");
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = record(owner(), "unlisted");
      add(owner(), pid, id);
      all.add(id);
    }

    assertEquals(all.subList(0, 2), itemIds(owner(), pid, "?page=1&pageSize=2"));
    assertEquals(all.subList(2, 4), itemIds(owner(), pid, "?page=2&pageSize=2"));
    assertEquals(all.subList(4, 5), itemIds(owner(), pid, "?page=3&pageSize=2"));
    assertEquals(List.of(), itemIds(owner(), pid, "?page=4&pageSize=2"));
    JsonObject first = owner().get("/api/playlists/" + pid + "?pageSize=2").bodyAsJsonObject();
    assertEquals(5, first.getInteger("videoCount"));
    assertEquals(2, first.getInteger("pageSize"));
    assertEquals(400, owner().get("/api/playlists/" + pid + "?pageSize=101").statusCode());
    assertEquals(400, owner().get("/api/playlists/" + pid + "?page=0").statusCode());
  }

  @Test
  void aDeletedVideoDisappearsFromPlaylists() throws Exception {
    String doomed = record(owner(), "unlisted");
    String pid = create(owner(), "Losing one", "public").getString("id");
    add(owner(), pid, ownersPublic);
    add(owner(), pid, doomed);

    assertEquals(204, owner().delete("/api/videos/" + doomed).statusCode());

    assertEquals(List.of(ownersPublic), itemIds(people.get("stranger"), pid));
    JsonArray mine = owner().get("/api/playlists/" + pid).bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, mine.size(), "its owner sees where it was, to remove it");
    assertEquals(new JsonObject().put("id", doomed).put("unavailable", true), mine.getJsonObject(1));
    assertEquals(204, owner().delete("/api/playlists/" + pid + "/videos/" + doomed).statusCode());
    assertEquals(List.of(ownersPublic), itemIds(owner(), pid));
  }

  @Test
  void aPersonsPlaylistsArePublicOnesForOthersAndAllForThemAndAdmins() {
    KinoraClient maker = KinoraClient.signedUp(client.vertx(), client.port());
    String priv = create(maker, "Mine only", "private").getString("id");
    String unlisted = create(maker, "By link", "unlisted").getString("id");
    String pub = create(maker, "For all", "public").getString("id");
    String path = "/api/users/" + maker.username() + "/playlists";

    JsonObject seenByOthers = other().get(path).bodyAsJsonObject();
    assertEquals(List.of(pub), ids(seenByOthers.getJsonArray("items")));
    assertEquals(1, seenByOthers.getInteger("total"));
    assertEquals(List.of(pub), ids(people.get("stranger").get(path).bodyAsJsonObject().getJsonArray("items")));
    assertEquals(List.of(pub, unlisted, priv), ids(maker.get(path).bodyAsJsonObject().getJsonArray("items")));
    assertEquals(List.of(pub, unlisted, priv), ids(people.get("admin").get(path).bodyAsJsonObject().getJsonArray("items")));
    assertEquals(List.of(unlisted), ids(maker.get(path + "?page=2&pageSize=1").bodyAsJsonObject().getJsonArray("items")));
    assertEquals(404, other().get("/api/users/nobody" + System.nanoTime() + "/playlists").statusCode());

    // making one private takes it off the channel at once; making it public puts it on
    maker.patchJson("/api/playlists/" + pub, new JsonObject().put("visibility", "private"));
    maker.patchJson("/api/playlists/" + unlisted, new JsonObject().put("visibility", "public"));
    assertEquals(List.of(unlisted), ids(other().get(path).bodyAsJsonObject().getJsonArray("items")));
    maker.close();
  }

  @Test
  void myPlaylistsSayWhetherTheyHoldAVideo() {
    KinoraClient saver = KinoraClient.signedUp(client.vertx(), client.port());
    JsonObject withIt = create(saver, "With it", "private");
    JsonObject withoutIt = create(saver, "Without it", "public");
    String with = withIt.getString("id");
    String without = withoutIt.getString("id");
    add(saver, with, othersPublic);

    JsonArray mine = saver.get("/api/me/playlists?videoId=" + othersPublic).bodyAsJsonObject().getJsonArray("items");

    List<String> listed = ids(mine);
    assertEquals(java.util.Set.of(with, without), java.util.Set.copyOf(listed));
    // newest first by creation millisecond: two made within the same one may come either way
    Map<String, JsonObject> made = Map.of(with, withIt, without, withoutIt);
    assertTrue(createdMillis(made.get(listed.get(0))) >= createdMillis(made.get(listed.get(1))), "newest first: " + listed);
    JsonObject listedWith = mine.getJsonObject(listed.indexOf(with));
    assertFalse(mine.getJsonObject(listed.indexOf(without)).getBoolean("contains"));
    assertTrue(listedWith.getBoolean("contains"));
    assertEquals(1, listedWith.getInteger("videoCount"));
    assertFalse(saver.get("/api/me/playlists").bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .containsKey("contains"));
    assertEquals(400, saver.get("/api/me/playlists?videoId=nope").statusCode());
    assertEquals(401, people.get("stranger").get("/api/me/playlists").statusCode());
    saver.close();
  }

  private static long createdMillis(JsonObject playlist) {
    return java.time.Instant.parse(playlist.getString("createdAt")).toEpochMilli();
  }

  @Test
  void aFullPlaylistRefusesOneMoreWith409() throws Exception {
    String pid = create(owner(), "Full", "private").getString("id");
    // 2,000 entries written straight into Redis: the cap, without 2,000 videos
    List<String> zadd = new ArrayList<>(List.of("ZADD", "kinora:playlist:" + pid + ":items"));
    for (int i = 0; i < 2000; i++) {
      zadd.add(Integer.toString(i + 1));
      zadd.add(String.format("filler%016d", i));
    }
    redis.cli(zadd.toArray(String[]::new));

    HttpResponse<Buffer> refused = add(owner(), pid, ownersPublic);

    assertEquals(409, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("at most 2000 videos"), refused.bodyAsString());
    assertEquals(204, owner().delete("/api/playlists/" + pid + "/videos/" + "filler0000000000000000").statusCode());
    assertEquals(200, add(owner(), pid, ownersPublic).statusCode(), "room for one again");
  }

  @Test
  void aPersonWithTheMostPlaylistsIsRefusedAnotherWith409() throws Exception {
    KinoraClient collector = KinoraClient.signedUp(client.vertx(), client.port());
    String id = collector.get("/api/me").bodyAsJsonObject().getString("id");
    List<String> zadd = new ArrayList<>(List.of("ZADD", "kinora:user:" + id + ":playlists"));
    for (int i = 0; i < 1000; i++) {
      zadd.add(Integer.toString(i + 1));
      zadd.add(String.format("filler%016d", i));
    }
    redis.cli(zadd.toArray(String[]::new));

    HttpResponse<Buffer> refused = collector.postJson("/api/playlists", new JsonObject().put("title", "One more"));

    assertEquals(409, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("Delete one"), refused.bodyAsString());
    collector.close();
  }

  @Test
  void aMalformedPlaylistIdIs400() {
    assertEquals(400, owner().get("/api/playlists/short").statusCode());
    assertEquals(400, owner().postJson("/api/playlists/short/videos", new JsonObject().put("videoId", ownersPublic))
        .statusCode());
  }

  private static String uncheckedCli(String... args) {
    try {
      return redis.cli(args).trim();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
