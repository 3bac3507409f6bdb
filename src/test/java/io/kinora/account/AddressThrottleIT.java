package io.kinora.account;

import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing many names from one address is throttled too, and on every node: the count lives in
 * Redis. (A class of its own: it leaves 127.0.0.1 throttled for the rest of the window.)
 */
@ExtendWith(VertxExtension.class)
class AddressThrottleIT {

  @Test
  void manyFailedSignInsFromOneAddressAreThrottledOnEveryNode(Vertx vertx) throws Exception {
    try (RedisServer redis = RedisServer.start();
         TestNode node = TestNode.start(vertx, redis, Map.of());
         TestNode other = TestNode.start(vertx, redis, Map.of("KINORA_TRANSCODE_SLOTS", "0"))) {
      Person here = new Person(vertx, node.httpPort());
      for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
        assertEquals(401, here.signIn("guess" + i, "some password " + i).statusCode());
      }

      HttpResponse<Buffer> throttled = new Person(vertx, other.httpPort()).signIn("someone-else", "any password");

      assertEquals(429, throttled.statusCode());
      assertTrue(Long.parseLong(throttled.getHeader("Retry-After")) > 0);
      here.close();
    }
  }
}
