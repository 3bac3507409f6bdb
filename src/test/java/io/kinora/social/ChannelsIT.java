package io.kinora.social;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels, avatars, subscriptions and the feed on the shared node. Two channels: {@code alice}
 * with two public videos, an unlisted one, a private one and a public one still awaiting its
 * upload; {@code bob} with one public and one private. Whoever asks (alice, another user, the
 * admin, a stranger), a channel counts and lists only the public, ready ones, and so does a feed.
 */
@KinoraTest(group = KinoraTest.SOCIAL)
class ChannelsIT {

  static KinoraClient client; // the deployment's first account: an administrator
  static TestNode node;
  static io.kinora.support.RedisServer redis;

  @TempDir
  static Path work;

  private static KinoraClient alice;
  private static KinoraClient bob;
  private static KinoraClient stranger;
  /** alice's videos by visibility, and "processing" (public, never uploaded). */
  private static final Map<String, String> aliceVideo = new java.util.HashMap<>();
  private static String alicePublicOlder;
  private static String bobPublic;
  private static String bobPrivate;

  @BeforeAll
  static void channels() throws Exception {
    alice = person();
    bob = person();
    stranger = new KinoraClient(client.vertx(), node.httpPort());
    Path clip = Clips.mp4(work, "channel.mp4", 160, 90, 1, 10);
    // made one after another, so their creation times give the feed's order
    alicePublicOlder = upload(alice, clip, "public");
    bobPublic = upload(bob, clip, "public");
    aliceVideo.put("public", upload(alice, clip, "public"));
    aliceVideo.put("unlisted", upload(alice, clip, "unlisted"));
    aliceVideo.put("private", upload(alice, clip, "private"));
    bobPrivate = upload(bob, clip, "private");
    aliceVideo.put("processing", alice.postJson("/api/uploads", new JsonObject().put("filename", "later.mp4")
        .put("size", 1000).put("visibility", "public")).bodyAsJsonObject().getString("id"));
    for (String id : List.of(alicePublicOlder, aliceVideo.get("public"), aliceVideo.get("unlisted"),
        aliceVideo.get("private"))) {
      alice.awaitReady(id);
    }
    bob.awaitReady(bobPublic);
    bob.awaitReady(bobPrivate);
    awaitListed(alice.username(), 2);
    awaitListed(bob.username(), 1);
  }

  @Test
  void aChannelCountsAndListsOnlyPublicReadyVideosWhoeverAsks() {
    for (KinoraClient who : List.of(alice, bob, client, stranger)) {
      JsonObject channel = ok(who.get("/api/users/" + alice.username()));
      List<String> listed = ids(ok(who.get("/api/users/" + alice.username() + "/videos")).getJsonArray("items"));

      assertEquals(alice.username(), channel.getString("username"));
      assertEquals(2, channel.getLong("videoCount"), channel.encode());
      assertEquals(List.of(aliceVideo.get("public"), alicePublicOlder), listed, "newest first, public and ready only");
    }
  }

  @Test
  void theChannelOfAStrangerSaysNothingAboutSubscribing() {
    JsonObject channel = ok(stranger.get("/api/users/" + alice.username()));

    assertFalse(channel.containsKey("subscribed"));
    assertEquals(alice.username(), channel.getString("displayName"), "the username until a display name is set");
    assertNull(channel.getString("avatarUrl"));
    assertEquals(Boolean.FALSE, ok(bob.get("/api/users/" + alice.username())).getBoolean("subscribed"));
  }

  @Test
  void aChannelsVideosArePaged() {
    JsonObject first = ok(stranger.get("/api/users/" + alice.username() + "/videos?page=1&pageSize=1"));
    JsonObject second = ok(stranger.get("/api/users/" + alice.username() + "/videos?page=2&pageSize=1"));

    assertEquals(2, first.getLong("total"));
    assertEquals(List.of(aliceVideo.get("public")), ids(first.getJsonArray("items")));
    assertEquals(List.of(alicePublicOlder), ids(second.getJsonArray("items")));
    assertEquals(400, stranger.get("/api/users/" + alice.username() + "/videos?pageSize=500").statusCode());
  }

  @Test
  void anUnknownUserHasNoChannel() {
    assertEquals(404, stranger.get("/api/users/nobody-" + System.nanoTime()).statusCode());
    assertEquals(404, stranger.get("/api/users/nobody-" + System.nanoTime() + "/videos").statusCode());
    assertEquals(404, stranger.get("/api/users/nobody-" + System.nanoTime() + "/avatar").statusCode());
  }

  @Test
  void editingMyProfileAnswersWithMyChannel() {
    KinoraClient carol = person();

    JsonObject channel = ok(carol.patchJson("/api/me", new JsonObject().put("displayName", "  Carol C.  ")
        .put("bio", "Films of\nbirds.")));

    assertEquals("Carol C.", channel.getString("displayName"));
    assertEquals("Films of\nbirds.", channel.getString("bio"));
    assertEquals("Carol C.", ok(stranger.get("/api/users/" + carol.username())).getString("displayName"));
  }

  @Test
  void aProfileEditIsCheckedFieldByField() {
    KinoraClient carol = person();

    assertRefused(carol.patchJson("/api/me", new JsonObject().put("displayName", "x".repeat(51))), "at most 50");
    assertRefused(carol.patchJson("/api/me", new JsonObject().put("bio", "x".repeat(1001))), "at most 1000");
    assertRefused(carol.patchJson("/api/me", new JsonObject().put("displayName", 5)), "must be a string");
    assertRefused(carol.patchJson("/api/me", new JsonObject().put("username", "admin")), "Unknown field");
    assertRefused(carol.patchJson("/api/me", new JsonObject().put("displayName", "two\nlines")), "one line");
    assertEquals(401, stranger.patchJson("/api/me", new JsonObject().put("bio", "hi")).statusCode());
  }

  @Test
  void renamingAChannelAnnouncesItsPublicVideosAgainForSearch() throws Exception {
    java.util.Set<String> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();
    var consumer = client.vertx().eventBus().<String>consumer(io.kinora.platform.bus.Addresses.VIDEO_CHANGED,
        message -> announced.add(message.body()));
    consumer.completion().await(10, java.util.concurrent.TimeUnit.SECONDS);
    try {
      ok(bob.patchJson("/api/me", new JsonObject().put("displayName", "Bob the Builder")));

      Await.until(java.time.Duration.ofSeconds(10), "the public video to be synced again with the new name",
          () -> announced.contains(bobPublic));
      assertFalse(announced.contains(bobPrivate), "a private video is in no index to sync");
    } finally {
      consumer.unregister();
    }
  }

  @Test
  void anUploadedPictureBecomesA256SquareJpeg() throws Exception {
    KinoraClient dora = person();
    Path png = Clips.ffmpeg(work.resolve("wide.png"), "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=1,format=rgba",
        "-frames:v", "1");

    JsonObject channel = ok(putPicture(dora, "image/png", Files.readAllBytes(png)));
    String url = channel.getString("avatarUrl");
    HttpResponse<Buffer> picture = stranger.get(url);

    assertNotNull(url);
    assertTrue(url.startsWith("/api/users/" + dora.username() + "/avatar?v="), url);
    assertEquals(200, picture.statusCode());
    assertEquals("image/jpeg", picture.getHeader("Content-Type"));
    assertTrue(picture.getHeader("Cache-Control").contains("max-age=31536000"), picture.getHeader("Cache-Control"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.body().getBytes()));
    assertEquals(256, image.getWidth());
    assertEquals(256, image.getHeight());
    assertEquals(url, ok(stranger.get("/api/users/" + dora.username())).getString("avatarUrl"));
  }

  @Test
  void aNewPictureGetsANewUrlAndRemovingItLeavesNone() throws Exception {
    KinoraClient erin = person();
    Path gif = Clips.ffmpeg(work.resolve("small.gif"), "-f", "lavfi", "-i", "testsrc2=size=100x300:rate=1",
        "-frames:v", "1");
    String first = ok(putPicture(erin, "image/gif", Files.readAllBytes(gif))).getString("avatarUrl");
    String second = ok(putPicture(erin, "image/gif", Files.readAllBytes(gif))).getString("avatarUrl");

    HttpResponse<Buffer> removed = erin.delete("/api/me/avatar");

    assertFalse(first.equals(second));
    assertEquals(204, removed.statusCode());
    assertNull(ok(stranger.get("/api/users/" + erin.username())).getString("avatarUrl"));
    assertEquals(404, stranger.get(second).statusCode());
    assertEquals(204, erin.delete("/api/me/avatar").statusCode(), "removing no picture is fine too");
  }

  @Test
  void aTextFileIsRefusedAndLeavesNoTempFile() throws Exception {
    KinoraClient fred = person();

    HttpResponse<Buffer> refused = putPicture(fred, "image/png", "hello, not a picture".getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> fakePng = putPicture(fred, "image/png", fakePng());

    assertEquals(400, refused.statusCode());
    assertEquals("This file is not an image Kinora can read; upload a JPEG, PNG, GIF or WebP.",
        refused.bodyAsJsonObject().getString("error"));
    assertEquals(400, fakePng.statusCode(), "a PNG header on garbage gets as far as ffmpeg, which refuses it");
    assertEquals(refused.bodyAsJsonObject(), fakePng.bodyAsJsonObject());
    assertNull(ok(stranger.get("/api/users/" + fred.username())).getString("avatarUrl"));
    Path avatars = node.tempDir().resolve("avatars");
    if (Files.isDirectory(avatars)) {
      try (Stream<Path> left = Files.list(avatars)) {
        assertEquals(List.of(), left.toList());
      }
    }
  }

  @Test
  void aPictureMustComeAsAnImageAndNotTooLarge() {
    KinoraClient gail = person();

    assertEquals(400, putPicture(gail, "text/plain", "hi".getBytes(StandardCharsets.UTF_8)).statusCode());
    assertEquals(413, putPicture(gail, "image/jpeg", new byte[5 * 1024 * 1024 + 1]).statusCode());
    assertEquals(401, putPicture(stranger, "image/png", fakePng()).statusCode());
  }

  @Test
  void subscribingAndUnsubscribingAreIdempotentAndCounted() {
    KinoraClient hana = person();
    KinoraClient ivan = person();
    String path = "/api/users/" + hana.username() + "/subscription";

    JsonObject once = ok(ivan.request(HttpMethod.PUT, path));
    JsonObject twice = ok(ivan.request(HttpMethod.PUT, path));
    JsonObject seen = ok(ivan.get("/api/users/" + hana.username()));
    JsonObject other = ok(client.request(HttpMethod.PUT, path));

    assertEquals(new JsonObject().put("subscribed", true).put("subscribers", 1), once);
    assertEquals(once, twice);
    assertEquals(1, seen.getLong("subscribers"));
    assertTrue(seen.getBoolean("subscribed"));
    assertEquals(2, other.getLong("subscribers"));

    assertEquals(204, ivan.delete(path).statusCode());
    assertEquals(204, ivan.delete(path).statusCode());
    JsonObject after = ok(ivan.get("/api/users/" + hana.username()));
    assertEquals(1, after.getLong("subscribers"));
    assertFalse(after.getBoolean("subscribed"));
  }

  @Test
  void subscribersArrivingTogetherAreCountedExactly() {
    KinoraClient star = person();
    List<KinoraClient> fans = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fans.add(person());
    }
    String path = "/api/users/" + star.username() + "/subscription";

    List<io.vertx.core.Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (KinoraClient fan : fans) {
      sent.add(fan.request(HttpMethod.PUT, path).send());
      sent.add(fan.request(HttpMethod.PUT, path).send()); // and once more, at the same time
    }
    KinoraClient.await(io.vertx.core.Future.all(sent));

    sent.forEach(f -> assertEquals(200, f.result().statusCode(), f.result().bodyAsString()));
    assertEquals(20, ok(stranger.get("/api/users/" + star.username())).getLong("subscribers"));
    assertEquals(20, Long.parseLong(redisCli("ZCARD", "kinora:user:" + id(star) + ":subscribers")));
  }

  @Test
  void aThousandChannelsIsTheMostOneAccountFollows() {
    KinoraClient lena = person();
    String key = "kinora:user:" + id(lena) + ":subscriptions";
    redisCli("EVAL", "for i = 1, 1000 do redis.call('ZADD', KEYS[1], i, 'gone' .. i) end return 1", "1", key);

    HttpResponse<Buffer> refused = KinoraClient.await(lena.request(HttpMethod.PUT,
        "/api/users/" + alice.username() + "/subscription").send());

    assertEquals(409, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("1000 channels"));
    assertEquals(0, ok(lena.get("/api/feed")).getJsonArray("items").size(), "channels with nothing public");
    assertEquals(204, lena.delete("/api/users/" + bob.username() + "/subscription").statusCode());
  }

  @Test
  void iCannotSubscribeToMyself() {
    HttpResponse<Buffer> refused = KinoraClient.await(alice.request(HttpMethod.PUT,
        "/api/users/" + alice.username() + "/subscription").send());

    assertRefused(refused, "your own channel");
  }

  @Test
  void subscribingNeedsASignInAndAChannel() {
    assertEquals(401, KinoraClient.await(stranger.request(HttpMethod.PUT,
        "/api/users/" + alice.username() + "/subscription").send()).statusCode());
    assertEquals(404, KinoraClient.await(bob.request(HttpMethod.PUT,
        "/api/users/nobody-" + System.nanoTime() + "/subscription").send()).statusCode());
  }

  @Test
  void myChannelsAreListedWithTheirProfiles() {
    KinoraClient jack = person();
    ok(jack.request(HttpMethod.PUT, "/api/users/" + alice.username() + "/subscription"));
    ok(jack.request(HttpMethod.PUT, "/api/users/" + bob.username() + "/subscription"));

    JsonObject mine = ok(jack.get("/api/me/subscriptions"));

    assertEquals(2, mine.getLong("total"));
    JsonArray items = mine.getJsonArray("items");
    List<String> listed = items.stream().map(i -> ((JsonObject) i).getString("username")).toList();
    assertEquals(java.util.Set.of(alice.username(), bob.username()), java.util.Set.copyOf(listed));
    // the latest followed first, by the millisecond each follow was kept at (the API shows no
    // time): two follows in the same millisecond may come either way
    Map<String, String> ids = Map.of(alice.username(), id(alice), bob.username(), id(bob));
    String key = io.kinora.platform.redis.RedisKeys.subscriptions(id(jack));
    assertTrue(Long.parseLong(redisCli("ZSCORE", key, ids.get(listed.get(0))))
        >= Long.parseLong(redisCli("ZSCORE", key, ids.get(listed.get(1)))), "the latest followed first: " + listed);
    JsonObject aliceListed = items.getJsonObject(listed.indexOf(alice.username()));
    assertEquals(2, aliceListed.getLong("videoCount"));
    assertEquals(401, stranger.get("/api/me/subscriptions").statusCode());
  }

  @Test
  void theFeedHasThePublicVideosOfMyChannelsNewestFirstPageByPage() {
    KinoraClient kim = person();
    ok(kim.request(HttpMethod.PUT, "/api/users/" + alice.username() + "/subscription"));
    ok(kim.request(HttpMethod.PUT, "/api/users/" + bob.username() + "/subscription"));

    List<String> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = ok(kim.get("/api/feed?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)));
      walked.addAll(ids(page.getJsonArray("items")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertEquals(List.of(aliceVideo.get("public"), bobPublic, alicePublicOlder), walked);
    JsonObject whole = ok(kim.get("/api/feed"));
    assertEquals(walked, ids(whole.getJsonArray("items")));
    assertNull(whole.getString("nextCursor"));
    assertFalse(walked.contains(bobPrivate));
  }

  @Test
  void theFeedOfSomeoneFollowingNobodyIsEmpty() {
    JsonObject feed = ok(person().get("/api/feed"));

    assertEquals(0, feed.getJsonArray("items").size());
    assertNull(feed.getString("nextCursor"));
  }

  @Test
  void theFeedNeedsASignInAndAValidCursor() {
    assertEquals(401, stranger.get("/api/feed").statusCode());
    assertRefused(bob.get("/api/feed?cursor=bogus!"), "cursor");
    assertEquals(400, bob.get("/api/feed?limit=0").statusCode());
  }

  // ---- helpers ----

  private static String id(KinoraClient who) {
    return ok(who.get("/api/me")).getString("id");
  }

  private static String redisCli(String... args) {
    try {
      return redis.cli(args).trim();
    } catch (Exception e) {
      throw new AssertionError("redis-cli " + String.join(" ", args), e);
    }
  }

  private static KinoraClient person() {
    return KinoraClient.signedUp(client.vertx(), node.httpPort());
  }

  private static String upload(KinoraClient who, Path file, String visibility) throws Exception {
    JsonObject created = ok(who.postJson("/api/uploads", new JsonObject().put("filename", file.getFileName().toString())
        .put("size", Files.size(file)).put("visibility", visibility)), 201);
    assertEquals(200, who.putToStorage(created.getString("uploadUrl"), file));
    who.complete(created.getString("id"));
    return created.getString("id");
  }

  private static HttpResponse<Buffer> putPicture(KinoraClient who, String type, byte[] bytes) {
    return KinoraClient.await(who.request(HttpMethod.PUT, "/api/me/avatar").putHeader("Content-Type", type)
        .sendBuffer(Buffer.buffer(bytes)));
  }

  /** A PNG signature followed by nothing a decoder can use. */
  private static byte[] fakePng() {
    byte[] bytes = new byte[200];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  /** The catalogue fills just after a video is ready (it hears of it on the event bus). */
  private static void awaitListed(String username, int count) throws InterruptedException {
    Await.until(java.time.Duration.ofSeconds(20), username + "'s " + count + " videos to be in the catalogue",
        () -> ok(stranger.get("/api/users/" + username)).getLong("videoCount") >= count);
  }

  private static JsonObject ok(io.vertx.ext.web.client.HttpRequest<Buffer> request) {
    return ok(KinoraClient.await(request.send()));
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    return ok(response, 200);
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void assertRefused(HttpResponse<Buffer> response, String saying) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    String error = response.bodyAsJsonObject().getString("error");
    assertTrue(error.contains(saying), error);
  }

  private static List<String> ids(JsonArray items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }
}
