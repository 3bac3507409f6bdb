package io.kinora.platform.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSetupTest {

  private static final ClusterSettings SETTINGS =
      new ClusterSettings("10.0.0.5", List.of("10.0.0.5:5701", "10.0.0.6:5701"), 5701, "a-deployment-secret-000");

  @Test
  void hazelcastListensOnTheClusterHostOnly() {
    Config config = ClusterSetup.hazelcastConfig(SETTINGS);

    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertEquals("10.0.0.5", config.getProperty("hazelcast.local.localAddress"));
    assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
  }

  @Test
  void theClusterNameIsTheSecretsNotThePublicDefault() {
    Config config = ClusterSetup.hazelcastConfig(SETTINGS);

    assertNotEquals("kinora", config.getClusterName());
    assertEquals(ClusterIdentity.derive(SETTINGS.secret()).clusterName(), config.getClusterName());
  }

  @Test
  void theEventBusListensOnTheClusterHostWithMutualTlsTrustingOnlyTheCluster() {
    EventBusOptions bus = ClusterSetup.vertxOptions(SETTINGS).getEventBusOptions();

    assertEquals("10.0.0.5", bus.getHost());
    assertTrue(bus.isSsl());
    assertEquals(ClientAuth.REQUIRED, bus.getClientAuth());
    assertFalse(bus.isTrustAll(), "the event bus trusts every server unless told otherwise");
    // what the clustered event bus really gets: a copy through JSON
    EventBusOptions copied = new EventBusOptions(bus.toJson());
    assertTrue(copied.getKeyCertOptions() != null && copied.getTrustOptions() != null);
  }
}
