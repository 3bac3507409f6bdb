package io.kinora.platform.redis;

import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.BulkType;
import io.vertx.redis.client.impl.types.MultiType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies built as the client's decoder builds them, RESP2 arrays and RESP3 maps alike. */
class RepliesTest {

  @Test
  void aFlatFieldValueArrayReadsAsAHash() {
    assertEquals(Map.of("title", "Cats", "status", "ready"), Replies.hash(array("title", "Cats", "status", "ready")));
  }

  @Test
  void aResp3MapReadsAsTheSameHash() {
    MultiType map = MultiType.create(2, true);
    map.add(bulk("title"));
    map.add(bulk("Cats"));
    map.add(bulk("status"));
    map.add(bulk("ready"));

    assertEquals(Map.of("title", "Cats", "status", "ready"), Replies.hash(map));
  }

  @Test
  void aMissingHashReadsAsEmpty() {
    assertTrue(Replies.hash(null).isEmpty());
  }

  @Test
  void anArrayReadsAsItsStringsInOrder() {
    assertEquals(List.of("c", "a", "b"), Replies.strings(array("c", "a", "b")));
  }

  @Test
  void aNilElementStaysInItsPlaceAsNull() {
    MultiType reply = MultiType.create(2, false);
    reply.add(bulk("a"));
    reply.add(null);

    assertEquals(Arrays.asList("a", null), Replies.strings(reply));
  }

  @Test
  void aMissingArrayReadsAsEmpty() {
    assertTrue(Replies.strings(null).isEmpty());
  }

  @Test
  void aWithScoresReplyReadsAsMemberScorePairs() {
    List<Replies.Scored> scored = Replies.scored(array("b", "1795000000123", "a", "1.5"));

    assertEquals(List.of(new Replies.Scored("b", 1_795_000_000_123d), new Replies.Scored("a", 1.5)), scored);
  }

  @Test
  void aNilBulkStringReadsAsNull() {
    assertNull(Replies.string(null));
    assertEquals("x", Replies.string(bulk("x")));
  }

  private static Response array(String... elements) {
    MultiType reply = MultiType.create(elements.length, false);
    for (String element : elements) {
      reply.add(bulk(element));
    }
    return reply;
  }

  private static Response bulk(String text) {
    return BulkType.create(Buffer.buffer(text), false);
  }
}
