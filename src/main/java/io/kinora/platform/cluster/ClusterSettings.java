package io.kinora.platform.cluster;

import java.util.List;

/**
 * How a node joins the others over Hazelcast (TCP-IP join, no multicast).
 *
 * @param members host[:port] of the members to join; empty = a single node on {@code host}
 */
public record ClusterSettings(String host, List<String> members, int port) {
}
