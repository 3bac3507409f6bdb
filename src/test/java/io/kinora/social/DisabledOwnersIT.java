package io.kinora.social;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator disables an account whose video is public: the video leaves every listing
 * strangers read (the public catalogue, search, someone else's public playlist), and returns when
 * the account is enabled again.
 */
@KinoraTest(group = KinoraTest.SOCIAL)
class DisabledOwnersIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static final Duration LISTED = Duration.ofSeconds(20);
  private final List<KinoraClient> people = new ArrayList<>();

  @Test
  void aDisabledAccountsPublicVideoLeavesTheCatalogueSearchAndPlaylistsAndReturns() throws Exception {
    KinoraClient owner = person(KinoraClient.signedUp(client.vertx(), node.httpPort()));
    KinoraClient curator = person(KinoraClient.signedUp(client.vertx(), node.httpPort()));
    KinoraClient stranger = person(new KinoraClient(client.vertx(), node.httpPort()));
    String word = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String id = publicVideo(owner, "Harbour " + word);
    owner.awaitReady(id);
    String playlist = curator.postJson("/api/playlists", new JsonObject().put("title", "Picks").put("visibility", "public"))
        .bodyAsJsonObject().getString("id");
    assertEquals(200, curator.postJson("/api/playlists/" + playlist + "/videos", new JsonObject().put("videoId", id))
        .statusCode());
    await("listed", () -> catalogue(stranger).contains(id) && search(stranger, word).contains(id));
    assertTrue(playlistItems(stranger, playlist).contains(id));

    // disabling revokes the owner's token, so their id is read first
    String ownerId = userId(owner);
    assertEquals(200, client.patchJson("/api/admin/users/" + ownerId, new JsonObject().put("disabled", true))
        .statusCode());

    assertFalse(catalogue(stranger).contains(id), "the public catalogue");
    assertFalse(search(stranger, word).contains(id), "search");
    assertFalse(playlistItems(stranger, playlist).contains(id), "another person's public playlist");

    assertEquals(200, client.patchJson("/api/admin/users/" + ownerId, new JsonObject().put("disabled", false))
        .statusCode());

    await("listed again", () -> catalogue(stranger).contains(id) && search(stranger, word).contains(id)
        && playlistItems(stranger, playlist).contains(id));
    people.forEach(KinoraClient::close);
  }

  @Test
  void anAccountDisabledBeforeUpgradingIsLeftOutOnceANodeStarts() throws Exception {
    KinoraClient owner = person(KinoraClient.signedUp(client.vertx(), node.httpPort()));
    KinoraClient stranger = person(new KinoraClient(client.vertx(), node.httpPort()));
    String id = publicVideo(owner, "Before the upgrade");
    owner.awaitReady(id);
    await("listed", () -> catalogue(stranger).contains(id));
    String ownerId = userId(owner);

    // as an older version disabled accounts: the flag on the account, no set, never indexed, no schema version
    redis.cli("HSET", "kinora:user:" + ownerId, "disabled", "1");
    redis.cli("DEL", "kinora:schema:version");
    assertTrue(catalogue(stranger).contains(id));
    try (TestNode started = TestNode.start(client.vertx(), redis, java.util.Map.of("KINORA_TRANSCODE_SLOTS", "0"))) {
      assertFalse(catalogue(stranger).contains(id));
      assertEquals("0", redis.cli("EXISTS", "kinora:users:disabled:indexed"), "the old flag is not left behind");
    } finally {
      assertEquals(200, client.patchJson("/api/admin/users/" + ownerId, new JsonObject().put("disabled", false))
          .statusCode());
      people.forEach(KinoraClient::close);
    }
  }

  private KinoraClient person(KinoraClient p) {
    people.add(p);
    return p;
  }

  private static String userId(KinoraClient who) {
    return who.get("/api/me").bodyAsJsonObject().getString("id");
  }

  private String publicVideo(KinoraClient owner, String title) throws Exception {
    Path clip = Clips.mp4(work, "owned.mp4", 160, 90, 1);
    HttpResponse<Buffer> created = owner.postJson("/api/uploads", new JsonObject().put("filename", "owned.mp4")
        .put("size", Files.size(clip)).put("title", title).put("visibility", "public"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");
    assertEquals(200, owner.putToStorage(created.bodyAsJsonObject().getString("uploadUrl"), clip));
    owner.complete(id);
    return id;
  }

  private static List<String> catalogue(KinoraClient who) {
    return ids(who.get("/api/videos?scope=public&pageSize=100").bodyAsJsonObject().getJsonArray("items"));
  }

  private static List<String> search(KinoraClient who, String word) {
    return ids(who.get("/api/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8)).bodyAsJsonObject()
        .getJsonArray("items"));
  }

  private static List<String> playlistItems(KinoraClient who, String playlist) {
    return ids(who.get("/api/playlists/" + playlist).bodyAsJsonObject().getJsonArray("items"));
  }

  private static List<String> ids(JsonArray items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(LISTED, what, condition::getAsBoolean);
  }
}
