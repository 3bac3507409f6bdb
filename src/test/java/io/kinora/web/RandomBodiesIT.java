package io.kinora.web;

import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client mistakes are answered, never crashed on: every JSON endpoint gets a few hundred random
 * bodies (wrong types, absurd numbers, arrays for objects, deep nesting, unknown fields, broken
 * JSON, huge strings) and must answer below 500 with a JSON error. The seed is fixed, so a
 * failure names the body that caused it and repeats exactly.
 */
@KinoraTest(group = "random-bodies", settings = "KINORA_WEBHOOK_TOKEN=" + TestNode.WEBHOOK_TOKEN)
class RandomBodiesIT {

  private static final int BODIES = 150;
  private static final List<String> FIELDS = List.of("filename", "size", "title", "description", "visibility",
      "username", "password", "email", "name", "role", "disabled", "quotaBytes", "Records", "multipart");

  static KinoraClient client;
  private static String videoId;
  private static String userId;

  @BeforeAll
  static void somethingToAimAt() {
    videoId = client.createVideo("target.mp4");
    KinoraClient other = KinoraClient.signedUp(client.vertx(), client.port());
    userId = other.get("/api/me").bodyAsJsonObject().getString("id");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST /api/uploads", "PATCH /api/videos/{video}", "POST /api/me/tokens",
      "PATCH /api/admin/users/{user}", "POST /api/session", "POST /api/account", "POST /hooks/storage"})
  void randomBodiesNeverGetA5xx(String endpoint) {
    String[] parts = endpoint.split(" ");
    HttpMethod method = HttpMethod.valueOf(parts[0]);
    String path = parts[1].replace("{video}", videoId).replace("{user}", userId);
    Random random = new Random(endpoint.hashCode());
    for (int i = 0; i < BODIES; i++) {
      String body = body(random);
      var request = client.request(method, path).putHeader("Content-Type", "application/json");
      if (path.startsWith("/hooks/")) {
        request.putHeader("Authorization", "Bearer " + TestNode.WEBHOOK_TOKEN);
      }
      HttpResponse<Buffer> response = KinoraClient.await(request.sendBuffer(Buffer.buffer(body)));
      String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
      assertTrue(response.statusCode() < 500, endpoint + " answered " + response.statusCode() + " "
          + response.bodyAsString() + " to body #" + i + ": " + shown);
      if (response.statusCode() >= 400) {
        assertTrue(response.getHeader("Content-Type").startsWith("application/json"), endpoint + ": " + shown);
      }
    }
  }

  /** A random body: mostly JSON objects with known and unknown fields of any type, sometimes not JSON. */
  private static String body(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> brokenJson(random);
      case 1 -> io.vertx.core.json.Json.encode(value(random, 3));
      case 2 -> new JsonArray().add(object(random, 2)).encode();
      default -> object(random, 3).encode();
    };
  }

  private static JsonObject object(Random random, int depth) {
    JsonObject object = new JsonObject();
    int fields = random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      String field = random.nextInt(4) == 0 ? "x" + random.nextInt(1000) : FIELDS.get(random.nextInt(FIELDS.size()));
      object.put(field, value(random, depth - 1));
    }
    return object;
  }

  private static Object value(Random random, int depth) {
    return switch (random.nextInt(depth <= 0 ? 9 : 11)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> -random.nextInt(1000);
      case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(400) - 200);
      case 5 -> "";
      case 6 -> "x".repeat(random.nextInt(6000));
      case 7 -> List.of("private", "unlisted", "public", "admin", "user", "a.mp4", "correct horse battery")
          .get(random.nextInt(7));
      case 8 -> new String(Character.toChars(0x1F600 + random.nextInt(50))).repeat(random.nextInt(300));
      case 9 -> new JsonArray().add(value(random, depth - 1)).add(value(random, depth - 1));
      default -> object(random, depth - 1);
    };
  }

  private static String brokenJson(Random random) {
    return List.of("{", "{\"size\":", "[1,2", "nul", "{\"title\":\"unterminated}", "\u0000\u0001", "{}}", "",
        "{\"size\":1e999999}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}").get(random.nextInt(10));
  }
}
