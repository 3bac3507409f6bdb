package io.kinora.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking HTTP client for tests (called from the JUnit thread, never an event loop), with
 * the upload and wait steps most tests share. {@link #signedUp} makes one that acts for a new
 * account through its API token (uploading needs an account); requests to absolute URLs
 * (presigned storage) never carry the token.
 */
public final class KinoraClient {

  /** Long enough for any clip the tests make to go through the test ladder on a busy machine. */
  public static final Duration PROCESSING = Duration.ofSeconds(120);
  private static final long TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final WebClient http;
  private final int port;
  private String token;
  private String username;

  /** A client for a new account (the deployment's admin if it is the first): signs up, then uses an API token. */
  public static KinoraClient signedUp(Vertx vertx, int port) {
    KinoraClient client = new KinoraClient(vertx, port);
    client.username = "tester" + Long.toHexString(System.nanoTime());
    return client.withToken(Accounts.newToken(client.http, client.username));
  }

  /** The account this client acts for, or null when signed out. */
  public String username() {
    return username;
  }

  /** A fresh browser session of this client's account: the cookies a signed-in browser holds. */
  public Map<String, String> browserSession() {
    return Accounts.signIn(http, username);
  }

  /** A signed-out client: what a stranger with a link sees. */
  public KinoraClient(Vertx vertx, int port) {
    this.vertx = vertx;
    // an idle pooled connection is dropped after 1 s, before any test node's idle timeout (2 s at the
    // least) closes it: otherwise a request can take a connection the node is closing at that moment
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setFollowRedirects(false).setKeepAliveTimeout(1));
    this.port = port;
  }

  /** Acts with this API token from now on. */
  public KinoraClient withToken(String token) {
    this.token = token;
    return this;
  }

  /** The API token this client acts with, or null when signed out. */
  public String token() {
    return token;
  }

  public HttpResponse<Buffer> get(String path) {
    return await(request(HttpMethod.GET, path).send());
  }

  public HttpResponse<Buffer> get(String path, String header, String value) {
    return await(request(HttpMethod.GET, path).putHeader(header, value).send());
  }

  public HttpResponse<Buffer> head(String path) {
    return await(request(HttpMethod.HEAD, path).send());
  }

  public HttpResponse<Buffer> postJson(String path, Object body) {
    return await(request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body instanceof String s ? s : ((JsonObject) body).encode())));
  }

  public HttpResponse<Buffer> post(String path) {
    return await(request(HttpMethod.POST, path).send());
  }

  public HttpResponse<Buffer> patchJson(String path, JsonObject body) {
    return await(request(HttpMethod.PATCH, path).putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()));
  }

  public HttpResponse<Buffer> delete(String path) {
    return await(request(HttpMethod.DELETE, path).send());
  }

  /** Any other request to the node (with the token, if any): build it, then {@code KinoraClient.await(...)}. */
  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = http.request(method, path);
    return token == null ? request : request.putHeader("Authorization", "Bearer " + token);
  }

  /** A request to an absolute URL (a presigned storage URL, say). */
  public HttpRequest<Buffer> requestAbs(HttpMethod method, String url) {
    return http.requestAbs(method, url);
  }

  /** Opens {@code GET /api/videos/{id}/events}, resuming after {@code lastEventId} when not null. */
  public SseReader events(String id, String lastEventId) {
    return SseReader.open(vertx, port, "/api/videos/" + id + "/events", lastEventId);
  }

  /** {@code POST /api/uploads}; returns {id, uploadUrl, expiresAt}. */
  public JsonObject createUpload(String filename, long size) {
    HttpResponse<Buffer> response = postJson("/api/uploads", new JsonObject().put("filename", filename).put("size", size));
    if (response.statusCode() != 201) {
      throw new AssertionError("create upload: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** A record awaiting its upload (nothing is ever PUT): the cheapest video there is. */
  public String createVideo(String filename) {
    return createUpload(filename, 1000).getString("id");
  }

  /** PUTs the file to a presigned storage URL, as a browser would; returns the status code. */
  public int putToStorage(String url, Path file) throws IOException {
    return await(http.putAbs(url).sendBuffer(Buffer.buffer(Files.readAllBytes(file)))).statusCode();
  }

  /** The presigned flow up to completion; returns the video ID. */
  public String upload(Path file) throws IOException {
    JsonObject created = createUpload(file.getFileName().toString(), Math.max(1, Files.size(file)));
    int put = putToStorage(created.getString("uploadUrl"), file);
    if (put != 200) {
      throw new AssertionError("PUT to storage answered " + put);
    }
    complete(created.getString("id"));
    return created.getString("id");
  }

  /** {@code POST /api/videos/{id}/complete}, which must answer 202. */
  public void complete(String id) {
    HttpResponse<Buffer> complete = post("/api/videos/" + id + "/complete");
    if (complete.statusCode() != 202) {
      throw new AssertionError("complete: " + complete.statusCode() + " " + complete.bodyAsString());
    }
  }

  /** Uploads the file and waits until it is ready; returns the video JSON. */
  public JsonObject uploadReady(Path file) throws IOException, InterruptedException {
    return awaitReady(upload(file));
  }

  public JsonObject video(String id) {
    HttpResponse<Buffer> response = get("/api/videos/" + id);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET video: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** {@code total} of {@code GET /api/videos}: how many videos the node has now. */
  public long total() {
    return get("/api/videos?pageSize=1").bodyAsJsonObject().getLong("total");
  }

  /** Polls until the video is in one of {@code statuses}; fails the test after {@code timeout}. */
  public JsonObject awaitStatus(String id, Set<String> statuses, Duration timeout) throws InterruptedException {
    return Await.until(timeout, "video " + id + " to be " + statuses, () -> video(id),
        video -> statuses.contains(video.getString("status")));
  }

  /** Waits for ready or failed. */
  public JsonObject awaitDone(String id, Duration timeout) throws InterruptedException {
    return awaitStatus(id, Set.of("ready", "failed"), timeout);
  }

  /** Waits for ready or failed, within {@link #PROCESSING}. */
  public JsonObject awaitDone(String id) throws InterruptedException {
    return awaitDone(id, PROCESSING);
  }

  /** Waits until the video is ready; fails at once, with the video's JSON, if it ends failed. */
  public JsonObject awaitReady(String id) throws InterruptedException {
    JsonObject video = awaitDone(id);
    if (!"ready".equals(video.getString("status"))) {
      throw new AssertionError("video " + id + " did not become ready: " + video.encode());
    }
    return video;
  }

  /** The first signed segment URL of a rendition's playlist (a path with its query). */
  public String firstSegment(String id, String rendition) {
    HttpResponse<Buffer> playlist = get("/api/videos/" + id + "/renditions/" + rendition + ".m3u8");
    if (playlist.statusCode() != 200) {
      throw new AssertionError(rendition + " playlist: " + playlist.statusCode() + " " + playlist.bodyAsString());
    }
    return playlist.bodyAsString().lines().filter(l -> l.startsWith("/media/")).findFirst()
        .orElseThrow(() -> new AssertionError("no segment in " + playlist.bodyAsString()));
  }

  /** Blocks the test thread (never an event loop) for at most {@link #TIMEOUT_SECONDS}. */
  public static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /** The Vert.x this client runs on (to make another client beside it). */
  public io.vertx.core.Vertx vertx() {
    return vertx;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public void close() {
    http.close();
  }
}
