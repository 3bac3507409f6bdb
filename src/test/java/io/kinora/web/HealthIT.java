package io.kinora.web;

import io.kinora.support.Await;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node without Redis says so (503) instead of serving wrong answers, and recovers when Redis
 * returns. It stops its Redis, so it has a node of its own rather than a {@code @KinoraTest} one.
 */
@ExtendWith(VertxExtension.class)
@Tag("fast")
class HealthIT {

  @Test
  void nodeIsUnhealthyWhileRedisIsDownAndHealthyAgainAfterIt(Vertx vertx) throws Exception {
    RedisServer redis = RedisServer.start();
    try (TestNode node = TestNode.start(vertx, redis, Map.of())) {
      KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
      assertEquals(200, client.get("/health").statusCode());

      redis.close();
      HttpResponse<Buffer> down = client.get("/health");

      assertEquals(503, down.statusCode());
      JsonObject body = down.bodyAsJsonObject();
      assertEquals("DOWN", body.getString("status"));
      assertEquals("DOWN", body.getJsonObject("checks").getJsonObject("redis").getString("status"));
      assertEquals(503, client.get("/api/videos").statusCode(), "API answers 503, not wrong data");

      redis = RedisServer.start(redis.port(), redis.dir());
      // reconnects on its own
      Await.until(Duration.ofSeconds(15), "/health to answer 200 again", () -> client.get("/health").statusCode() == 200);
      assertTrue(client.get("/api/videos").statusCode() == 200);
    } finally {
      redis.close();
    }
  }
}
