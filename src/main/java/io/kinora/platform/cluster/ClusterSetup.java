package io.kinora.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Hazelcast for the clustered event bus: {@code conf/cluster.xml} with the network part and the
 * cluster name taken from configuration. TCP-IP join only (multicast is off): with no members
 * configured the node forms a one-member cluster on its own address. Hazelcast and the event bus
 * listen on the cluster host only.
 */
public final class ClusterSetup {

  private ClusterSetup() {
  }

  public static HazelcastClusterManager clusterManager(ClusterSettings config) {
    return new HazelcastClusterManager(hazelcastConfig(config));
  }

  /**
   * The event-bus transport: on the cluster host only, and mutual TLS with the identity every
   * member derives from the cluster secret, so only members open or accept its connections.
   */
  public static VertxOptions vertxOptions(ClusterSettings config) {
    ClusterIdentity identity = ClusterIdentity.derive(config.secret());
    return new VertxOptions().setEventBusOptions(new EventBusOptions()
        .setHost(config.host()).setClusterPublicHost(config.host()).setPort(0)
        .setSsl(true)
        .setKeyCertOptions(identity.keyCertOptions())
        .setTrustOptions(identity.trustOptions())
        .setTrustAll(false) // the event bus trusts every server by default
        .setClientAuth(ClientAuth.REQUIRED));
  }

  static Config hazelcastConfig(ClusterSettings config) {
    Config hazelcast = readXml();
    // derived from the secret: processes with the public default or another secret never merge in
    // (the name itself crosses the cluster network in clear text; the event bus's TLS is the proof)
    hazelcast.setClusterName(ClusterIdentity.derive(config.secret()).clusterName());
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.port()).setPortAutoIncrement(true);
    network.setPublicAddress(config.host() + ":" + config.port());
    // with hazelcast.socket.bind.any off (cluster.xml), the only address Hazelcast listens on
    hazelcast.setProperty("hazelcast.local.localAddress", config.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    List<String> members = config.members().isEmpty()
        ? List.of(config.host() + ":" + config.port())
        : config.members();
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    return hazelcast;
  }

  private static Config readXml() {
    try (InputStream xml = ClusterSetup.class.getClassLoader().getResourceAsStream("conf/cluster.xml")) {
      if (xml == null) {
        throw new IllegalStateException("conf/cluster.xml is missing from the classpath");
      }
      return new XmlConfigBuilder(xml).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
