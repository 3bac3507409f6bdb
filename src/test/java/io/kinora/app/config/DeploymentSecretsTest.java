package io.kinora.app.config;

import io.kinora.platform.cluster.ClusterSettings;
import io.kinora.platform.s3.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentSecretsTest {

  @TempDir
  Path data;

  private static StorageSettings storage(String endpoint, String access, String secret, Path data) {
    return new StorageSettings(endpoint, access, secret, 9000, "https://media.example.org", "us-east-1", List.of("*"), data, "", "");
  }

  private static ClusterSettings cluster(List<String> members, String secret) {
    return new ClusterSettings("127.0.0.1", members, 5701, secret);
  }

  @Test
  void theEmbeddedS3WithThePublishedKeysGetsKeysOfItsOwnKeptPrivatelyInTheDataDir() throws Exception {
    DeploymentSecrets secrets = new DeploymentSecrets(data);
    StorageSettings published = storage("", DeploymentSecrets.PUBLISHED_S3_ACCESS_KEY,
        DeploymentSecrets.PUBLISHED_S3_SECRET_KEY, data);

    StorageSettings first = secrets.storage(published);
    StorageSettings again = new DeploymentSecrets(data).storage(published);

    assertNotEquals(DeploymentSecrets.PUBLISHED_S3_ACCESS_KEY, first.accessKey());
    assertNotEquals(DeploymentSecrets.PUBLISHED_S3_SECRET_KEY, first.secretKey());
    assertTrue(first.secretKey().length() >= 40);
    assertEquals(first, again, "the same keys on every start");
    assertOwnerOnly(data.resolve("secrets/s3-secret-key"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets"))));
  }

  @Test
  void configuredKeysAndAnExternalS3AreLeftAlone() {
    DeploymentSecrets secrets = new DeploymentSecrets(data);
    StorageSettings own = storage("", "mine", "my-own-secret-key", data);
    StorageSettings minio = storage("http://minio:9000", "kinora", DeploymentSecrets.PUBLISHED_S3_SECRET_KEY, data);

    assertSame(own, secrets.storage(own));
    assertSame(minio, secrets.storage(minio));
  }

  @Test
  void aSingleNodeMakesItsOwnClusterSecretOnce() throws Exception {
    ClusterSettings first = new DeploymentSecrets(data).cluster(cluster(List.of(), ""));
    ClusterSettings again = new DeploymentSecrets(data).cluster(cluster(List.of(), ""));

    assertEquals(64, first.secret().length());
    assertEquals(first.secret(), again.secret());
    assertOwnerOnly(data.resolve("secrets/cluster-secret"));
  }

  @Test
  void nodesJoiningOthersMustBeGivenTheSecret() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new DeploymentSecrets(data).cluster(cluster(List.of("10.0.0.1:5701", "10.0.0.2:5701"), "")));

    assertTrue(refused.getMessage().startsWith("KINORA_CLUSTER_SECRET is not set"), refused.getMessage());
  }

  @Test
  void thePublishedExampleSecretIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new DeploymentSecrets(data).cluster(cluster(List.of("kinora-1", "kinora-2"), "change-me-cluster-secret")));

    assertTrue(refused.getMessage().contains("KINORA_CLUSTER_SECRET is the published example value"), refused.getMessage());
  }

  @Test
  void aShortSecretIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new DeploymentSecrets(data).cluster(cluster(List.of(), "kinora")));

    assertTrue(refused.getMessage().contains("at least 16 characters"), refused.getMessage());
  }

  @Test
  void aGivenSecretIsUsedAsItIs() {
    String secret = "a-secret-shared-by-every-node";

    assertEquals(secret, new DeploymentSecrets(data).cluster(cluster(List.of("a", "b"), secret)).secret());
  }

  private static void assertOwnerOnly(Path file) throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
