package io.kinora.social;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.social.ratings.ViewCounter;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Likes, dislikes and views: what a caller may rate, the counts in a video's JSON, and counters
 * that stay exact when many people (or many nodes) count at once.
 */
@Tag("long")
@KinoraTest(group = KinoraTest.SOCIAL)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RatingsIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static Vertx vertx;
  private static KinoraClient owner;
  private static KinoraClient other;
  private static KinoraClient admin;
  private static KinoraClient stranger;
  private static WebClient anonymous;
  private static Path clip;

  @BeforeAll
  static void start() throws Exception {
    vertx = client.vertx();
    owner = KinoraClient.signedUp(vertx, node.httpPort());
    other = KinoraClient.signedUp(vertx, node.httpPort());
    stranger = new KinoraClient(vertx, node.httpPort());
    // the first account of the shared node is its admin: the suite's own client
    admin = client;
    anonymous = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    clip = Clips.mp4(work, "rated.mp4", 320, 180, 1);
  }

  @AfterAll
  static void stop() {
    owner.close();
    other.close();
    stranger.close();
    anonymous.close();
  }

  private static final Map<String, String> VIDEO_OF = new java.util.concurrent.ConcurrentHashMap<>();

  private static KinoraClient person(String who) {
    return switch (who) {
      case "owner" -> owner;
      case "other" -> other;
      case "admin" -> admin;
      default -> stranger;
    };
  }

  /** One ready video per visibility, shared by the matrix below. */
  private static String videoOf(String visibility) throws Exception {
    String id = VIDEO_OF.get(visibility);
    if (id == null) {
      id = readyVideo(visibility);
      VIDEO_OF.put(visibility, id);
    }
    return id;
  }

  /** Who may rate and count a view, per visibility: the private video only its owner and admins. */
  static Stream<Arguments> matrix() {
    return Stream.of("private", "unlisted", "public").flatMap(visibility -> Stream.of(
        Arguments.of("owner", visibility, 200, 200),
        Arguments.of("admin", visibility, 200, 200),
        Arguments.of("other", visibility, visibility.equals("private") ? 404 : 200, visibility.equals("private") ? 404 : 200),
        Arguments.of("signed out", visibility, 401, visibility.equals("private") ? 404 : 200)));
  }

  @ParameterizedTest(name = "{0} on a {1} video: rating {2}, view {3}")
  @MethodSource("matrix")
  void ratingAndViewsFollowVisibility(String who, String visibility, int rating, int view) throws Exception {
    String id = videoOf(visibility);

    assertEquals(rating, rate(person(who), id, "like").statusCode());
    assertEquals(view, KinoraClient.await(person(who).request(HttpMethod.POST, "/api/videos/" + id + "/views").send())
        .statusCode());
  }

  private static String readyVideo(String visibility) throws Exception {
    String id = owner.upload(clip);
    owner.awaitReady(id);
    assertEquals(200, owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", visibility)).statusCode());
    return id;
  }

  private static HttpResponse<Buffer> rate(KinoraClient who, String id, String rating) {
    return KinoraClient.await(who.request(HttpMethod.PUT, "/api/videos/" + id + "/rating")
        .sendJsonObject(new JsonObject().put("rating", rating)));
  }

  @Test
  void aLikeCountsAndShowsAsMyRating() throws Exception {
    String id = readyVideo("public");

    HttpResponse<Buffer> liked = rate(other, id, "like");

    assertEquals(200, liked.statusCode(), liked.bodyAsString());
    assertEquals(new JsonObject().put("likes", 1L).put("dislikes", 0L).put("myRating", "like"), liked.bodyAsJsonObject());
    JsonObject seen = other.video(id);
    assertEquals(1, seen.getLong("likes"));
    assertEquals("like", seen.getString("myRating"));
    assertEquals("none", owner.video(id).getString("myRating"));
  }

  @Test
  void switchingToDislikeMovesTheCountAndNoneTakesItBack() throws Exception {
    String id = readyVideo("public");
    rate(other, id, "like");

    JsonObject disliked = rate(other, id, "dislike").bodyAsJsonObject();
    JsonObject cleared = rate(other, id, "none").bodyAsJsonObject();

    assertEquals(0, disliked.getLong("likes"));
    assertEquals(1, disliked.getLong("dislikes"));
    assertEquals(0, cleared.getLong("likes"));
    assertEquals(0, cleared.getLong("dislikes"));
    assertEquals("none", cleared.getString("myRating"));
  }

  @Test
  void likingTwiceCountsOnce() throws Exception {
    String id = readyVideo("public");

    rate(other, id, "like");
    JsonObject again = rate(other, id, "like").bodyAsJsonObject();

    assertEquals(1, again.getLong("likes"));
  }

  @Test
  void aHundredAccountsLikingAtOnceGiveExactlyAHundred() throws Exception {
    String id = readyVideo("public");
    List<KinoraClient> people = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      people.add(KinoraClient.signedUp(vertx, node.httpPort()));
    }

    List<Future<HttpResponse<Buffer>>> likes = new ArrayList<>();
    for (KinoraClient person : people) {
      likes.add(person.request(HttpMethod.PUT, "/api/videos/" + id + "/rating")
          .sendJsonObject(new JsonObject().put("rating", "like")));
    }
    KinoraClient.await(Future.all(likes));

    likes.forEach(like -> assertEquals(200, like.result().statusCode()));
    assertEquals(100, owner.video(id).getLong("likes"));
    assertEquals("100", redis.cli("HGET", RedisKeys.video(id), "likes").trim());
    assertEquals("100", redis.cli("HLEN", RedisKeys.ratings(id)).trim());
    people.forEach(KinoraClient::close);
  }

  @Test
  void signedOutCallersCannotRate() throws Exception {
    String id = readyVideo("public");

    assertEquals(401, rate(stranger, id, "like").statusCode());
  }

  @Test
  void anUnknownRatingIsRefusedWithTheChoices() throws Exception {
    String id = readyVideo("public");

    HttpResponse<Buffer> refused = rate(other, id, "love");

    assertEquals(400, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("like, dislike or none"));
  }

  @Test
  void aPrivateVideoCanBeRatedOnlyByThoseWhoMaySeeIt() throws Exception {
    String id = readyVideo("private");

    assertEquals(404, rate(other, id, "like").statusCode());
    assertEquals(200, rate(owner, id, "like").statusCode());
    assertEquals(200, rate(admin, id, "like").statusCode());
    assertEquals(404, KinoraClient.await(anonymous.post("/api/videos/" + id + "/views").send()).statusCode());
  }

  @Test
  void anUnlistedVideoCanBeRatedByAnyoneWithItsLink() throws Exception {
    String id = readyVideo("unlisted");

    assertEquals(200, rate(other, id, "dislike").statusCode());
  }

  @Test
  void aViewerIsCountedOnceADayHoweverOftenTheyPost() throws Exception {
    String id = readyVideo("public");

    List<Future<HttpResponse<Buffer>>> views = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      views.add(anonymous.post("/api/videos/" + id + "/views").putHeader("Cookie", "kinora_viewer=one-browser")
          .send());
    }
    KinoraClient.await(Future.all(views));
    HttpResponse<Buffer> another = KinoraClient.await(anonymous.post("/api/videos/" + id + "/views")
        .putHeader("Cookie", "kinora_viewer=another-browser").send());
    KinoraClient.await(other.request(HttpMethod.POST, "/api/videos/" + id + "/views").send());

    views.forEach(v -> assertEquals(200, v.result().statusCode()));
    assertEquals(2, another.bodyAsJsonObject().getLong("views"));
    assertEquals("3", redis.cli("HGET", RedisKeys.video(id), "views").trim());
  }

  @Test
  void oneAddressCannotMintViewsByChangingItsBrowserOrCookie() throws Exception {
    String id = readyVideo("public");

    List<Future<HttpResponse<Buffer>>> views = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      views.add(anonymous.post("/api/videos/" + id + "/views").putHeader("User-Agent", "Browser/" + i)
          .putHeader("Cookie", "kinora_viewer=forged-" + i).send());
    }
    KinoraClient.await(Future.all(views));

    views.forEach(v -> assertEquals(200, v.result().statusCode()));
    long counted = Long.parseLong(redis.cli("HGET", RedisKeys.video(id), "views").trim());
    assertTrue(counted <= ViewCounter.ANONYMOUS_PER_ADDRESS, counted + " views from one address");
  }

  @Test
  void aForwardedForHeaderFromAnUntrustedPeerIsNotTheViewersAddress() throws Exception {
    String id = readyVideo("public");

    for (int i = 0; i < 20; i++) {
      KinoraClient.await(anonymous.post("/api/videos/" + id + "/views").putHeader("Cookie", "kinora_viewer=same")
          .putHeader("X-Forwarded-For", "203.0.113." + (i + 1)).send());
    }

    assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "views").trim(), "one address, one browser");
  }

  @Test
  void anAnonymousViewerIsGivenABrowserCookie() throws Exception {
    String id = readyVideo("public");

    HttpResponse<Buffer> view = KinoraClient.await(anonymous.post("/api/videos/" + id + "/views").send());

    String cookie = view.cookies().stream().filter(c -> c.startsWith("kinora_viewer=")).findFirst().orElseThrow();
    String attributes = cookie.toLowerCase(java.util.Locale.ROOT);
    assertTrue(attributes.contains("httponly") && attributes.contains("samesite=lax"), cookie);
    HttpResponse<Buffer> again = KinoraClient.await(anonymous.post("/api/videos/" + id + "/views")
        .putHeader("Cookie", cookie.split(";", 2)[0]).send());
    assertTrue(again.cookies().stream().noneMatch(c -> c.startsWith("kinora_viewer=")), "kept, not replaced");
  }

  @Test
  void viewsAreCountedOnlyForVideosThatCanPlay() {
    String id = owner.createVideo("not-yet.mp4");

    assertEquals(409, KinoraClient.await(anonymous.post("/api/videos/" + id + "/views").send()).statusCode());
  }

  @Test
  void twoNodesCountTheSameViewerOnce() throws Exception {
    String id = readyVideo("public");
    try (TestNode second = TestNode.start(vertx, redis, Map.of("KINORA_TRANSCODE_SLOTS", "0"))) {
      KinoraClient viaSecond = new KinoraClient(vertx, second.httpPort()).withToken(other.token());

      List<Future<HttpResponse<Buffer>>> views = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        KinoraClient via = i % 2 == 0 ? other : viaSecond;
        views.add(via.request(HttpMethod.POST, "/api/videos/" + id + "/views").send());
      }
      KinoraClient.await(Future.all(views));

      views.forEach(v -> assertEquals(200, v.result().statusCode()));
      assertEquals("1", redis.cli("HGET", RedisKeys.video(id), "views").trim());
      viaSecond.close();
    }
  }

  @Test
  void redisNeverHoldsTheViewersAddress() throws Exception {
    String id = readyVideo("public");

    KinoraClient.await(anonymous.post("/api/videos/" + id + "/views").putHeader("User-Agent", "Trace/9").send());

    String keys = redis.cli("--scan", "--pattern", "kinora:view:*");
    assertTrue(!keys.contains("127.0.0.1") && !keys.contains("Trace"), keys);
  }
}
