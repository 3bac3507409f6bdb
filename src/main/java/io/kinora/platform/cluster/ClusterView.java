package io.kinora.platform.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a node knows about the cluster it is in: its own ID and who else is there. Handed in by
 * whoever built the clustered Vert.x, so nothing has to dig the manager out of Vert.x internals.
 * A node started without a cluster manager (tests, a single process) is a cluster of one.
 */
public final class ClusterView {

  /**
   * The member attribute in which vertx-hazelcast keeps a member's Vert.x node ID (the ID
   * {@link #nodeId} answers, and workers are named after), which is not its Hazelcast member UUID.
   */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final ClusterManager manager;
  private final String nodeId;
  private final int configuredMembers;

  private ClusterView(ClusterManager manager, String nodeId, int configuredMembers) {
    this.manager = manager;
    this.nodeId = nodeId;
    this.configuredMembers = configuredMembers;
  }

  public static ClusterView of(ClusterManager manager, ClusterSettings settings) {
    return new ClusterView(manager, manager.getNodeId(), settings.members().size());
  }

  public static ClusterView standalone() {
    return new ClusterView(null, UUID.randomUUID().toString(), 0);
  }

  public String nodeId() {
    return nodeId;
  }

  public boolean clustered() {
    return manager != null;
  }

  /** Members this node sees now; 0 when it has left the cluster, 1 when standalone. */
  public int visibleMembers() {
    if (manager == null) {
      return 1;
    }
    return manager.isActive() ? manager.getNodes().size() : 0;
  }

  /** How many members were configured to join (0 or 1 = no quorum to lose). */
  public int configuredMembers() {
    return configuredMembers;
  }

  /**
   * Calls {@code left}, on a Hazelcast thread, with the ID of each member that leaves the cluster:
   * a member killed outright within a second or two (its connections close), one cut off by the
   * network after {@code hazelcast.max.no.heartbeat.seconds} (conf/cluster.xml). Standalone, never.
   * Vert.x's own node listener is left alone (a cluster manager has one); this listens to Hazelcast.
   *
   * @return stops listening
   */
  public Runnable onMemberLeft(Consumer<String> left) {
    if (!(manager instanceof HazelcastClusterManager hazelcast) || hazelcast.getHazelcastInstance() == null) {
      return () -> { };
    }
    var cluster = hazelcast.getHazelcastInstance().getCluster();
    UUID registration = cluster.addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String vertxNode = event.getMember().getAttribute(VERTX_NODE_ID);
        left.accept(vertxNode != null ? vertxNode : event.getMember().getUuid().toString());
      }
    });
    return () -> cluster.removeMembershipListener(registration);
  }

  /** With a configured member list, seeing no majority of it means this node is cut off. */
  public boolean hasQuorum() {
    return configuredMembers <= 1 || visibleMembers() > configuredMembers / 2;
  }
}
