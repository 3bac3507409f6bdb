package io.kinora.social;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue (what channel pages, feeds and the public home list) holds exactly the videos
 * that are public and ready, and follows every change that moves a video in or out.
 */
@KinoraTest(group = KinoraTest.SOCIAL)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CatalogueIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static KinoraClient owner;
  private static String ownerId;
  private static Path clip;

  @BeforeAll
  static void start() throws Exception {
    owner = KinoraClient.signedUp(client.vertx(), node.httpPort());
    ownerId = owner.get("/api/me").bodyAsJsonObject().getString("id");
    clip = Clips.mp4(work, "listed.mp4", 320, 180, 1);
  }

  @AfterAll
  static void stop() {
    owner.close();
  }

  private static boolean listed(String id) {
    return inSet("kinora:catalogue", id) && inSet("kinora:user:" + ownerId + ":catalogue", id);
  }

  private static boolean unlisted(String id) {
    return !inSet("kinora:catalogue", id) && !inSet("kinora:user:" + ownerId + ":catalogue", id);
  }

  private static boolean inSet(String key, String id) {
    try {
      return !redis.cli("ZSCORE", key, id).isBlank();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(Duration.ofSeconds(15), what, condition::getAsBoolean);
  }

  private static String readyVideo(String visibility) throws Exception {
    String id = owner.upload(clip);
    owner.awaitReady(id);
    owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", visibility));
    return id;
  }

  @Test
  void aPublicVideoIsListedOnceReadyAtItsCreationTime() throws Exception {
    String id = owner.upload(clip);
    owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "public"));

    owner.awaitReady(id);

    await("listed", () -> listed(id));
    assertEquals(redis.cli("ZSCORE", "kinora:videos", id), redis.cli("ZSCORE", "kinora:catalogue", id));
  }

  @Test
  void aVideoStillAwaitingItsUploadIsNotListedEvenWhenPublic() throws Exception {
    String later = readyVideo("private");
    String id = owner.createVideo("waiting.mp4");

    owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "public"));
    // a change announced after it: once the catalogue has listed that one, it has handled the first
    owner.patchJson("/api/videos/" + later, new JsonObject().put("visibility", "public"));
    await("the later change handled", () -> listed(later));

    assertFalse(inSet("kinora:catalogue", id));
    assertFalse(inSet("kinora:user:" + ownerId + ":catalogue", id));
  }

  @Test
  void makingItUnlistedOrPrivateTakesItOutAndPublicPutsItBack() throws Exception {
    String id = readyVideo("public");
    await("listed", () -> listed(id));

    owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "unlisted"));
    await("out when unlisted", () -> unlisted(id));
    owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "public"));
    await("back when public", () -> listed(id));
    owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "private"));
    await("out when private", () -> unlisted(id));
  }

  @Test
  void aDeletedVideoLeavesBothLists() throws Exception {
    String id = readyVideo("public");
    await("listed", () -> listed(id));

    assertEquals(204, owner.delete("/api/videos/" + id).statusCode());

    await("gone from both lists", () -> unlisted(id));
  }

  @Test
  void theFirstStartOfAnOlderDeploymentFillsTheCatalogueThroughAMigration() throws Exception {
    String id = readyVideo("public");
    await("listed", () -> listed(id));
    String latest = redis.cli("GET", "kinora:schema:version");
    // as if the deployment predated the catalogue and schema versions
    redis.cli("DEL", "kinora:catalogue", "kinora:user:" + ownerId + ":catalogue", "kinora:schema:version");

    try (TestNode second = TestNode.start(client.vertx(), redis, Map.of("KINORA_TRANSCODE_SLOTS", "0"))) {
      assertTrue(listed(id), "filled from the public videos before the node serves");
      assertEquals(latest, redis.cli("GET", "kinora:schema:version"));
    }
  }

  @Test
  void aFillThatAnOlderReleaseMarkedDoneButCutShortIsCompletedAndItsFlagDropped() throws Exception {
    String id = readyVideo("public");
    await("listed", () -> listed(id));
    // the release before schema versions set its flag first, then filled: a node stopped half-way left this
    redis.cli("DEL", "kinora:catalogue", "kinora:user:" + ownerId + ":catalogue", "kinora:schema:version");
    redis.cli("SET", "kinora:catalogue:built", "1");

    try (TestNode second = TestNode.start(client.vertx(), redis, Map.of("KINORA_TRANSCODE_SLOTS", "0"))) {
      assertTrue(listed(id));
      assertEquals("0", redis.cli("EXISTS", "kinora:catalogue:built"), "nothing reads the old flag any more");
    }
  }
}
