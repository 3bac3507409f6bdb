package io.kinora.ops;

import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics}: Prometheus text with Vert.x's, the JVM's and Kinora's own metrics, moving
 * as videos are uploaded and refused, behind the bearer token when one is set. The node runs on a
 * Vert.x built with Micrometer, as {@code Main} builds it.
 */
class MetricsIT {

  private static final String TOKEN = "test-metrics-token";

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static KinoraClient client;

  @BeforeAll
  static void start() throws Exception {
    PrometheusMeterRegistry registry = KinoraMetrics.withJvmMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of("KINORA_METRICS_TOKEN", TOKEN), new KinoraMetrics(registry));
    client = KinoraClient.signedUp(vertx, node.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    redis.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static String scrape() {
    HttpResponse<Buffer> response = client.get("/metrics", "Authorization", "Bearer " + TOKEN);
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
    return response.bodyAsString();
  }

  /** The value of the first sample whose line starts with {@code series}, or 0 when absent. */
  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void withoutTheTokenTheMetricsAreRefused() {
    assertEquals(401, client.get("/metrics").statusCode());
    assertEquals(401, client.get("/metrics", "Authorization", "Bearer wrong").statusCode());
  }

  @Test
  void vertxJvmAndKinoraMetricsAreExposed() {
    String text = scrape();
    for (String name : new String[] {"vertx_http_server_requests_total", "jvm_memory_used_bytes",
        "kinora_queue_depth", "kinora_jobs_running", "kinora_sse_connections", "kinora_upload_bytes_total",
        "kinora_signin_failures_total"}) {
      assertTrue(text.contains(name), name + " is missing from /metrics");
    }
  }

  @Test
  void anUploadThatBecomesReadyMovesTheUploadAndTranscodeMetrics() throws Exception {
    String before = scrape();
    client.uploadReady(Clips.shortClip());

    String after = scrape();
    assertTrue(value(after, "kinora_upload_bytes_total") > value(before, "kinora_upload_bytes_total"));
    assertTrue(value(after, "kinora_transcode_duration_seconds_count{outcome=\"ready\"}")
        > value(before, "kinora_transcode_duration_seconds_count{outcome=\"ready\"}"), after);
    assertTrue(value(after, "kinora_time_to_playable_seconds_count") > value(before, "kinora_time_to_playable_seconds_count"),
        "the run was playable before it was ready: " + after);
  }

  @Test
  void refusedSignedUrlsAndSignInsAreCounted() {
    String before = scrape();
    client.get("/media/AAAAAAAAAAAAAAAAAAAAAA/360p/seg_00001.ts?expires=1&sig=x");
    client.postJson("/api/session", "{\"username\":\"nobody\",\"password\":\"not the password\"}");

    String after = scrape();
    assertTrue(value(after, "kinora_signed_url_rejections_total{status=\"403\"}")
        > value(before, "kinora_signed_url_rejections_total{status=\"403\"}"), after);
    assertTrue(value(after, "kinora_signin_failures_total") > value(before, "kinora_signin_failures_total"));
  }
}
