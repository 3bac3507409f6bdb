package io.kinora.webhooks;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outgoing webhooks end to end: a receiver in this test (an HTTP server on a random port) gets
 * signed events for its owner's videos, verifies them with its own HMAC, answers a 500 that is
 * retried, and a delivery waiting for its retry outlives the nodes that queued it. The shared node
 * of this class allows private destinations (the receiver is on loopback); two tests start nodes
 * of their own on their own Redis, one with the default that refuses them.
 */
@Tag("long")
@KinoraTest(group = "webhooks", settings = {"KINORA_WEBHOOK_ALLOW_PRIVATE=true",
    "KINORA_WEBHOOK_TIMEOUT_SECONDS=" + WebhooksIT.TIMEOUT_SECONDS})
class WebhooksIT {

  /** A first attempt comes within a couple of poll ticks; a retry after a 500 after 10 s more. */
  private static final Duration FIRST = Duration.ofSeconds(15);
  private static final Duration RETRY = Duration.ofSeconds(30);
  private static final AtomicInteger PATHS = new AtomicInteger();
  /** Short, so a receiver that never answers costs the test seconds, not the default 10. */
  static final int TIMEOUT_SECONDS = 3;

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static Vertx receiverVertx;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiverVertx = Vertx.vertx();
    receiver = WebhookReceiver.start(receiverVertx);
  }

  @AfterAll
  static void stopReceiver() throws Exception {
    receiver.close();
    receiverVertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aReadyVideoIsPostedSignedWithTheSecretShownOnce() throws Exception {
    KinoraClient alice = newPerson();
    String path = newPath();
    JsonObject endpoint = register(alice, receiver.url(path));
    String secret = endpoint.getString("secret");
    assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
    assertEquals(receiver.url(path), endpoint.getString("url"));
    assertNotNull(endpoint.getString("createdAt"));

    JsonArray listed = alice.get("/api/me/webhooks").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, listed.size());
    assertEquals(endpoint.getString("id"), listed.getJsonObject(0).getString("id"));
    assertFalse(listed.encode().contains(secret), "the list never shows the secret: " + listed.encode());
    assertNull(listed.getJsonObject(0).getValue("secret"));

    String id = alice.upload(Clips.shortClip());
    JsonObject video = alice.awaitReady(id);

    WebhookReceiver.Received got = receiver.next(path, FIRST);
    assertTrue(got.signedWith(secret), "signature " + got.signature() + " over " + got.body());
    assertFalse(got.signedWith("whsec_someone-else"));
    assertEquals("POST", got.method());
    assertEquals("application/json", got.contentType());
    assertEquals("localhost:" + receiver.port(), got.host(), "the Host header names the URL's host, not the IP");
    JsonObject event = got.json();
    assertEquals("video.ready", event.getString("type"));
    assertEquals(got.eventId(), event.getString("id"));
    assertTrue(event.getString("id").startsWith("evt_"), event.encode());
    assertNotNull(event.getString("createdAt"));
    JsonObject sent = event.getJsonObject("data").getJsonObject("video");
    assertEquals(id, sent.getString("id"));
    assertEquals("ready", sent.getString("status"));
    assertEquals(video.getString("playbackUrl"), sent.getString("playbackUrl"));
    assertEquals(video.getJsonArray("renditions"), sent.getJsonArray("renditions"));

    JsonObject logged = awaitLog(alice, endpoint.getString("id"), items -> items.size() == 1).getJsonObject(0);
    assertEquals("delivered", logged.getString("outcome"));
    assertEquals(200, logged.getInteger("statusCode"));
    assertEquals(1, logged.getInteger("attempt"));
    assertEquals(event.getString("id"), logged.getString("eventId"));
    assertEquals("video.ready", logged.getString("type"));
    assertNotNull(logged.getLong("durationMs"));
    assertNull(receiver.maybeNext(path, Duration.ofSeconds(2)), "one event, one delivery");
  }

  @Test
  void aFailedVideoCarriesTheReason() throws Exception {
    KinoraClient alice = newPerson();
    String path = newPath();
    String secret = register(alice, receiver.url(path)).getString("secret");
    Path notAVideo = Files.writeString(work.resolve("notes.mp4"), "these are meeting notes, not a video\n".repeat(50),
        StandardCharsets.UTF_8);
    String id = alice.upload(notAVideo);
    JsonObject video = alice.awaitDone(id);
    assertEquals("failed", video.getString("status"), video.encode());

    WebhookReceiver.Received got = receiver.next(path, FIRST);
    assertTrue(got.signedWith(secret));
    JsonObject event = got.json();
    assertEquals("video.failed", event.getString("type"));
    JsonObject sent = event.getJsonObject("data").getJsonObject("video");
    assertEquals(id, sent.getString("id"));
    assertEquals("failed", sent.getString("status"));
    assertEquals(video.getString("error"), sent.getString("error"));
    assertFalse(sent.getString("error").isBlank());
  }

  @Test
  void aDeletedVideoIsAnnouncedWithItsLastJson() throws Exception {
    KinoraClient alice = newPerson();
    String path = newPath();
    String secret = register(alice, receiver.url(path)).getString("secret");
    String id = alice.createVideo("holiday.mp4");
    JsonObject before = alice.video(id);
    assertEquals(204, alice.delete("/api/videos/" + id).statusCode());

    WebhookReceiver.Received got = receiver.next(path, FIRST);
    assertTrue(got.signedWith(secret));
    JsonObject event = got.json();
    assertEquals("video.deleted", event.getString("type"));
    JsonObject sent = event.getJsonObject("data").getJsonObject("video");
    assertEquals(before.getString("id"), sent.getString("id"));
    assertEquals(before.getString("title"), sent.getString("title"));
    assertEquals(before.getJsonObject("owner"), sent.getJsonObject("owner"));
  }

  @Test
  void aFirst500IsRetriedWithTheSameEventAndThenDelivered() throws Exception {
    KinoraClient alice = newPerson();
    String path = newPath();
    JsonObject endpoint = register(alice, receiver.url(path));
    receiver.answer(path, 500);
    String id = alice.createVideo("retry.mp4");
    assertEquals(204, alice.delete("/api/videos/" + id).statusCode());

    WebhookReceiver.Received first = receiver.next(path, FIRST);
    WebhookReceiver.Received second = receiver.next(path, RETRY);
    assertEquals(first.eventId(), second.eventId());
    assertEquals(first.body(), second.body(), "a retry sends the same event");
    assertTrue(second.signedWith(endpoint.getString("secret")));
    long pause = second.receivedAtMillis() - first.receivedAtMillis();
    assertTrue(pause >= 9_000, "the first retry waits about 10 s, waited " + pause + " ms");

    JsonArray log = awaitLog(alice, endpoint.getString("id"), items -> items.size() == 2);
    JsonObject failed = log.getJsonObject(1);
    JsonObject delivered = log.getJsonObject(0);
    assertEquals(500, failed.getInteger("statusCode"));
    assertEquals("retrying", failed.getString("outcome"));
    assertNotNull(failed.getString("nextAttemptAt"));
    assertEquals(1, failed.getInteger("attempt"));
    assertEquals(200, delivered.getInteger("statusCode"));
    assertEquals("delivered", delivered.getString("outcome"));
    assertEquals(2, delivered.getInteger("attempt"));
    assertEquals(failed.getString("deliveryId"), delivered.getString("deliveryId"));
    assertNull(receiver.maybeNext(path, Duration.ofSeconds(2)), "delivered: nothing more");
  }

  @Test
  void aRedirectIsNotFollowedAndASilentReceiverTimesOut() throws Exception {
    KinoraClient alice = newPerson();
    String path = newPath();
    String endpointId = register(alice, receiver.url(path)).getString("id");
    receiver.answer(path, 302, WebhookReceiver.HANG);
    String id = alice.createVideo("moved.mp4");
    assertEquals(204, alice.delete("/api/videos/" + id).statusCode());

    receiver.next(path, FIRST);
    JsonObject redirected = awaitLog(alice, endpointId, items -> items.size() == 1).getJsonObject(0);
    assertEquals(302, redirected.getInteger("statusCode"));
    assertEquals("retrying", redirected.getString("outcome"), "a 3xx is not a delivery");
    assertNull(receiver.maybeNext(WebhookReceiver.REDIRECTED, Duration.ofSeconds(1)), "the Location was not followed");

    receiver.next(path, RETRY); // the retry, which the receiver never answers
    JsonObject silent = awaitLog(alice, endpointId, items -> items.size() == 2).getJsonObject(0);
    assertEquals("retrying", silent.getString("outcome"));
    assertTrue(silent.getString("error").contains("no answer within " + TIMEOUT_SECONDS + " s"), silent.encode());
    long took = silent.getLong("durationMs");
    assertTrue(took >= TIMEOUT_SECONDS * 1000L - 100 && took < TIMEOUT_SECONDS * 1000L + 2000, "took " + took + " ms");
  }

  @Test
  void resendPostsTheSameEventAgain() throws Exception {
    KinoraClient alice = newPerson();
    String path = newPath();
    JsonObject endpoint = register(alice, receiver.url(path));
    String endpointId = endpoint.getString("id");
    String id = alice.createVideo("resend.mp4");
    assertEquals(204, alice.delete("/api/videos/" + id).statusCode());
    WebhookReceiver.Received first = receiver.next(path, FIRST);
    String deliveryId = awaitLog(alice, endpointId, items -> items.size() == 1).getJsonObject(0).getString("deliveryId");

    HttpResponse<Buffer> resent = alice.post("/api/me/webhooks/" + endpointId + "/deliveries/" + deliveryId + "/resend");
    assertEquals(202, resent.statusCode(), resent.bodyAsString());
    WebhookReceiver.Received again = receiver.next(path, FIRST);
    assertEquals(first.eventId(), again.eventId());
    assertEquals(first.body(), again.body());
    assertTrue(again.signedWith(endpoint.getString("secret")));
    JsonArray log = awaitLog(alice, endpointId, items -> items.size() == 2);
    assertEquals(2, log.getJsonObject(0).getInteger("attempt"));
    assertEquals("delivered", log.getJsonObject(0).getString("outcome"));

    String unknown = deliveryId.substring(0, deliveryId.indexOf('.')) + ".wh_AAAAAAAAAAAAAAAA";
    assertEquals(404, alice.post("/api/me/webhooks/" + endpointId + "/deliveries/" + unknown + "/resend").statusCode());
    assertEquals(404, alice.post("/api/me/webhooks/" + endpointId + "/deliveries/nonsense/resend").statusCode());
  }

  @Test
  void endpointsAndEventsBelongToTheirOwnerOnly() throws Exception {
    KinoraClient alice = newPerson();
    KinoraClient bob = newPerson();
    String alicePath = newPath();
    String bobPath = newPath();
    JsonObject alices = register(alice, receiver.url(alicePath));
    register(bob, receiver.url(bobPath));
    String aliceId = alices.getString("id");

    assertEquals(1, bob.get("/api/me/webhooks").bodyAsJsonObject().getJsonArray("items").size(), "bob sees his own only");
    assertEquals(404, bob.delete("/api/me/webhooks/" + aliceId).statusCode());
    assertEquals(404, bob.get("/api/me/webhooks/" + aliceId + "/deliveries").statusCode());
    KinoraClient stranger = new KinoraClient(client.vertx(), node.httpPort());
    try {
      assertEquals(401, stranger.get("/api/me/webhooks").statusCode());
      assertEquals(401, stranger.postJson("/api/me/webhooks", new JsonObject().put("url", receiver.url("/x"))).statusCode());
    } finally {
      stranger.close();
    }

    String alicesVideo = alice.createVideo("alice.mp4");
    assertEquals(204, alice.delete("/api/videos/" + alicesVideo).statusCode());
    assertEquals(alicesVideo, receiver.next(alicePath, FIRST).json().getJsonObject("data").getJsonObject("video")
        .getString("id"));
    String bobsVideo = bob.createVideo("bob.mp4");
    assertEquals(204, bob.delete("/api/videos/" + bobsVideo).statusCode());
    // bob's endpoint hears of bob's video first and of nothing else
    assertEquals(bobsVideo, receiver.next(bobPath, FIRST).json().getJsonObject("data").getJsonObject("video")
        .getString("id"));
    assertNull(receiver.maybeNext(bobPath, Duration.ofSeconds(2)));
    assertNull(receiver.maybeNext(alicePath, Duration.ofMillis(100)));

    assertEquals(204, alice.delete("/api/me/webhooks/" + aliceId).statusCode());
    assertEquals(404, alice.delete("/api/me/webhooks/" + aliceId).statusCode());
    assertEquals(0, alice.get("/api/me/webhooks").bodyAsJsonObject().getJsonArray("items").size());
    // an endpoint alice registers now hears of her next video: by then the deleted one would have been sent it too
    String keptPath = newPath();
    register(alice, receiver.url(keptPath));
    String later = alice.createVideo("after.mp4");
    assertEquals(204, alice.delete("/api/videos/" + later).statusCode());
    assertEquals(later, receiver.next(keptPath, FIRST).json().getJsonObject("data").getJsonObject("video").getString("id"));
    assertNull(receiver.maybeNext(alicePath, Duration.ofSeconds(1)), "a deleted endpoint gets nothing more");
  }

  @Test
  void aDeletedAccountsEndpointsGetNothingMoreAndAreRemoved() throws Exception {
    KinoraClient frank = newPerson();
    String path = newPath();
    String endpointId = register(frank, receiver.url(path)).getString("id");
    String userId = frank.get("/api/me").bodyAsJsonObject().getString("id");
    assertEquals(204, client.delete("/api/admin/users/" + userId).statusCode(), "the shared node's first account is its admin");

    // a delivery still due for the endpoint, as one queued just before the account went
    String deliveryId = "evt_" + "A".repeat(22) + "." + endpointId;
    redis.cli("HSET", "kinora:webhooks:delivery:" + deliveryId, "id", deliveryId, "endpointId", endpointId,
        "eventId", "evt_" + "A".repeat(22), "type", "video.deleted", "body", "{}",
        "windowStart", Long.toString(System.currentTimeMillis()), "attempts", "0", "state", "pending", "claim", "");
    redis.cli("ZADD", "kinora:webhooks:due", Long.toString(System.currentTimeMillis()), deliveryId);

    Await.until(FIRST, "the endpoint of the deleted account to be removed",
        () -> "0".equals(redis.cli("EXISTS", "kinora:webhook:" + endpointId).trim()));
    assertEquals("0", redis.cli("ZCARD", "kinora:user:" + userId + ":webhooks").trim());
    assertEquals("", redis.cli("ZSCORE", "kinora:webhooks:due", deliveryId).trim(), "the delivery is no longer due");
    assertNull(receiver.maybeNext(path, Duration.ofSeconds(1)), "nothing was sent");
  }

  @Test
  void urlsAreCheckedAndEndpointsAreCounted() throws Exception {
    KinoraClient carol = newPerson();
    assertRefused(carol, "ftp://example.com/hook", "https://");
    assertRefused(carol, "https://user:secret@example.com/hook", "user name or password");
    assertRefused(carol, "https://no-such-host.invalid/hook", "could not be found");
    assertEquals(400, carol.postJson("/api/me/webhooks", new JsonObject()).statusCode());
    assertEquals(400, carol.postJson("/api/me/webhooks", new JsonObject().put("url", 42)).statusCode());
    int max = node.config().webhooks().maxEndpoints();
    for (int i = 0; i < max; i++) {
      register(carol, receiver.url(newPath()));
    }
    HttpResponse<Buffer> over = carol.postJson("/api/me/webhooks", new JsonObject().put("url", receiver.url(newPath())));
    assertEquals(409, over.statusCode(), over.bodyAsString());
    assertTrue(over.bodyAsJsonObject().getString("error").contains("delete one first"), over.bodyAsString());
  }

  @Test
  void eachEventIsQueuedOnceByTwoNodesAndADeliveryOutlivesThem() throws Exception {
    Vertx vertx = Vertx.vertx(); // one event bus for both nodes: every publish reaches both, as in a cluster
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> settings = Map.of("KINORA_WEBHOOK_ALLOW_PRIVATE", "true", "KINORA_TRANSCODE_SLOTS", "0");
      TestNode first = TestNode.start(vertx, redis, settings);
      TestNode second = TestNode.start(vertx, redis, settings);
      KinoraClient dave = KinoraClient.signedUp(vertx, first.httpPort());
      String path = newPath();
      JsonObject endpoint = register(dave, receiver.url(path));
      receiver.answer(path, 500);
      String id = dave.createVideo("restart.mp4");
      assertEquals(204, dave.delete("/api/videos/" + id).statusCode());
      WebhookReceiver.Received failed = receiver.next(path, FIRST);
      awaitLog(dave, endpoint.getString("id"), items -> items.size() == 1);

      // the retry is due in 10 s: no node is left to send it
      dave.close();
      first.close();
      second.close();
      TestNode third = TestNode.start(vertx, redis, settings);
      KinoraClient again = new KinoraClient(vertx, third.httpPort()).withToken(dave.token());
      try {
        WebhookReceiver.Received delivered = receiver.next(path, RETRY);
        assertEquals(failed.eventId(), delivered.eventId());
        assertTrue(delivered.signedWith(endpoint.getString("secret")));
        JsonObject last = awaitLog(again, endpoint.getString("id"), items -> items.size() == 2).getJsonObject(0);
        assertEquals("delivered", last.getString("outcome"));
        assertEquals(2, last.getInteger("attempt"));
        assertNull(receiver.maybeNext(path, Duration.ofSeconds(2)),
            "two nodes heard the event and queued it once: one first attempt, one retry, nothing else");
      } finally {
        again.close();
        third.close();
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void privateAddressesAreRefusedByDefaultAtRegistrationAndAtDelivery() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (RedisServer redis = RedisServer.start()) {
      // an endpoint registered while private destinations were allowed...
      TestNode open = TestNode.start(vertx, redis, Map.of("KINORA_WEBHOOK_ALLOW_PRIVATE", "true",
          "KINORA_TRANSCODE_SLOTS", "0"));
      KinoraClient erin = KinoraClient.signedUp(vertx, open.httpPort());
      String path = newPath();
      String endpointId = register(erin, receiver.url(path)).getString("id");
      open.close();
      // ...and a node with the default
      Map<String, String> strict = new HashMap<>(Map.of("KINORA_TRANSCODE_SLOTS", "0"));
      TestNode node = TestNode.start(vertx, redis, strict);
      KinoraClient client = new KinoraClient(vertx, node.httpPort()).withToken(erin.token());
      try {
        assertFalse(node.config().webhooks().allowPrivate());
        assertRefused(client, "http://127.0.0.1:" + receiver.port() + "/hook", "loopback");
        assertRefused(client, "http://169.254.169.254/latest/meta-data/", "metadata");
        assertRefused(client, "http://[::1]:" + receiver.port() + "/hook", "loopback");
        assertRefused(client, "http://10.1.2.3/hook", "private");
        assertRefused(client, "http://192.168.0.10/hook", "private");
        assertRefused(client, "http://100.64.0.1/hook", "carrier-grade");
        assertRefused(client, "http://localhost:" + receiver.port() + "/hook", "loopback");
        assertEquals(1, client.get("/api/me/webhooks").bodyAsJsonObject().getJsonArray("items").size());

        // checked again before sending: the old endpoint now gets nothing, and the log says why
        String id = client.createVideo("strict.mp4");
        assertEquals(204, client.delete("/api/videos/" + id).statusCode());
        JsonObject refused = awaitLog(client, endpointId, items -> items.size() == 1).getJsonObject(0);
        assertEquals("retrying", refused.getString("outcome"));
        assertNull(refused.getValue("statusCode"));
        assertTrue(refused.getString("error").contains("loopback"), refused.encode());
        assertNull(receiver.maybeNext(path, Duration.ofMillis(500)), "nothing was sent");
      } finally {
        client.close();
        erin.close();
        node.close();
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void assertRefused(KinoraClient who, String url, String says) {
    HttpResponse<Buffer> refused = who.postJson("/api/me/webhooks", new JsonObject().put("url", url));
    assertEquals(400, refused.statusCode(), url + ": " + refused.bodyAsString());
    String error = refused.bodyAsJsonObject().getString("error");
    assertTrue(error.contains(says) && error.endsWith("."), url + ": " + error);
  }

  private static JsonObject register(KinoraClient who, String url) {
    HttpResponse<Buffer> made = who.postJson("/api/me/webhooks", new JsonObject().put("url", url));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject();
  }

  /** Polls the endpoint's delivery log until {@code done} holds; returns it (newest first). */
  private static JsonArray awaitLog(KinoraClient who, String endpointId, Predicate<JsonArray> done)
      throws InterruptedException {
    return Await.until(RETRY, "the delivery log of " + endpointId + " to get there", () -> {
      HttpResponse<Buffer> log = who.get("/api/me/webhooks/" + endpointId + "/deliveries");
      assertEquals(200, log.statusCode(), log.bodyAsString());
      return log.bodyAsJsonObject().getJsonArray("items");
    }, done);
  }

  private static KinoraClient newPerson() {
    return KinoraClient.signedUp(client.vertx(), node.httpPort());
  }

  private static String newPath() {
    return "/hooks/" + PATHS.incrementAndGet();
  }
}
