package io.kinora.platform.redis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the node's Redis is set up and doing: standalone or Sentinel, the role of the server the
 * node writes to, its replicas, and (with Sentinel) the primary's address and any failover.
 *
 * @param problem why the node cannot write now (it is connected to a replica: a failover is under way), or null
 */
public record RedisHealth(String mode, String role, int connectedReplicas, String primary, String failover,
                          Long unconfirmedWrites, String sentinelError, String problem) {

  private static final Pattern ROLE = Pattern.compile("^role:(\\w+)", Pattern.MULTILINE);
  private static final Pattern REPLICAS = Pattern.compile("^connected_slaves:(\\d+)", Pattern.MULTILINE);

  /** From {@code INFO replication}. */
  static RedisHealth of(RedisSettings settings, String info, long unconfirmedWrites) {
    Matcher role = ROLE.matcher(info);
    Matcher replicas = REPLICAS.matcher(info);
    String serverRole = role.find() && !"master".equals(role.group(1)) ? "replica" : "primary";
    return new RedisHealth(settings.sentinel() ? "sentinel" : "standalone", serverRole,
        replicas.find() ? Integer.parseInt(replicas.group(1)) : 0, null, null,
        settings.sentinel() ? unconfirmedWrites : null, null,
        "replica".equals(serverRole) ? "connected to a replica, which cannot take writes: a failover is under way" : null);
  }

  RedisHealth withSentinelView(Sentinels.View view) {
    return new RedisHealth(mode, role, connectedReplicas, view.primary(), view.error() == null ? view.failover() : null,
        unconfirmedWrites, view.error(), problem);
  }

  public boolean up() {
    return problem == null;
  }
}
