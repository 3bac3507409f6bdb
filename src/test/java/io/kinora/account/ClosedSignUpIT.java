package io.kinora.account;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With KINORA_SIGNUP=closed only the very first account signs itself up; then admins make accounts. */
@ExtendWith(VertxExtension.class)
class ClosedSignUpIT {

  private static final String PASSWORD = "correct horse battery";

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static Person admin;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of("KINORA_SIGNUP", "closed", "KINORA_SESSION_IDLE_SECONDS", "2"));
    admin = new Person(vertx, node.httpPort());
    HttpResponse<Buffer> first = admin.signUp("owner", PASSWORD);
    assertEquals(201, first.statusCode(), "an empty deployment always gets its administrator");
    assertEquals("admin", first.bodyAsJsonObject().getString("role"));
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
    node.close();
    redis.close();
  }

  @Test
  void aStrangerCannotSignUp() {
    Person stranger = new Person(vertx, node.httpPort());

    HttpResponse<Buffer> refused = stranger.signUp("someone", PASSWORD);

    assertEquals(403, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("ask an administrator"));
    stranger.close();
  }

  @Test
  void anAdminCreatesAccountsAndStaysSignedInAsThemselves() {
    String name = "made" + UUID.randomUUID().toString().substring(0, 6);
    // sessions here idle out after 2 s: start a fresh one
    assertEquals(200, admin.signIn("owner", PASSWORD).statusCode());

    HttpResponse<Buffer> made = admin.post("/api/account", new JsonObject().put("username", name).put("password", PASSWORD));

    assertEquals(201, made.statusCode(), made.bodyAsString());
    assertEquals("user", made.bodyAsJsonObject().getString("role"));
    assertEquals("owner", admin.get("/api/me").bodyAsJsonObject().getString("username"));
    Person newcomer = new Person(vertx, node.httpPort());
    assertEquals(200, newcomer.signIn(name, PASSWORD).statusCode());
    newcomer.close();
  }

  @Test
  void aSessionUnusedForItsIdleTimeEnds() throws Exception {
    Person idle = new Person(vertx, node.httpPort());
    assertEquals(200, idle.signIn("owner", PASSWORD).statusCode());
    assertEquals(200, idle.get("/api/me").statusCode());
    String session = RedisKeys.session(Secrets.sha256(idle.cookie("kinora_session")));
    assertEquals("1", redis.cli("EXISTS", session).trim(), "the session is kept in Redis");

    // Redis drops the session once its idle time passes unused; looking at the key does not renew it
    Await.until(Duration.ofSeconds(10), "the unused session to lapse in Redis",
        () -> "0".equals(redis.cli("EXISTS", session).trim()));

    assertEquals(401, idle.get("/api/me").statusCode());
    idle.close();
  }
}
