package io.kinora.platform.cluster;

import io.vertx.core.spi.cluster.ClusterManager;

import java.util.UUID;

/**
 * What a node knows about the cluster it is in: its own ID and who else is there. Handed in by
 * whoever built the clustered Vert.x, so nothing has to dig the manager out of Vert.x internals.
 * A node started without a cluster manager (tests, a single process) is a cluster of one.
 */
public final class ClusterView {

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

  /** With a configured member list, seeing no majority of it means this node is cut off. */
  public boolean hasQuorum() {
    return configuredMembers <= 1 || visibleMembers() > configuredMembers / 2;
  }
}
