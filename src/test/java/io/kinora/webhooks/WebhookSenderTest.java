package io.kinora.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One attempt against real local servers: over TLS the connection goes to the checked IP while SNI,
 * the Host header and the certificate check use the URL's host; an endless answer is cut off.
 */
class WebhookSenderTest {

  private static final String HOST = "hooks.example.com";
  private static Vertx vertx;
  private static SelfSignedCertificate certificate;
  private static HttpServer tls;
  private static volatile String seen;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create(HOST);
    tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(request -> request.body().onSuccess(body -> {
          seen = "sni=" + request.connection().indicatedServerName() + " host=" + request.getHeader("Host")
              + " event=" + request.getHeader("Kinora-Event-Id") + " body=" + body;
          request.response().setStatusCode(204).end();
        }))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void tlsGoesToThePinnedAddressWithTheUrlsHostForSniAndTheCertificate() throws Exception {
    try (WebhookSender sender = new WebhookSender(vertx, Duration.ofSeconds(5), certificate.trustOptions())) {
      EndpointUrl url = EndpointUrl.parse("https://" + HOST + ":" + tls.actualPort() + "/in");
      AttemptResult result = sender.send(url, InetAddress.getByName("127.0.0.1"), "evt_1", "{\"a\":1}", "t=1,v1=00")
          .await(10, TimeUnit.SECONDS);
      assertEquals(204, result.statusCode(), String.valueOf(result.error()));
      assertEquals("sni=" + HOST + " host=" + HOST + ":" + tls.actualPort() + " event=evt_1 body={\"a\":1}", seen);

      // the same address under another name: the certificate does not match it, so nothing is sent
      EndpointUrl other = EndpointUrl.parse("https://other.example.com:" + tls.actualPort() + "/in");
      AttemptResult refused = sender.send(other, InetAddress.getByName("127.0.0.1"), "evt_2", "{}", "t=1,v1=00")
          .await(10, TimeUnit.SECONDS);
      assertEquals(0, refused.statusCode());
      assertNotNull(refused.error());
    }
  }

  @Test
  void anEndlessAnswerIsCutOffAfter64KiB() throws Exception {
    AtomicLong written = new AtomicLong();
    CompletableFuture<Long> closed = new CompletableFuture<>();
    Buffer chunk = Buffer.buffer(new byte[8192]);
    HttpServer endless = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      request.response().setChunked(true).setStatusCode(200);
      long timer = vertx.setPeriodic(5, t -> {
        if (!request.response().writeQueueFull()) {
          request.response().write(chunk);
          written.addAndGet(chunk.length());
        }
      });
      request.connection().closeHandler(v -> {
        vertx.cancelTimer(timer);
        closed.complete(written.get());
      });
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try (WebhookSender sender = new WebhookSender(vertx, Duration.ofSeconds(20))) {
      AttemptResult result = sender.send(EndpointUrl.parse("http://localhost:" + endless.actualPort() + "/"),
          InetAddress.getByName("127.0.0.1"), "evt_3", "{}", "t=1,v1=00").await(10, TimeUnit.SECONDS);
      assertEquals(200, result.statusCode());
      long bytes = closed.get(10, TimeUnit.SECONDS);
      assertTrue(bytes < 4 * 1024 * 1024, "closed after " + bytes + " bytes, well before the 20 s timeout");
    } finally {
      endless.close().await(10, TimeUnit.SECONDS);
    }
  }
}
