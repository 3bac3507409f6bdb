package io.kinora.app;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.ListeningSockets;
import io.kinora.support.NodeProcess;
import io.kinora.support.Ports;
import io.kinora.support.RedisServer;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A node started by {@code Main} the README's way (embedded S3, no keys configured) whose S3 is
 * exposed to browsers on other machines ({@code KINORA_S3_PUBLIC_ENDPOINT}): anyone who read the
 * published default keys in {@code conf/kinora.json} must not get in, while the node's own
 * presigned uploads keep working.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedS3KeysIT {

  private static final String PUBLISHED_ACCESS_KEY = "kinora";
  private static final String PUBLISHED_SECRET_KEY = "kinora-local-secret";

  private static RedisServer redis;
  private static NodeProcess node;
  private static Vertx vertx;
  private static int s3Port;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startAnExposedNode() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisServer.start();
    s3Port = Ports.free();
    Map<String, String> env = Map.of(
        "KINORA_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString(),
        "KINORA_HTTP_PORT", Integer.toString(Ports.free()),
        "KINORA_CLUSTER_PORT", Integer.toString(Ports.free()),
        "KINORA_REDIS_URL", redis.url(),
        "KINORA_S3_PORT", Integer.toString(s3Port),
        "KINORA_S3_PUBLIC_ENDPOINT", "http://127.0.0.1:" + s3Port,
        "KINORA_TRANSCODE_SLOTS", "0");
    node = new NodeProcess("exposed-s3", env, dir).start().awaitMembers(1, Duration.ofSeconds(90));
    Ports.awaitOpen(s3Port, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    redis.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void thePublishedDefaultKeysAreRefusedByTheExposedS3() {
    MinioClient attacker = MinioClient.builder().endpoint("http://127.0.0.1:" + s3Port)
        .credentials(PUBLISHED_ACCESS_KEY, PUBLISHED_SECRET_KEY).region("us-east-1").build();

    ErrorResponseException refused = assertThrows(ErrorResponseException.class, attacker::listBuckets);

    assertEquals(403, refused.response().code());
  }

  @Test
  void theStandaloneS3ThatBinClusterSharesListensOnLoopbackAndRefusesThePublishedKeys() throws Exception {
    int port = Ports.free();
    Path data = Files.createDirectories(dir.resolve("standalone"));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.kinora.app.StandaloneS3")
        .redirectErrorStream(true).redirectOutput(dir.resolve("standalone.log").toFile());
    builder.environment().putAll(Map.of("KINORA_DATA_DIR", data.toString(), "KINORA_S3_PORT", Integer.toString(port)));
    Process standalone = builder.start();
    try {
      Ports.awaitOpen(port, Duration.ofSeconds(60));

      assertEquals(List.of("127.0.0.1"), ListeningSockets.addresses(port), "loopback only, as bin/cluster uses it");
      MinioClient attacker = MinioClient.builder().endpoint("http://127.0.0.1:" + port)
          .credentials(PUBLISHED_ACCESS_KEY, PUBLISHED_SECRET_KEY).region("us-east-1").build();
      assertEquals(403, assertThrows(ErrorResponseException.class, attacker::listBuckets).response().code());
    } finally {
      standalone.destroy();
      standalone.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theNodeUsesKeysOfItsOwnKeptPrivatelyInItsDataDir() throws Exception {
    Path secret = Path.of(node.dataDir(), "secrets", "s3-secret-key");

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
    Path clip = Clips.shortClip();
    JsonObject upload = client.createUpload("short.mp4", Files.size(clip));
    assertEquals(200, client.putToStorage(upload.getString("uploadUrl"), clip), "a presigned upload still works");
    client.close();
  }
}
