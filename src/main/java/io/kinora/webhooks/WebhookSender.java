package io.kinora.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Sends one signed POST to an address already checked: the connection goes to that IP while the
 * Host header (and TLS SNI and certificate check) use the URL's host. Redirects are never followed,
 * the whole attempt is bounded by the timeout, and at most {@link #MAX_BODY_BYTES} of the answer
 * are read before the connection is closed: only the status matters.
 */
final class WebhookSender implements AutoCloseable {

  static final int MAX_BODY_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final HttpClient client;
  private final Duration timeout;

  WebhookSender(Vertx vertx, Duration timeout) {
    this(vertx, timeout, null);
  }

  /** {@code trust}: certificates to trust instead of the JDK's (tests with a self-signed receiver). */
  WebhookSender(Vertx vertx, Duration timeout, TrustOptions trust) {
    this.vertx = vertx;
    this.timeout = timeout;
    // no keep-alive: every attempt connects to the address checked for it, never to a pooled one
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(false).setVerifyHost(true)
        .setConnectTimeout((int) timeout.toMillis()).setMaxRedirects(0);
    if (trust != null) {
      options.setTrustOptions(trust);
    }
    this.client = vertx.createHttpClient(options);
  }

  /** Never fails: a refused connection, a timeout or a reset is an {@link AttemptResult#error}. */
  Future<AttemptResult> send(EndpointUrl url, InetAddress address, String eventId, String body, String signature) {
    long started = System.nanoTime();
    Promise<AttemptResult> done = Promise.promise();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
        .setHost(url.host())
        .setPort(url.port())
        .setSsl(url.https())
        .setURI(url.requestUri())
        .setFollowRedirects(false)
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", "Kinora-Webhooks/1")
        .putHeader("Kinora-Event-Id", eventId)
        .putHeader(WebhookSignature.HEADER, signature);
    HttpClientRequest[] sent = new HttpClientRequest[1];
    // the whole exchange, body included, is bounded: a receiver that trickles is cut off
    long timer = vertx.setTimer(timeout.toMillis(), t -> {
      done.tryComplete(AttemptResult.error("no answer within " + timeout.toSeconds() + " s", millisSince(started)));
      if (sent[0] != null) {
        sent[0].reset();
      }
    });
    client.request(options)
        .compose(request -> {
          sent[0] = request;
          return request.send(Buffer.buffer(body));
        })
        .onSuccess(response -> {
          done.tryComplete(AttemptResult.status(response.statusCode(), millisSince(started)));
          long[] read = {0};
          response.exceptionHandler(err -> { });
          response.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > MAX_BODY_BYTES) {
              // a receiver streaming a huge answer gets cut off; the status was all we needed
              response.request().connection().close();
            }
          });
          response.endHandler(v -> vertx.cancelTimer(timer));
        })
        .onFailure(err -> {
          vertx.cancelTimer(timer);
          done.tryComplete(AttemptResult.error(describe(err), millisSince(started)));
        });
    return done.future();
  }

  private static String describe(Throwable err) {
    String message = err.getMessage();
    return message == null || message.isBlank() ? err.getClass().getSimpleName() : message;
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  @Override
  public void close() {
    client.close();
  }
}
