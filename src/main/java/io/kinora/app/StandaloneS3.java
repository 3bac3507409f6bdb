package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
import io.kinora.platform.s3.EmbeddedS3;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * The embedded S3 server on its own, for a local cluster whose nodes share one storage
 * ({@code bin/cluster}): {@code java -cp kinora.jar io.kinora.app.StandaloneS3}. Reads
 * KINORA_DATA_DIR, KINORA_S3_PORT, KINORA_S3_ACCESS_KEY/SECRET_KEY and KINORA_CORS_ORIGINS.
 */
public final class StandaloneS3 {

  private StandaloneS3() {
  }

  public static void main(String[] args) throws Exception {
    KinoraConfig config = KinoraConfig.load();
    EmbeddedS3 s3 = EmbeddedS3.start(config.storage(), "0.0.0.0");
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
