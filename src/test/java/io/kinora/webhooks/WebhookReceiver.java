package io.kinora.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What an integrator runs: an HTTP server taking webhook POSTs, one queue of received requests per
 * path, answering each path's scripted statuses first (say one 500) and 200 after that. It checks
 * signatures the way a receiver would, with its own HMAC, not Kinora's code.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as the receiver saw it. */
  record Received(String method, String host, String contentType, String eventId, String signature, String body,
                  long receivedAtMillis) {

    JsonObject json() {
      return new JsonObject(body);
    }

    /** True when {@code Kinora-Signature} is {@code t=..,v1=HMAC-SHA256(secret, t + "." + body)} and t is recent. */
    boolean signedWith(String secret) throws Exception {
      if (signature == null) {
        return false;
      }
      String t = null;
      String v1 = null;
      for (String part : signature.split(",")) {
        if (part.startsWith("t=")) {
          t = part.substring(2);
        } else if (part.startsWith("v1=")) {
          v1 = part.substring(3);
        }
      }
      if (t == null || v1 == null || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) > 300) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    }
  }

  /** A scripted "status" that never answers at all. */
  static final int HANG = -1;
  /** Where scripted 3xx answers point; a sender that follows them shows up here. */
  static final String REDIRECTED = "/redirected";

  private final HttpServer server;
  private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start(Vertx vertx) throws Exception {
    WebhookReceiver[] self = new WebhookReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String path = request.path();
      self[0].queue(path).add(new Received(request.method().name(), request.getHeader("Host"),
          request.getHeader("Content-Type"), request.getHeader("Kinora-Event-Id"),
          request.getHeader("Kinora-Signature"), body.toString(StandardCharsets.UTF_8), System.currentTimeMillis()));
      Integer status;
      synchronized (self[0].scripted) {
        Deque<Integer> statuses = self[0].scripted.get(path);
        status = statuses == null ? null : statuses.poll();
      }
      if (status != null && status == HANG) {
        return; // never answers: the sender's timeout has to end it
      }
      if (status != null && status >= 300 && status < 400) {
        request.response().putHeader("Location", REDIRECTED);
      }
      request.response().setStatusCode(status == null ? 200 : status).end("thanks");
    }));
    self[0] = new WebhookReceiver(server);
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    return self[0];
  }

  int port() {
    return server.actualPort();
  }

  /** A URL under this receiver, by host name (resolved by the node) and a path of its own. */
  String url(String path) {
    return "http://localhost:" + port() + path;
  }

  /** The next requests to {@code path} are answered with these statuses ({@link #HANG}: not at all), then 200s. */
  void answer(String path, Integer... statuses) {
    synchronized (scripted) {
      scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(java.util.List.of(statuses));
    }
  }

  /** The next request to {@code path}; fails the test after {@code timeout}. */
  Received next(String path, Duration timeout) throws InterruptedException {
    Received r = queue(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no webhook reached " + path + " within " + timeout);
    }
    return r;
  }

  /** Whatever reaches {@code path} within {@code wait}, or null. */
  Received maybeNext(String path, Duration wait) throws InterruptedException {
    return queue(path).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private BlockingQueue<Received> queue(String path) {
    return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }
}
