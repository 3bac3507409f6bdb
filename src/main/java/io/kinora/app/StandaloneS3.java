package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
import io.kinora.platform.s3.EmbeddedS3;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * The embedded S3 server on its own, for a local cluster whose nodes share one storage
 * ({@code bin/cluster}): {@code java -cp kinora.jar io.kinora.app.StandaloneS3}. Reads
 * KINORA_DATA_DIR, KINORA_S3_PORT, KINORA_S3_ACCESS_KEY/SECRET_KEY, KINORA_S3_PUBLIC_ENDPOINT and
 * KINORA_CORS_ORIGINS, and listens where a node's embedded S3 would: loopback unless a public
 * endpoint is set, and never there with the published key (the nodes sharing it are given the
 * same keys: bin/cluster exports them).
 */
public final class StandaloneS3 {

  private StandaloneS3() {
  }

  public static void main(String[] args) throws Exception {
    KinoraConfig config = KinoraConfig.load().withDeploymentSecrets();
    EmbeddedS3 s3 = KinoraNode.startEmbeddedS3(config.storage());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s3.stop();
      stopped.countDown();
    }));
    LoggerFactory.getLogger(StandaloneS3.class)
        .info("Kinora storage (S3) on port {}, files in {}", config.storage().embeddedPort(), config.dataDir().resolve("s3"));
    stopped.await();
  }
}
