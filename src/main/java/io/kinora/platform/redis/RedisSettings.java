package io.kinora.platform.redis;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where a node finds Redis: the one server at {@code url}, or, with {@code sentinels} set
 * ({@code host:port} each), the primary that Redis Sentinel names {@code masterName}, followed
 * through failovers. With Sentinel, a write that must not be lost is answered only once a replica
 * has it too, or {@code replicaWait} has passed ({@link RedisStore#run}).
 */
public record RedisSettings(String url, List<String> sentinels, String masterName, Duration replicaWait) {

  public RedisSettings {
    sentinels = List.copyOf(sentinels);
    for (String sentinel : sentinels) {
      int colon = sentinel.lastIndexOf(':');
      if (colon <= 0 || !sentinel.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("KINORA_REDIS_SENTINELS lists host:port pairs, comma-separated; \""
            + sentinel + "\" is not one");
      }
    }
    if (!sentinels.isEmpty() && masterName.isBlank()) {
      throw new IllegalArgumentException("KINORA_REDIS_MASTER_NAME must name the primary the sentinels watch");
    }
  }

  /** One Redis server, as tests and single-node setups have it. */
  public static RedisSettings standalone(String url) {
    return new RedisSettings(url, List.of(), "", Duration.ZERO);
  }

  public boolean sentinel() {
    return !sentinels.isEmpty();
  }

  /** Each sentinel as a connection string, with the password of {@link #url} (sentinels and data nodes share it). */
  List<String> sentinelEndpoints() {
    String userInfo = URI.create(url).getRawUserInfo();
    String credentials = userInfo == null ? "" : userInfo + "@";
    return sentinels.stream().map(sentinel -> "redis://" + credentials + sentinel).toList();
  }
}
