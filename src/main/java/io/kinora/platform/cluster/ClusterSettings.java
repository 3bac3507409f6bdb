package io.kinora.platform.cluster;

import java.util.List;

/**
 * How a node joins the others over Hazelcast (TCP-IP join, no multicast).
 *
 * @param members host[:port] of the members to join; empty = a single node on {@code host}
 * @param secret  what every member of the deployment shares: the cluster name and the event bus's
 *                TLS identity derive from it ({@link ClusterIdentity})
 */
public record ClusterSettings(String host, List<String> members, int port, String secret) {

  @Override
  public String toString() {
    return "ClusterSettings[host=" + host + ", members=" + members + ", port=" + port + ", secret=(hidden)]";
  }
}
