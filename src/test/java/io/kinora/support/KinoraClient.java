package io.kinora.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking HTTP client for tests (called from the JUnit thread, never an event loop), with
 * the upload and wait steps most tests share.
 */
public final class KinoraClient {

  private static final long TIMEOUT_SECONDS = 30;

  private final WebClient http;
  private final int port;

  public KinoraClient(Vertx vertx, int port) {
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setFollowRedirects(false));
    this.port = port;
  }

  public HttpResponse<Buffer> get(String path) {
    return await(http.get(path).send());
  }

  public HttpResponse<Buffer> get(String path, String header, String value) {
    return await(http.get(path).putHeader(header, value).send());
  }

  public HttpResponse<Buffer> postJson(String path, Object body) {
    return await(http.post(path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body instanceof String s ? s : ((JsonObject) body).encode()))
        );
  }

  public HttpResponse<Buffer> post(String path) {
    return await(http.post(path).send());
  }

  public HttpResponse<Buffer> patchJson(String path, JsonObject body) {
    return await(http.patch(path).putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer())
        );
  }

  public HttpResponse<Buffer> delete(String path) {
    return await(http.delete(path).send());
  }

  /** {@code POST /api/uploads}; returns {id, uploadUrl, expiresAt}. */
  public JsonObject createUpload(String filename, long size) {
    HttpResponse<Buffer> response = postJson("/api/uploads", new JsonObject().put("filename", filename).put("size", size));
    if (response.statusCode() != 201) {
      throw new AssertionError("create upload: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** PUTs the file to a presigned storage URL, as a browser would; returns the status code. */
  public int putToStorage(String url, Path file) throws IOException {
    return await(http.putAbs(url).sendBuffer(Buffer.buffer(Files.readAllBytes(file)))
        ).statusCode();
  }

  /** The presigned flow up to completion; returns the video ID. */
  public String upload(Path file) throws IOException {
    JsonObject created = createUpload(file.getFileName().toString(), Math.max(1, Files.size(file)));
    int put = putToStorage(created.getString("uploadUrl"), file);
    if (put != 200) {
      throw new AssertionError("PUT to storage answered " + put);
    }
    HttpResponse<Buffer> complete = post("/api/videos/" + created.getString("id") + "/complete");
    if (complete.statusCode() != 202) {
      throw new AssertionError("complete: " + complete.statusCode() + " " + complete.bodyAsString());
    }
    return created.getString("id");
  }

  public JsonObject video(String id) {
    HttpResponse<Buffer> response = get("/api/videos/" + id);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET video: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** Polls until the video is in one of {@code statuses}; fails the test after {@code timeout}. */
  public JsonObject awaitStatus(String id, Set<String> statuses, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject video = video(id);
    while (!statuses.contains(video.getString("status"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("video " + id + " still " + video.encode() + " after " + timeout);
      }
      Thread.sleep(200);
      video = video(id);
    }
    return video;
  }

  /** Waits for ready or failed. */
  public JsonObject awaitDone(String id, Duration timeout) throws InterruptedException {
    return awaitStatus(id, Set.of("ready", "failed"), timeout);
  }

  /** Blocks the test thread (never an event loop) for at most {@link #TIMEOUT_SECONDS}. */
  public static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public void close() {
    http.close();
  }
}
