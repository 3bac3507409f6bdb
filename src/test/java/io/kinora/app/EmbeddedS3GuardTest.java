package io.kinora.app;

import io.kinora.platform.s3.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whoever starts the embedded S3 without {@code withDeploymentSecrets} still cannot expose the published key. */
class EmbeddedS3GuardTest {

  @Test
  void theEmbeddedS3RefusesToListenBeyondLoopbackWithThePublishedKey(@TempDir Path data) {
    StorageSettings exposed = new StorageSettings("", "kinora", "kinora-local-secret", 9000,
        "https://media.example.org", "us-east-1", List.of("*"), data, "", "");

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> KinoraNode.startEmbeddedS3(exposed));

    assertTrue(refused.getMessage().contains("set KINORA_S3_ACCESS_KEY and KINORA_S3_SECRET_KEY"), refused.getMessage());
  }

  @Test
  void itListensOnLoopbackUnlessBrowsersElsewhereAreToldToUseIt(@TempDir Path data) {
    StorageSettings local = new StorageSettings("", "a", "b", 9000, "", "us-east-1", List.of("*"), data, "", "");
    StorageSettings exposed = new StorageSettings("", "a", "b", 9000, "https://media.example.org", "us-east-1",
        List.of("*"), data, "", "");

    assertEquals("127.0.0.1", local.embeddedBindHost());
    assertEquals("0.0.0.0", exposed.embeddedBindHost());
  }
}
