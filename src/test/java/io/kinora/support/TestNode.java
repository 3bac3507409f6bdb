package io.kinora.support;

import io.kinora.app.config.KinoraConfig;
import io.kinora.app.KinoraNode;
import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.metrics.KinoraMetrics;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole Kinora node (embedded S3, real Redis, real ffmpeg) on random ports, in this JVM.
 * Defaults favour speed: a small ladder, x264 ultrafast, no loudness normalisation, short job
 * leases, SSE heartbeats every second. Most test classes get one through {@link KinoraTest} instead of starting their own.
 */
public final class TestNode implements AutoCloseable {

  public static final String SIGNING_SECRET = "test-signing-secret";
  public static final String WEBHOOK_TOKEN = "test-webhook-token";

  private final Vertx vertx;
  private final KinoraNode node;
  private final KinoraConfig config;

  private TestNode(Vertx vertx, KinoraNode node, KinoraConfig config) {
    this.vertx = vertx;
    this.node = node;
    this.config = config;
  }

  public static TestNode start(Vertx vertx, RedisServer redis, Map<String, String> overrides) throws Exception {
    return start(vertx, redis, overrides, KinoraMetrics.standalone());
  }

  /** A node recording into {@code metrics} (built on the registry its Vert.x reports to, say). */
  public static TestNode start(Vertx vertx, RedisServer redis, Map<String, String> overrides, KinoraMetrics metrics)
      throws Exception {
    KinoraConfig config = config(redis.url(), overrides);
    KinoraNode node = KinoraNode.start(vertx, config, ClusterView.standalone(), metrics).await(90, TimeUnit.SECONDS);
    return new TestNode(vertx, node, config);
  }

  /** A test node's settings: random ports, its own data directory, the test defaults, then {@code overrides}. */
  public static KinoraConfig config(String redisUrl, Map<String, String> overrides) throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("KINORA_HTTP_PORT", Integer.toString(Ports.free()));
    settings.put("KINORA_S3_PORT", Integer.toString(Ports.free()));
    settings.put("KINORA_DATA_DIR", Files.createTempDirectory("kinora-node-").toString());
    settings.put("KINORA_REDIS_URL", redisUrl);
    settings.put("KINORA_SIGNING_SECRET", SIGNING_SECRET);
    settings.put("KINORA_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
    settings.put("KINORA_LADDER", "480,360,240");
    settings.put("KINORA_X264_PRESET", "ultrafast");
    // loudnorm costs more CPU than an ultrafast encode of a tiny clip's video, over hundreds of
    // transcodes; the tests of the audio itself switch it on (LoudnessIT, InterruptedJobContinuesIT)
    settings.put("KINORA_LOUDNESS_TARGET", "off");
    settings.put("KINORA_JOB_LEASE_SECONDS", "3");
    // an idle stream gets a comment, and a deleted video's stream ends, within a second
    settings.put("KINORA_SSE_HEARTBEAT_SECONDS", "1");
    // tests make hundreds of accounts: at OWASP's cost, hashing their passwords was half the test JVM's CPU
    settings.put("KINORA_PASSWORD_MEMORY_KIB", "1024");
    settings.put("KINORA_PASSWORD_PASSES", "1");
    settings.putAll(overrides);
    // as Main does: the embedded S3 gets the node's own keys, not the published ones
    return KinoraConfig.load(settings).withDeploymentSecrets();
  }

  /** The Vert.x the node runs on. */
  public Vertx vertx() {
    return vertx;
  }

  public KinoraConfig config() {
    return config;
  }

  public KinoraNode node() {
    return node;
  }

  public int httpPort() {
    return config.http().port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + config.http().port();
  }

  public Path dataDir() {
    return config.dataDir();
  }

  /** Where jobs and multipart uploads keep their scratch files. */
  public Path tempDir() {
    return config.tempDir();
  }

  @Override
  public void close() throws Exception {
    node.stop().await(60, TimeUnit.SECONDS);
  }
}
