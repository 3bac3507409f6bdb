package io.kinora.platform.redis;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.kinora.video.VideoStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node on Redis Sentinel (a primary, a replica, three sentinels, all real redis-server
 * processes): it finds the primary through the sentinels, waits for the replica on the writes that
 * must not be lost, and carries a transcode through the primary being killed.
 */
@Tag("long")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelIT {

  private static final String MASTER_NAME = "kinora";
  private static final Duration FAILOVER = Duration.ofSeconds(60);
  private static final Pattern WAIT_CALLS = Pattern.compile("cmdstat_wait:calls=(\\d+)");

  private static final List<RedisServer> servers = new ArrayList<>();
  private static RedisServer primary;
  private static RedisServer replica;
  private static Vertx vertx;
  private static TestNode node;
  private static KinoraClient client;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startRedisWithSentinelsAndANode() throws Exception {
    primary = started(RedisServer.start());
    replica = started(RedisServer.replicaOf(primary));
    List<String> sentinels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sentinels.add("127.0.0.1:" + started(RedisServer.sentinel(primary, MASTER_NAME, 2)).port());
    }
    Await.until(Duration.ofSeconds(30), "the replica to be in sync",
        () -> primary.cli("INFO", "replication").contains("state=online"));
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, primary, Map.of(
        "KINORA_REDIS_SENTINELS", String.join(",", sentinels),
        "KINORA_REDIS_MASTER_NAME", MASTER_NAME,
        "KINORA_JOB_LEASE_SECONDS", "10"));
    client = KinoraClient.signedUp(vertx, node.httpPort());
  }

  private static RedisServer started(RedisServer server) {
    servers.add(server);
    return server;
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    servers.forEach(RedisServer::close);
  }

  @Test
  @Order(1)
  void healthNamesThePrimaryTheSentinelsChoseAndItsReplica() {
    JsonObject redis = redisCheck();

    assertEquals("UP", redis.getString("status"), redis.encode());
    assertEquals("sentinel", redis.getString("mode"));
    assertEquals("primary", redis.getString("role"));
    assertEquals(1, redis.getInteger("replicas"));
    assertEquals("127.0.0.1:" + primary.port(), redis.getString("primary"), redis.encode());
    assertEquals("none", redis.getString("failover"));
  }

  @Test
  @Order(2)
  void aVideosCreationWaitsForTheReplicaToHaveIt() throws Exception {
    long waitsBefore = waitCalls(primary);

    String id = client.createVideo("durable.mp4");

    assertTrue(waitCalls(primary) > waitsBefore, "the creation was followed by WAIT on the primary");
    Await.until(Duration.ofSeconds(5), "the record on the replica",
        () -> replica.cli("EXISTS", RedisKeys.video(id)).equals("1"));
  }

  @Test
  @Order(3)
  void aTranscodeEndsReadyAndPlayableWhenThePrimaryIsKilledMidWay() throws Exception {
    Path clip = Clips.mp4(dir, "failover.mp4", 640, 360, 12);
    String id = client.upload(clip);
    client.awaitStatus(id, Set.of(VideoStatus.PROCESSING.wire()), Duration.ofSeconds(60));

    primary.kill();

    JsonObject ready = Await.until(Duration.ofSeconds(120), "the video to end ready or failed", () -> {
      try {
        return client.video(id);
      } catch (AssertionError unavailableDuringTheFailover) {
        return null;
      }
    }, video -> video != null && Set.of(VideoStatus.READY.wire(), VideoStatus.FAILED.wire()).contains(video.getString("status")));
    assertEquals(VideoStatus.READY.wire(), ready.getString("status"), ready.encode());
    assertEverySegmentAnswers(id, ready);
    JsonObject redis = Await.until(FAILOVER, "/health to name the new primary", RedisSentinelIT::redisCheck,
        check -> "UP".equals(check.getString("status")) && check.getString("primary") != null);
    assertNotEquals("127.0.0.1:" + primary.port(), redis.getString("primary"));
    assertEquals("127.0.0.1:" + replica.port(), redis.getString("primary"), "the replica was promoted");
  }

  private static JsonObject redisCheck() {
    HttpResponse<Buffer> health = client.get("/health");
    return health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("redis");
  }

  private static long waitCalls(RedisServer server) throws Exception {
    Matcher calls = WAIT_CALLS.matcher(server.cli("INFO", "commandstats"));
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  /** Every rendition's playlist lists segments, and every one of them answers with bytes. */
  private static void assertEverySegmentAnswers(String id, JsonObject video) {
    assertEquals(200, client.get("/api/videos/" + id + "/master.m3u8").statusCode());
    for (Object r : video.getJsonArray("renditions")) {
      String rendition = ((JsonObject) r).getString("name");
      HttpResponse<Buffer> playlist = client.get("/api/videos/" + id + "/renditions/" + rendition + ".m3u8");
      assertEquals(200, playlist.statusCode(), rendition);
      assertTrue(playlist.bodyAsString().contains("#EXT-X-ENDLIST"), rendition + " playlist is complete");
      List<String> segments = playlist.bodyAsString().lines().filter(l -> l.startsWith("/media/")).toList();
      assertTrue(segments.size() >= 2, rendition + ": " + segments);
      for (String segment : segments) {
        HttpResponse<Buffer> bytes = client.get(segment);
        assertEquals(200, bytes.statusCode(), segment);
        assertTrue(bytes.body().length() > 0, segment);
      }
    }
  }
}
