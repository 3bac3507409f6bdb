package io.kinora.account;

import io.kinora.support.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One person with their own cookie jar, talking to a node as a browser would (session cookie,
 * and the XSRF-TOKEN cookie echoed in X-XSRF-TOKEN on writes) or as a script (a bearer token).
 * Blocking: called from the test thread.
 */
final class Person {

  /** Connections one person may hold at once: enough for every request of a parallel crowd. */
  private static final int CROWD = 100;

  private final WebClient http;
  private final Map<String, String> cookies = new HashMap<>();
  private final Map<String, String> headers = new HashMap<>();
  private String token;
  private boolean echoCsrf = true;

  Person(Vertx vertx, int port) {
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(CROWD));
  }

  /** Uses an API token instead of cookies from now on. */
  Person withToken(String token) {
    this.token = token;
    return this;
  }

  /** Stops echoing the CSRF cookie, as a forged cross-site request could not. */
  Person withoutCsrfHeader() {
    this.echoCsrf = false;
    return this;
  }

  /** Sends this header on every request from now on (e.g. the X-Forwarded-For an edge would add). */
  Person withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  HttpResponse<Buffer> get(String path) {
    return send(http.get(path), null);
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(http.post(path), body);
  }

  HttpResponse<Buffer> patch(String path, JsonObject body) {
    return send(http.patch(path), body);
  }

  /** A POST of raw bytes with this content type (none when null), as a form on another site could send. */
  HttpResponse<Buffer> postRaw(String path, String contentType, String body) {
    HttpRequest<Buffer> request = prepare(http.post(path));
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    HttpResponse<Buffer> response = await(request.sendBuffer(Buffer.buffer(body)));
    remember(response.cookies());
    return response;
  }

  /**
   * Without waiting, for a crowd of requests at once; the answer's cookies are not kept (a crowd
   * does not share a jar).
   */
  Future<HttpResponse<Buffer>> sendAsync(String method, String path, JsonObject body) {
    HttpRequest<Buffer> request = prepare(http.request(io.vertx.core.http.HttpMethod.valueOf(method), path));
    return body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer());
  }

  /** The presigned upload flow, as the browser does it; returns the new video's ID. */
  String upload(java.nio.file.Path file, String visibility) throws java.io.IOException {
    JsonObject created = post("/api/uploads", new JsonObject().put("filename", file.getFileName().toString())
        .put("size", java.nio.file.Files.size(file)).put("visibility", visibility)).bodyAsJsonObject();
    String id = created.getString("id");
    if (id == null) {
      throw new AssertionError("upload refused: " + created.encode());
    }
    HttpResponse<Buffer> put = await(http.putAbs(created.getString("uploadUrl"))
        .sendBuffer(Buffer.buffer(java.nio.file.Files.readAllBytes(file))));
    if (put.statusCode() != 200) {
      throw new AssertionError("PUT to storage answered " + put.statusCode());
    }
    HttpResponse<Buffer> complete = post("/api/videos/" + id + "/complete", null);
    if (complete.statusCode() != 202) {
      throw new AssertionError("complete: " + complete.statusCode() + " " + complete.bodyAsString());
    }
    return id;
  }

  /** Polls until the video is ready; fails with its JSON when it ends otherwise. */
  JsonObject awaitReady(String id) throws InterruptedException {
    return Await.until(java.time.Duration.ofSeconds(90), "video " + id + " to be ready", () -> {
      JsonObject video = get("/api/videos/" + id).bodyAsJsonObject();
      if ("failed".equals(video.getString("status"))) {
        throw new AssertionError("video failed: " + video.encode());
      }
      return video;
    }, video -> "ready".equals(video.getString("status")));
  }

  HttpResponse<Buffer> delete(String path) {
    return send(http.delete(path), null);
  }

  HttpResponse<Buffer> signUp(String username, String password) {
    return post("/api/account", new JsonObject().put("username", username).put("password", password));
  }

  HttpResponse<Buffer> signIn(String username, String password) {
    return post("/api/session", new JsonObject().put("username", username).put("password", password));
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    prepare(request);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer());
    HttpResponse<Buffer> response = await(sent);
    remember(response.cookies());
    return response;
  }

  private HttpRequest<Buffer> prepare(HttpRequest<Buffer> request) {
    headers.forEach(request::putHeader);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    } else if (!cookies.isEmpty()) {
      request.putHeader("Cookie", String.join("; ", cookies.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
      if (echoCsrf && cookies.containsKey("XSRF-TOKEN")) {
        request.putHeader("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
    }
    return request;
  }

  /** Keeps Set-Cookie values like a browser: an empty value with Max-Age=0 removes the cookie. */
  private void remember(List<String> setCookies) {
    for (String header : setCookies) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  void close() {
    http.close();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }
}
