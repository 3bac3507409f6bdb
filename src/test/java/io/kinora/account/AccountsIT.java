package io.kinora.account;

import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts, sessions and tokens against real Redis, on two nodes sharing it: what one node
 * decides (a session, a sign-out, a revoked token) holds on the other.
 */
@ExtendWith(VertxExtension.class)
@Tag("fast")
class AccountsIT {

  private static final String PASSWORD = "correct horse battery";
  private static final String ADMIN = "root";

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static TestNode otherNode;
  private final List<Person> people = new ArrayList<>();

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of());
    otherNode = TestNode.start(vertx, redis, Map.of("KINORA_TRANSCODE_SLOTS", "0"));
    Person first = new Person(vertx, node.httpPort());
    assertEquals(201, first.signUp(ADMIN, PASSWORD).statusCode(), "the first account");
    first.close();
  }

  @AfterAll
  static void stop() throws Exception {
    otherNode.close();
    node.close();
    redis.close();
  }

  @AfterEach
  void closeClients() {
    people.forEach(Person::close);
  }

  private Person person() {
    return person(node);
  }

  private Person person(TestNode on) {
    Person p = new Person(vertx, on.httpPort());
    people.add(p);
    return p;
  }

  private static String newName() {
    return "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A signed-up person, signed in with a session cookie; returns them. */
  private Person signedUp(String username) {
    Person p = person();
    HttpResponse<Buffer> created = p.signUp(username, PASSWORD);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return p;
  }

  @Test
  void theFirstAccountIsTheAdmin() {
    HttpResponse<Buffer> signedIn = person().signIn(ADMIN, PASSWORD);

    assertEquals(200, signedIn.statusCode());
    assertEquals("admin", signedIn.bodyAsJsonObject().getString("role"));
  }

  @Test
  void laterAccountsAreUsersAndSignedInAtOnce() {
    String name = newName();
    Person p = person();

    HttpResponse<Buffer> created = p.signUp(name, PASSWORD);

    assertEquals(201, created.statusCode());
    assertEquals("user", created.bodyAsJsonObject().getString("role"));
    assertEquals(name, created.bodyAsJsonObject().getString("username"));
    JsonObject me = p.get("/api/me").bodyAsJsonObject();
    assertEquals(name, me.getString("username"));
    assertEquals(10L * 1024 * 1024 * 1024, me.getLong("quotaBytes"));
    assertEquals(0L, me.getLong("usedBytes"));
  }

  @Test
  void theSessionCookieIsHttpOnlyAndLaxAndTheCsrfCookieIsReadableByScripts() {
    HttpResponse<Buffer> created = person().signUp(newName(), PASSWORD);

    String session = created.cookies().stream().filter(c -> c.startsWith("kinora_session=")).findFirst().orElseThrow();
    String csrf = created.cookies().stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
    assertTrue(session.contains("HTTPOnly") || session.contains("HttpOnly"), session);
    assertTrue(session.contains("SameSite=Lax"), session);
    assertFalse(csrf.contains("HTTPOnly") || csrf.contains("HttpOnly"), csrf);
    assertTrue(csrf.contains("SameSite=Lax"), csrf);
  }

  @Test
  void signedOutCallersAreToldToSignIn() {
    HttpResponse<Buffer> me = person().get("/api/me");

    assertEquals(401, me.statusCode());
    assertTrue(me.bodyAsJsonObject().getString("error").contains("Sign in"));
  }

  @Test
  void aTakenNameIsRefusedWhateverItsLetterCase() {
    String name = newName();
    signedUp(name);

    HttpResponse<Buffer> again = person().signUp(name.toUpperCase(java.util.Locale.ROOT), PASSWORD);

    assertEquals(409, again.statusCode());
  }

  @Test
  void aShortPasswordIsRefusedWithTheRule() {
    HttpResponse<Buffer> refused = person().signUp(newName(), "short");

    assertEquals(400, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("at least 10 characters"));
  }

  @Test
  void aUsernameWithOtherCharactersIsRefusedWithTheRule() {
    HttpResponse<Buffer> refused = person().signUp("no spaces please", PASSWORD);

    assertEquals(400, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("3 to 32 characters"));
  }

  @Test
  void anUnknownNameAndAWrongPasswordGetTheSameAnswer() {
    String name = newName();
    signedUp(name);

    HttpResponse<Buffer> wrongPassword = person().signIn(name, "not the password at all");
    HttpResponse<Buffer> unknownName = person().signIn(newName(), PASSWORD);

    assertEquals(401, wrongPassword.statusCode());
    assertEquals(401, unknownName.statusCode());
    assertEquals(wrongPassword.bodyAsString(), unknownName.bodyAsString());
  }

  @Test
  void signingInStartsANewSession() {
    String name = newName();
    Person p = signedUp(name);
    String before = p.cookie("kinora_session");

    assertEquals(200, p.signIn(name, PASSWORD).statusCode());

    assertNotNull(p.cookie("kinora_session"));
    assertNotEquals(before, p.cookie("kinora_session"));
  }

  @Test
  void aCookieWriteWithoutTheCsrfHeaderIsForbidden() {
    Person p = signedUp(newName()).withoutCsrfHeader();

    HttpResponse<Buffer> forged = p.post("/api/me/tokens", new JsonObject().put("name", "forged"));

    assertEquals(403, forged.statusCode());
    assertTrue(forged.bodyAsJsonObject().getString("error").contains("X-XSRF-TOKEN"));
  }

  @Test
  void aCookieWriteWithTheCsrfHeaderIsAllowed() {
    Person p = signedUp(newName());

    assertEquals(201, p.post("/api/me/tokens", new JsonObject().put("name", "laptop")).statusCode());
  }

  @Test
  void aTokenIsShownOnceAndListedWithoutItsSecret() {
    Person p = signedUp(newName());

    JsonObject made = p.post("/api/me/tokens", new JsonObject().put("name", "ci")).bodyAsJsonObject();
    JsonArray listed = p.get("/api/me/tokens").bodyAsJsonObject().getJsonArray("items");

    assertTrue(made.getString("token").startsWith("kinora_"));
    assertEquals(1, listed.size());
    assertEquals(made.getString("id"), listed.getJsonObject(0).getString("id"));
    assertEquals("ci", listed.getJsonObject(0).getString("name"));
    assertNull(listed.getJsonObject(0).getString("token"));
    assertFalse(listed.encode().contains(made.getString("token")));
  }

  @Test
  void aBearerTokenWorksOnAnyNodeWithoutACsrfToken() {
    String name = newName();
    String token = signedUp(name).post("/api/me/tokens", new JsonObject().put("name", "script"))
        .bodyAsJsonObject().getString("token");
    Person script = person(otherNode).withToken(token);

    assertEquals(name, script.get("/api/me").bodyAsJsonObject().getString("username"));
    assertEquals(201, script.post("/api/me/tokens", new JsonObject().put("name", "made by a script")).statusCode());
  }

  @Test
  void aRevokedTokenIsRefused() {
    Person p = signedUp(newName());
    JsonObject made = p.post("/api/me/tokens", new JsonObject().put("name", "old")).bodyAsJsonObject();

    assertEquals(204, p.delete("/api/me/tokens/" + made.getString("id")).statusCode());

    HttpResponse<Buffer> refused = person().withToken(made.getString("token")).get("/api/me");
    assertEquals(401, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("error").contains("not valid"));
  }

  @Test
  void aMistypedTokenIsRefusedRatherThanIgnored() {
    assertEquals(401, person().withToken("kinora_nonsense").get("/api/me").statusCode());
  }

  @Test
  void aSessionMadeOnOneNodeWorksOnTheOther() {
    String name = newName();
    Person here = signedUp(name);
    Person there = person(otherNode);
    there.setCookie("kinora_session", here.cookie("kinora_session"));

    assertEquals(name, there.get("/api/me").bodyAsJsonObject().getString("username"));
  }

  @Test
  void signingOutOnOneNodeEndsTheSessionOnBoth() {
    Person here = signedUp(newName());
    String session = here.cookie("kinora_session");
    Person there = person(otherNode);
    there.setCookie("kinora_session", session);

    assertEquals(204, here.delete("/api/session").statusCode());

    assertNull(here.cookie("kinora_session"), "the cookie is cleared");
    Person replay = person(otherNode);
    replay.setCookie("kinora_session", session);
    assertEquals(401, replay.get("/api/me").statusCode());
    assertEquals(401, there.get("/api/me").statusCode());
  }

  @Test
  void repeatedWrongPasswordsAreThrottledWithRetryAfter() {
    String name = newName();
    signedUp(name);
    Person guesser = person();
    for (int i = 0; i < SignInThrottle.PER_ACCOUNT_ADDRESS; i++) {
      assertEquals(401, guesser.signIn(name, "guess number " + i).statusCode());
    }

    HttpResponse<Buffer> throttled = guesser.signIn(name, PASSWORD);

    assertEquals(429, throttled.statusCode(), "even the right password waits, from this address");
    assertTrue(Long.parseLong(throttled.getHeader("Retry-After")) > 0);
    assertTrue(throttled.bodyAsJsonObject().getString("error").contains("Too many failed sign-ins"));
  }
}
