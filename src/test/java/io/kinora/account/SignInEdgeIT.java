package io.kinora.account;

import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in edge as an attacker tries it: a parallel crowd of guesses, guesses spread over many
 * addresses behind the edge, a cross-site form posting a sign-in, and parallel writes racing a
 * cap (tokens) or an invariant (the last admin). The node trusts 127.0.0.1 as its edge, so each
 * test picks the client address it speaks from with {@code X-Forwarded-For}.
 */
@ExtendWith(VertxExtension.class)
@Tag("alone")
class SignInEdgeIT {

  private static final String PASSWORD = "correct horse battery";
  private static final String ADMIN = "root";

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private final List<Person> people = new ArrayList<>();

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    redis = RedisServer.start();
    // passwords at the product's own cost: one test compares a refusal with the time of one hash
    node = TestNode.start(vertx, redis, Map.of("KINORA_TRUSTED_PROXIES", "127.0.0.1/32",
        "KINORA_PASSWORD_MEMORY_KIB", "19456", "KINORA_PASSWORD_PASSES", "2"));
    Person first = new Person(vertx, node.httpPort()).withHeader("X-Forwarded-For", "198.51.100.1");
    assertEquals(201, first.signUp(ADMIN, PASSWORD).statusCode(), "the first account");
    first.close();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    redis.close();
  }

  @AfterEach
  void closeClients() {
    people.forEach(Person::close);
  }

  /** Someone at this client address, behind the trusted edge. */
  private Person from(String address) {
    Person p = new Person(vertx, node.httpPort()).withHeader("X-Forwarded-For", address);
    people.add(p);
    return p;
  }

  private static String newName() {
    return "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Person newAccount(String address) {
    Person p = from(address);
    assertEquals(201, p.signUp(newName(), PASSWORD).statusCode());
    return p;
  }

  private static String idOf(Person p) {
    return p.get("/api/me").bodyAsJsonObject().getString("id");
  }

  private static List<HttpResponse<Buffer>> all(List<Future<HttpResponse<Buffer>>> sent) throws Exception {
    return Future.all(sent).await(60, TimeUnit.SECONDS).list();
  }

  private static long count(List<HttpResponse<Buffer>> answers, int status) {
    return answers.stream().filter(r -> r.statusCode() == status).count();
  }

  @Test
  void aParallelCrowdOfWrongPasswordsIsRefusedBeyondTheLimit() throws Exception {
    String victim = newName();
    assertEquals(201, from("198.51.100.2").signUp(victim, PASSWORD).statusCode());
    Person crowd = from("203.0.113.7");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      sent.add(crowd.sendAsync("POST", "/api/session",
          new JsonObject().put("username", victim).put("password", "wrong guess " + i)));
    }

    List<HttpResponse<Buffer>> answers = all(sent);

    long refused = count(answers, 401);
    assertTrue(refused <= SignInThrottle.PER_ACCOUNT_ADDRESS,
        refused + " guesses were checked; at most " + SignInThrottle.PER_ACCOUNT_ADDRESS + " may be");
    assertEquals(60 - refused, count(answers, 429), "every other guess is throttled before any hash");
  }

  @Test
  void theRightPasswordFromAnotherAddressStillSignsInAfterACrowdGuessedFromOne() throws Exception {
    String victim = newName();
    assertEquals(201, from("198.51.100.3").signUp(victim, PASSWORD).statusCode());
    Person crowd = from("203.0.113.8");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(crowd.sendAsync("POST", "/api/session",
          new JsonObject().put("username", victim).put("password", "wrong guess " + i)));
    }
    all(sent);

    assertEquals(200, from("198.51.100.4").signIn(victim, PASSWORD).statusCode());
  }

  @Test
  void failedSignInsFromManyForwardedAddressesDoNotLockOutAnother() {
    for (int i = 0; i < SignInThrottle.PER_ADDRESS + 5; i++) {
      assertEquals(401, from("192.0.2." + (i + 1)).signIn(newName(), "some password " + i).statusCode());
    }

    assertEquals(200, from("198.51.100.5").signIn(ADMIN, PASSWORD).statusCode());
  }

  @Test
  void oneForwardedAddressGuessingManyNamesIsThrottledAloneByItsRealAddress() {
    Person guesser = from("192.0.2.200");
    for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
      assertEquals(401, guesser.signIn(newName(), "some password " + i).statusCode());
    }

    assertEquals(429, guesser.signIn(newName(), "another password").statusCode());
    assertEquals(200, from("198.51.100.6").signIn(ADMIN, PASSWORD).statusCode());
  }

  @Test
  void signUpsForATakenNameAreRefusedWithoutQueueingForTheHashingThreads() throws Exception {
    // what one password hash costs here: an unknown name's sign-in spends one
    long oneHash = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      assertEquals(401, from("198.51.100.20").signIn(newName(), "some password").statusCode());
      oneHash = Math.min(oneHash, System.nanoTime() - start);
    }
    Person crowd = from("198.51.100.21");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();

    long start = System.nanoTime();
    for (int i = 0; i < 60; i++) {
      sent.add(crowd.sendAsync("POST", "/api/account", new JsonObject().put("username", ADMIN)
          .put("password", "a long enough password " + i)));
    }
    List<HttpResponse<Buffer>> answers = all(sent);
    long elapsed = System.nanoTime() - start;

    assertEquals(60, count(answers, 409));
    // hashing each would take about 30 hashes' time on the two hashing threads
    assertTrue(elapsed < 10 * oneHash, "60 refusals took " + elapsed / 1_000_000 + " ms; one hash "
        + oneHash / 1_000_000 + " ms");
  }

  @Test
  void aSignInPostedAsPlainTextIsRefusedSoAFormOnAnotherSiteCannotSendIt() {
    String body = new JsonObject().put("username", ADMIN).put("password", PASSWORD).encode();

    HttpResponse<Buffer> plain = from("198.51.100.7").postRaw("/api/session", "text/plain", body);

    assertEquals(415, plain.statusCode());
    assertEquals(null, plain.getHeader("Set-Cookie"), "no session is started");
    assertEquals(415, from("198.51.100.7").postRaw("/api/session", "application/x-www-form-urlencoded",
        "username=root&password=x").statusCode());
    assertEquals(200, from("198.51.100.7").postRaw("/api/session", "application/json; charset=UTF-8", body)
        .statusCode());
  }

  @Test
  void parallelTokenCreationsStopAtTheCap() throws Exception {
    Person owner = newAccount("198.51.100.8");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      sent.add(owner.sendAsync("POST", "/api/me/tokens", new JsonObject().put("name", "script " + i)));
    }

    List<HttpResponse<Buffer>> answers = all(sent);

    assertEquals(TokenStore.MAX_TOKENS_PER_USER, count(answers, 201));
    assertEquals(80 - TokenStore.MAX_TOKENS_PER_USER, count(answers, 409));
    assertEquals(TokenStore.MAX_TOKENS_PER_USER,
        owner.get("/api/me/tokens").bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
    Person root = from("198.51.100.9");
    assertEquals(200, root.signIn(ADMIN, PASSWORD).statusCode());
    for (int round = 0; round < 10; round++) {
      Person a = newAccount("198.51.100.10");
      Person b = newAccount("198.51.100.11");
      String aId = idOf(a);
      String bId = idOf(b);
      assertEquals(200, root.patch("/api/admin/users/" + aId, new JsonObject().put("role", "admin")).statusCode());
      assertEquals(200, root.patch("/api/admin/users/" + bId, new JsonObject().put("role", "admin")).statusCode());
      // root steps down, so a and b are the only admins; then each demotes the other at once
      assertEquals(200, a.patch("/api/admin/users/" + idOf(root), new JsonObject().put("role", "user")).statusCode());

      List<HttpResponse<Buffer>> answers = all(List.of(
          a.sendAsync("PATCH", "/api/admin/users/" + bId, new JsonObject().put("role", "user")),
          b.sendAsync("PATCH", "/api/admin/users/" + aId, new JsonObject().put("role", "user"))));

      assertEquals(1, count(answers, 200), "round " + round + ": one demotion wins");
      // the other would leave no admin (409), or its sender was demoted before it was heard (403)
      assertEquals(1, count(answers, 409) + count(answers, 403), "round " + round);
      Person survivor = a.get("/api/me").bodyAsJsonObject().getString("role").equals("admin") ? a : b;
      assertEquals(200, survivor.patch("/api/admin/users/" + idOf(root), new JsonObject().put("role", "admin"))
          .statusCode());
      assertEquals(200, root.patch("/api/admin/users/" + idOf(survivor), new JsonObject().put("role", "user"))
          .statusCode());
    }
  }
}
