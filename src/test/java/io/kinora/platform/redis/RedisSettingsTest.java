package io.kinora.platform.redis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisSettingsTest {

  private static final Duration WAIT = Duration.ofMillis(500);

  @Test
  void aSentinelWithoutAPortIsRefusedNamingTheSetting() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new RedisSettings("redis://x:6379", List.of("sentinel-1"), "kinora", WAIT));

    assertTrue(refused.getMessage().contains("KINORA_REDIS_SENTINELS"), refused.getMessage());
  }

  @Test
  void sentinelsNeedTheNameOfTheirPrimary() {
    assertThrows(IllegalArgumentException.class,
        () -> new RedisSettings("redis://x:6379", List.of("s:26379"), " ", WAIT));
  }

  @Test
  void sentinelsAreReachedWithThePasswordOfTheRedisUrl() {
    RedisSettings settings = new RedisSettings("redis://:s3cret@ignored:6379", List.of("a:26379", "b:26380"),
        "kinora", WAIT);

    assertEquals(List.of("redis://:s3cret@a:26379", "redis://:s3cret@b:26380"), settings.sentinelEndpoints());
  }

  @Test
  void aPrimaryWithReplicasIsHealthy() {
    RedisHealth health = RedisHealth.of(RedisSettings.standalone("redis://x:6379"),
        "# Replication\r\nrole:master\r\nconnected_slaves:2\r\n", 0);

    assertTrue(health.up());
    assertEquals("primary", health.role());
    assertEquals(2, health.connectedReplicas());
    assertNull(health.unconfirmedWrites(), "counted only with Sentinel, where writes wait");
  }

  @Test
  void writingToAReplicaIsAFailoverUnderWay() {
    RedisHealth health = RedisHealth.of(new RedisSettings("redis://x:6379", List.of("s:26379"), "kinora", WAIT),
        "# Replication\r\nrole:slave\r\nmaster_host:10.0.0.6\r\n", 3);

    assertFalse(health.up());
    assertEquals("replica", health.role());
    assertEquals(3L, health.unconfirmedWrites());
    assertTrue(health.problem().contains("failover"), health.problem());
  }
}
