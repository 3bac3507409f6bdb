package io.kinora.web;

import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.SseReader;
import io.kinora.support.TestNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow and vanished clients cannot hold a node: a connection that goes quiet is closed after the
 * idle timeout (2 s here), hundreds of half-sent requests do not keep others waiting, and a live
 * status stream, which sends a heartbeat, stays open past it.
 */
@KinoraTest(group = "slow-clients", settings = {"KINORA_HTTP_IDLE_TIMEOUT_SECONDS=2", "KINORA_SSE_HEARTBEAT_SECONDS=1"})
@Tag("alone")
class SlowClientsIT {

  private static final int HALF_OPEN = 500;

  static KinoraClient client;
  static TestNode node;

  @Test
  void aConnectionThatGoesQuietIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.httpPort())) {
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(10_000);
      long started = System.nanoTime();

      int read = drain(socket.getInputStream());

      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      assertEquals(-1, read, "the node closed the connection");
      assertTrue(seconds < 8, "closed after " + seconds + " s");
    }
  }

  @Test
  void halfSentRequestsDoNotKeepOthersWaiting() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < HALF_OPEN; i++) {
        Socket socket = new Socket("127.0.0.1", node.httpPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/videos/" + "A".repeat(22) + " HTTP/1.1\r\nHost: x\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }

      for (int i = 0; i < 20; i++) {
        assertEquals(200, client.get("/health").statusCode(), "health while " + HALF_OPEN + " requests hang");
        assertEquals(200, client.get("/api/limits").statusCode());
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void aLiveStatusStreamOutlivesTheIdleTimeoutThanksToItsHeartbeat() throws Exception {
    String id = client.createVideo("waiting.mp4");
    try (SseReader events = client.events(id, null)) {
      long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < until) {
        // heartbeats keep coming; a stream the node closed would end (null) instead
        assertNotNull(events.next(java.time.Duration.ofSeconds(3)), "the stream ended");
      }
    }
  }

  private static int drain(InputStream in) throws IOException {
    int read;
    byte[] buffer = new byte[4096];
    do {
      read = in.read(buffer);
    } while (read > 0);
    return read;
  }
}
