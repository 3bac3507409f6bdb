package io.kinora.account;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quotas, and what admins do to accounts: list, change quota and role, disable, delete. */
@ExtendWith(VertxExtension.class)
class AdminAndQuotaIT {

  private static final String PASSWORD = "correct horse battery";
  private static final long QUOTA = 200_000;

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static Person admin;
  private final List<Person> people = new ArrayList<>();

  @TempDir
  static Path work;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of("KINORA_DEFAULT_QUOTA_BYTES", Long.toString(QUOTA)));
    admin = new Person(vertx, node.httpPort());
    assertEquals(201, admin.signUp("boss", PASSWORD).statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
    node.close();
    redis.close();
  }

  @AfterEach
  void closeClients() {
    people.forEach(Person::close);
  }

  private Person newUser() {
    Person p = new Person(vertx, node.httpPort());
    people.add(p);
    assertEquals(201, p.signUp("u" + UUID.randomUUID().toString().substring(0, 8), PASSWORD).statusCode());
    return p;
  }

  private static String idOf(Person p) {
    return p.get("/api/me").bodyAsJsonObject().getString("id");
  }

  @Test
  void anUploadOverTheQuotaIsRefusedSayingWhatIsLeft() {
    Person p = newUser();

    HttpResponse<Buffer> refused = p.post("/api/uploads", new JsonObject().put("filename", "big.mp4").put("size", QUOTA + 1));

    assertEquals(413, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("195.3 KiB left"), refused.bodyAsString());
  }

  @Test
  void usageCountsUploadsAndIsGivenBackOnDelete() throws Exception {
    Person p = newUser();
    Path clip = Clips.mp4(work, "usage.mp4", 160, 90, 1);
    String id = p.upload(clip, "unlisted");

    assertEquals(Files.size(clip), p.get("/api/me").bodyAsJsonObject().getLong("usedBytes"));
    assertEquals(204, p.delete("/api/videos/" + id).statusCode());
    assertEquals(0L, p.get("/api/me").bodyAsJsonObject().getLong("usedBytes"));
  }

  @Test
  void aFileBiggerThanDeclaredCannotReachStoragePastTheQuota() throws Exception {
    Person p = newUser();
    Path big = work.resolve("bigger-than-said.bin");
    Files.write(big, new byte[(int) QUOTA + 10_000]);
    JsonObject created = p.post("/api/uploads", new JsonObject().put("filename", "liar.mp4").put("size", 1000))
        .bodyAsJsonObject();
    KinoraClient storage = new KinoraClient(vertx, node.httpPort());
    int put;
    try {
      put = storage.putToStorage(created.getString("uploadUrl"), big);
    } catch (RuntimeException cutOff) {
      put = -1; // storage refused and closed the connection mid-send
    } finally {
      storage.close();
    }
    assertTrue(put != 200, "the URL is signed for 1,000 bytes: " + put);

    assertEquals(409, p.post("/api/videos/" + created.getString("id") + "/complete", null).statusCode(),
        "nothing reached storage");
    assertEquals(1000, p.get("/api/me").bodyAsJsonObject().getLong("usedBytes"), "only the declared size is reserved");
  }

  @Test
  void anAdminSeesEveryAccountWithItsUsage() {
    Person p = newUser();
    String id = idOf(p);

    JsonObject page = admin.get("/api/admin/users?pageSize=100").bodyAsJsonObject();

    assertTrue(page.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .anyMatch(u -> u.getString("id").equals(id) && u.getLong("quotaBytes") == QUOTA && u.containsKey("usedBytes")));
  }

  @Test
  void aUserCannotUseTheAdminApi() {
    Person p = newUser();

    assertEquals(403, p.get("/api/admin/users").statusCode());
    assertEquals(403, p.patch("/api/admin/users/" + idOf(p), new JsonObject().put("role", "admin")).statusCode());
  }

  @Test
  void anAdminRaisesAQuota() {
    Person p = newUser();

    HttpResponse<Buffer> changed = admin.patch("/api/admin/users/" + idOf(p), new JsonObject().put("quotaBytes", 5_000_000));

    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(5_000_000L, p.get("/api/me").bodyAsJsonObject().getLong("quotaBytes"));
  }

  @Test
  void disablingAnAccountEndsItsSessionsAndTokens() {
    Person p = newUser();
    String token = p.post("/api/me/tokens", new JsonObject().put("name", "t")).bodyAsJsonObject().getString("token");

    assertEquals(200, admin.patch("/api/admin/users/" + idOf(p), new JsonObject().put("disabled", true)).statusCode());

    assertEquals(401, p.get("/api/me").statusCode(), "the session ended");
    Person script = new Person(vertx, node.httpPort()).withToken(token);
    people.add(script);
    assertEquals(401, script.get("/api/me").statusCode(), "the token was revoked");
  }

  @Test
  void aDisabledAccountCannotSignIn() {
    Person p = newUser();
    JsonObject me = p.get("/api/me").bodyAsJsonObject();
    admin.patch("/api/admin/users/" + me.getString("id"), new JsonObject().put("disabled", true));

    assertEquals(401, new Person(vertx, node.httpPort()).signIn(me.getString("username"), PASSWORD).statusCode());
  }

  @Test
  void deletingAnAccountRemovesItsVideos() throws Exception {
    Person p = newUser();
    String videoId = p.upload(Clips.mp4(work, "gone.mp4", 160, 90, 1), "public");

    assertEquals(204, admin.delete("/api/admin/users/" + idOf(p)).statusCode());

    assertEquals(404, admin.get("/api/videos/" + videoId).statusCode());
    assertFalse(admin.get("/api/videos?scope=public").bodyAsString().contains(videoId));
  }

  @Test
  void anAdminCannotDemoteOrDeleteThemselves() {
    String me = idOf(admin);

    assertEquals(403, admin.patch("/api/admin/users/" + me, new JsonObject().put("role", "user")).statusCode());
    assertEquals(403, admin.delete("/api/admin/users/" + me).statusCode());
  }
}
