package io.kinora.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.Map;

/** Making an account the way a person would, then the API token a script uses. */
final class Accounts {

  static final String PASSWORD = "correct horse battery staple";

  private Accounts() {
  }

  /** Signs {@code username} up, then makes an API token with the session (echoing the CSRF cookie). */
  static String newToken(WebClient http, String username) {
    HttpResponse<Buffer> signedUp = KinoraClient.await(http.post("/api/account").putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("username", username).put("password", PASSWORD).toBuffer()));
    if (signedUp.statusCode() != 201) {
      throw new AssertionError("sign-up: " + signedUp.statusCode() + " " + signedUp.bodyAsString());
    }
    String session = cookie(signedUp, "kinora_session");
    String csrf = cookie(signedUp, "XSRF-TOKEN");
    HttpResponse<Buffer> made = KinoraClient.await(http.post("/api/me/tokens")
        .putHeader("Content-Type", "application/json")
        .putHeader("Cookie", "kinora_session=" + session + "; XSRF-TOKEN=" + csrf)
        .putHeader("X-XSRF-TOKEN", csrf)
        .sendBuffer(new JsonObject().put("name", "tests").toBuffer()));
    if (made.statusCode() != 201) {
      throw new AssertionError("token: " + made.statusCode() + " " + made.bodyAsString());
    }
    return made.bodyAsJsonObject().getString("token");
  }

  /** Signs in with the password every test account has; returns the session and CSRF cookies. */
  static Map<String, String> signIn(WebClient http, String username) {
    HttpResponse<Buffer> signedIn = KinoraClient.await(http.post("/api/session").putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("username", username).put("password", PASSWORD).toBuffer()));
    if (signedIn.statusCode() != 200) {
      throw new AssertionError("sign-in: " + signedIn.statusCode() + " " + signedIn.bodyAsString());
    }
    return Map.of("kinora_session", cookie(signedIn, "kinora_session"), "XSRF-TOKEN", cookie(signedIn, "XSRF-TOKEN"));
  }

  private static String cookie(HttpResponse<Buffer> response, String name) {
    return response.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .map(c -> c.substring(name.length() + 1).split(";", 2)[0])
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.cookies()));
  }
}
