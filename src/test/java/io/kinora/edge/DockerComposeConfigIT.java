package io.kinora.edge;

import io.kinora.support.Clips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the stack is checked as far as it can be without one: Debian's
 * docker-compose validates and resolves docker/docker-compose.yml with the example env file.
 */
class DockerComposeConfigIT {

  private static final List<String> COMPOSE = List.of("docker-compose", "-f", "docker/docker-compose.yml");

  private static String compose(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(COMPOSE);
    command.addAll(List.of(args));
    return Clips.run(command);
  }

  @Test
  void composeFileIsValidWithTheExampleEnvironment() throws Exception {
    String services = compose("--env-file", "docker/.env.example", "config", "--services");

    assertEquals(List.of("edge", "kinora-1", "kinora-2", "kinora-3", "minio", "minio-init", "redis"),
        services.lines().map(String::trim).filter(s -> !s.isEmpty()).sorted().toList());
  }

  @Test
  void onlyTheEdgePublishesAPortSoStorageIsNotExposed() throws Exception {
    String config = compose("--env-file", "docker/.env.example", "config");

    assertEquals(1, config.lines().filter(l -> l.trim().equals("ports:")).count(), config);
    assertTrue(config.contains("published: 8088"), config);
    assertTrue(config.contains("--appendonly"), "Redis runs with AOF");
    assertTrue(config.contains("KINORA_CLUSTER_MEMBERS: kinora-1,kinora-2,kinora-3"));
  }

  @Test
  void composeRefusesToStartWithoutTheSecrets(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.env"), "# no secrets\n");

    IOException refused = assertThrows(IOException.class, () -> compose("--env-file", empty.toString(), "config"));

    assertTrue(refused.getMessage().contains("docker/.env"), refused.getMessage());
  }
}
