package io.kinora.support;

import io.vertx.core.Vertx;

import java.util.Map;

/** Redis + one node + a client: what most integration test classes start once in {@code @BeforeAll}. */
public final class NodeFixture implements AutoCloseable {

  public final RedisServer redis;
  public final TestNode node;
  public final KinoraClient client;

  private NodeFixture(RedisServer redis, TestNode node, KinoraClient client) {
    this.redis = redis;
    this.node = node;
    this.client = client;
  }

  public static NodeFixture start(Vertx vertx) throws Exception {
    return start(vertx, Map.of());
  }

  public static NodeFixture start(Vertx vertx, Map<String, String> overrides) throws Exception {
    RedisServer redis = RedisServer.start();
    try {
      TestNode node = TestNode.start(vertx, redis, overrides);
      return new NodeFixture(redis, node, new KinoraClient(vertx, node.httpPort()));
    } catch (Exception e) {
      redis.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    try {
      node.close();
    } finally {
      redis.close();
    }
  }
}
