package io.kinora.edge;

import io.kinora.support.Clips;
import io.vertx.core.json.JsonObject;
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

    assertEquals(List.of("edge", "grafana", "kinora-1", "kinora-2", "kinora-3", "minio", "minio-init", "prometheus",
            "redis"),
        services.lines().map(String::trim).filter(s -> !s.isEmpty()).sorted().toList());
  }

  @Test
  void onlyTheEdgePublishesAPortSoStorageIsNotExposed() throws Exception {
    String config = compose("--env-file", "docker/.env.example", "config");

    // the edge to the network, Grafana to this machine's loopback only
    assertEquals(2, config.lines().filter(l -> l.trim().equals("ports:")).count(), config);
    assertTrue(config.contains("published: 8088"), config);
    assertTrue(config.contains("- 127.0.0.1:3000:3000/tcp"), config);
    assertTrue(config.contains("--appendonly"), "Redis runs with AOF");
    assertTrue(config.contains("KINORA_CLUSTER_MEMBERS: kinora-1,kinora-2,kinora-3"));
  }

  @Test
  void theSentinelFileAddsAReplicaAndThreeSentinelsThatEveryNodeAsks() throws Exception {
    String config = compose("-f", "docker/docker-compose.sentinel.yml", "--env-file", "docker/.env.example", "config");

    assertEquals(3, config.lines()
        .filter(l -> l.trim().equals("KINORA_REDIS_SENTINELS: sentinel-1:26379,sentinel-2:26379,sentinel-3:26379"))
        .count(), config);
    assertTrue(config.contains("redis-replica:"), config);
    assertEquals(3, config.lines().filter(l -> l.contains("sentinel monitor kinora redis 6379 2")).count(), config);
    assertEquals(2, config.lines().filter(l -> l.trim().equals("ports:")).count(), "still only the edge and Grafana");
  }

  @Test
  void theNodesTrustForwardedAddressesFromTheEdgeAlone() throws Exception {
    String config = compose("--env-file", "docker/.env.example", "config");

    assertEquals(3, config.lines().filter(l -> l.trim().equals("KINORA_TRUSTED_PROXIES: 172.30.80.10/32")).count(),
        config);
    assertTrue(config.contains("ipv4_address: 172.30.80.10"), config);
    assertTrue(config.contains("subnet: 172.30.80.0/24"), config);
  }

  @Test
  void prometheusScrapesEveryNodeAndGrafanaShowsKinorasDashboard() throws Exception {
    String scrape = Files.readString(Path.of("docker/prometheus/prometheus.yml"));
    assertTrue(scrape.contains("\"kinora-1:8080\", \"kinora-2:8080\", \"kinora-3:8080\""), scrape);
    JsonObject dashboard = new JsonObject(Files.readString(Path.of("docker/grafana/dashboards/kinora.json")));
    String queries = dashboard.getJsonArray("panels").stream()
        .flatMap(p -> ((JsonObject) p).getJsonArray("targets").stream())
        .map(t -> ((JsonObject) t).getString("expr")).reduce("", String::concat);
    for (String metric : List.of("kinora_queue_depth", "kinora_jobs_running", "kinora_transcode_duration_seconds_bucket",
        "kinora_video_failures_total", "kinora_upload_bytes_total", "kinora_sse_connections",
        "kinora_signed_url_rejections_total", "kinora_signin_failures_total")) {
      assertTrue(queries.contains(metric), metric + " has a panel");
    }
  }

  @Test
  void composeRefusesToStartWithoutTheSecrets(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.env"), "# no secrets\n");

    IOException refused = assertThrows(IOException.class, () -> compose("--env-file", empty.toString(), "config"));

    assertTrue(refused.getMessage().contains("docker/.env"), refused.getMessage());
  }
}
