package io.kinora.account;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment from before accounts: its video records have no owner. Nothing is lost: the first
 * admin owns them (in their library, counted in their usage), and the link still works signed out.
 * The first admin adopts them as they sign up; an admin who existed when the deployment was
 * upgraded adopts them through the schema migration at the first start.
 */
@ExtendWith(VertxExtension.class)
@Tag("fast")
class LegacyVideosIT {

  private static final String ID = "LegacyVideo0000000000A";
  private static final String VERSION = "kinora:schema:version";

  /** Exactly what the release before accounts wrote for a video. */
  private static void legacyVideo(RedisServer redis) throws Exception {
    redis.cli("HSET", "kinora:video:" + ID, "id", ID, "title", "Old", "description", "", "filename", "old.mp4",
        "size", "12345", "status", "failed", "progress", "0", "error", "kept for the test",
        "createdAt", "2026-11-01T00:00:00Z", "updatedAt", "2026-11-01T00:00:00Z", "seq", "3", "attempts", "1");
    redis.cli("ZADD", "kinora:videos", "1761955200000", ID);
  }

  @Test
  void theFirstAdminAdoptsVideosFromBeforeAccountsAndTheirLinksKeepWorking(Vertx vertx) throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      legacyVideo(redis);
      try (TestNode node = TestNode.start(vertx, redis, Map.of())) {
        // data without a version: the migrations ran (with no admin yet, nothing to adopt)
        assertFalse(redis.cli("GET", VERSION).isEmpty(), "the schema version is stored");
        assertEquals("0", redis.cli("EXISTS", "kinora:video:" + ID), "renamed to its hash-tagged name");
        assertEquals("Old", redis.cli("HGET", RedisKeys.video(ID), "title"));
        Person stranger = new Person(vertx, node.httpPort());
        assertEquals(200, stranger.get("/api/videos/" + ID).statusCode(), "unlisted before anyone signs up");

        Person admin = new Person(vertx, node.httpPort());
        assertEquals(201, admin.signUp("first", "correct horse battery").statusCode());

        JsonObject mine = admin.get("/api/videos").bodyAsJsonObject();
        assertTrue(mine.encode().contains(ID), mine.encode());
        assertEquals(12345L, admin.get("/api/me").bodyAsJsonObject().getLong("usedBytes"));
        JsonObject video = stranger.get("/api/videos/" + ID).bodyAsJsonObject();
        assertEquals("first", video.getJsonObject("owner").getString("username"));
        assertEquals("unlisted", video.getString("visibility"));
        stranger.close();
        admin.close();
      }
    }
  }

  @Test
  void anAdminWhoExistedAtTheUpgradeAdoptsThemAtTheFirstStartOnly(Vertx vertx) throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      try (TestNode node = TestNode.start(vertx, redis, Map.of())) {
        Person admin = new Person(vertx, node.httpPort());
        assertEquals(201, admin.signUp("first", "correct horse battery").statusCode());
        admin.close();
      }
      String latest = redis.cli("GET", VERSION);
      // as a deployment from before schema versions: an admin, and videos nobody owns
      legacyVideo(redis);
      redis.cli("DEL", VERSION);

      try (TestNode node = TestNode.start(vertx, redis, Map.of())) {
        assertEquals(latest, redis.cli("GET", VERSION), "migrated to the latest version");
        Person stranger = new Person(vertx, node.httpPort());
        JsonObject video = stranger.get("/api/videos/" + ID).bodyAsJsonObject();
        assertEquals("first", video.getJsonObject("owner").getString("username"), video.encode());
        assertEquals("unlisted", video.getString("visibility"));
        stranger.close();
      }
      // a second start (which migrates nothing) still counts the usage once
      try (TestNode node = TestNode.start(vertx, redis, Map.of())) {
        Person admin = new Person(vertx, node.httpPort());
        assertEquals(200, admin.signIn("first", "correct horse battery").statusCode());
        assertEquals(12345L, admin.get("/api/me").bodyAsJsonObject().getLong("usedBytes"));
        assertTrue(admin.get("/api/videos").bodyAsJsonObject().encode().contains(ID));
        admin.close();
      }
    }
  }
}
