package io.kinora.web;

import io.kinora.support.Await;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node under more than it can hold says so at once instead of piling requests up: past its
 * in-flight limit (8 here) a request gets 503 with {@code Retry-After} and a sentence; one address
 * cannot open more than its connection cap (40 here); and a connection that trickles its headers
 * is closed after the header timeout (2 s here) even though it never goes quiet.
 */
@KinoraTest(group = "overload", settings = {"KINORA_HTTP_MAX_IN_FLIGHT=8",
    "KINORA_HTTP_MAX_CONNECTIONS_PER_ADDRESS=40", "KINORA_HTTP_HEADER_TIMEOUT_SECONDS=2",
    "KINORA_HTTP_IDLE_TIMEOUT_SECONDS=60"})
@Tag("alone")
class OverloadIT {

  private static final int IN_FLIGHT = 8;

  static KinoraClient client;
  static TestNode node;

  /** A request the node has begun (headers in) but cannot finish: its JSON body never arrives. */
  private static Socket stalledRequest() throws IOException {
    Socket socket = new Socket("127.0.0.1", node.httpPort());
    OutputStream out = socket.getOutputStream();
    out.write(("POST /api/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 1000\r\n\r\n{\"filename\":").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** What the node sent back on each stalled request so far (nothing, for a request still in flight). */
  private static List<String> answered(List<Socket> sockets) throws IOException {
    List<String> answers = new ArrayList<>();
    for (Socket socket : sockets) {
      socket.setSoTimeout(100);
      byte[] head = new byte[40];
      try {
        int read = socket.getInputStream().read(head);
        answers.add(read < 0 ? "closed" : new String(head, 0, read, StandardCharsets.US_ASCII).lines().findFirst().orElse(""));
      } catch (java.net.SocketTimeoutException nothing) {
        answers.add("nothing");
      }
    }
    return answers;
  }

  private static void closeAll(List<Socket> sockets) throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void pastTheInFlightLimitARequestIsShedAtOnceWithRetryAfter() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < IN_FLIGHT; i++) {
        stalled.add(stalledRequest());
      }
      // the stalled requests reach the node asynchronously: a request of ours that comes first takes
      // a place, and a stalled one is shed instead; it is sent again until all of them hold a place
      HttpResponse<Buffer> shed = Await.until(Duration.ofSeconds(10), "a request past the limit to be shed", () -> {
        replaceAnswered(stalled);
        return client.get("/api/limits");
      }, response -> response.statusCode() == 503);

      assertEquals(503, shed.statusCode(), "stalled requests answered meanwhile: " + answered(stalled));
      assertEquals("1", shed.getHeader("Retry-After"));
      assertTrue(shed.bodyAsJsonObject().getString("error").contains("too many requests"),
          shed.bodyAsString());
    } finally {
      closeAll(stalled);
    }
  }

  @Test
  void onceTheBurstIsOverRequestsAreServedAgain() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      stalled.add(stalledRequest());
    }
    closeAll(stalled);

    // the node notices the closes asynchronously
    Await.until(Duration.ofSeconds(5), "a request to be served again", () -> client.get("/api/limits").statusCode() == 200);
  }

  @Test
  void pagesServedByReroutingGiveTheirPlaceBack() {
    // the UI's pages are rerouted to index.html, passing the limit twice
    for (int i = 0; i < IN_FLIGHT * 3; i++) {
      assertEquals(200, client.get("/signin").statusCode());
    }

    assertEquals(200, client.get("/api/limits").statusCode());
  }

  @Test
  void liveStatusStreamsDoNotCountAgainstTheInFlightLimit() throws Exception {
    List<AutoCloseable> streams = new ArrayList<>();
    try {
      for (int i = 0; i < IN_FLIGHT * 2; i++) {
        String id = client.createVideo("waiting-" + i + ".mp4");
        var events = client.events(id, null);
        assertNotNull(events.next(java.time.Duration.ofSeconds(5)), "stream " + i + " started");
        streams.add(events);
      }

      assertEquals(200, client.get("/api/limits").statusCode());
    } finally {
      for (AutoCloseable stream : streams) {
        stream.close();
      }
    }
  }

  @Test
  void oneAddressCannotHoldMoreThanItsConnectionCap() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      // each connection asks for /health and stays open (keep-alive); the test's own HTTP client
      // holds a few connections too, so open until the node refuses one
      Socket refused = null;
      for (int i = 0; i < 60 && refused == null; i++) {
        Socket socket = new Socket("127.0.0.1", node.httpPort());
        held.add(socket);
        if (!answersHealth(socket)) {
          refused = socket;
        }
      }

      assertNotNull(refused, "the node closed a connection past the cap");
      assertTrue(held.size() <= 41, "refused only after " + held.size() + " connections");
      held.remove(refused);
      held.remove(0).close();
      // the node notices the close asynchronously: a connection it refuses meanwhile is closed by it
      Await.until(Duration.ofSeconds(5), "a connection to be admitted again once one closed", () -> {
        Socket again = new Socket("127.0.0.1", node.httpPort());
        held.add(again);
        return answersHealth(again);
      });
    } finally {
      closeAll(held);
      awaitConnectionsReleased();
    }
  }

  /** The node counts closed connections asynchronously: wait until it admits plenty again. */
  private static void awaitConnectionsReleased() {
    Await.until(Duration.ofSeconds(10), "20 connections at once to be admitted", () -> {
      List<Socket> probes = new ArrayList<>();
      try {
        boolean all = true;
        for (int i = 0; i < 20 && all; i++) {
          Socket probe = new Socket("127.0.0.1", node.httpPort());
          probes.add(probe);
          all = answersHealth(probe);
        }
        return all;
      } finally {
        closeAll(probes);
      }
    });
  }

  /** Sends again, on a new connection, each stalled request the node has answered (shed). */
  private static void replaceAnswered(List<Socket> stalled) throws IOException {
    for (int i = 0; i < stalled.size(); i++) {
      if (stalled.get(i).getInputStream().available() > 0) {
        stalled.get(i).close();
        stalled.set(i, stalledRequest());
      }
    }
  }

  /** Sends {@code GET /health} and reads the status line; false when the node closed the connection. */
  private static boolean answersHealth(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    try {
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] status = new byte[12];
      int read = socket.getInputStream().read(status);
      return read > 0 && new String(status, 0, read, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (SocketException reset) {
      return false;
    }
  }

  @Test
  void aConnectionTricklingItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      boolean closed = false;
      // a byte, then up to a second waiting for the node to close: never idle for the 60 s idle timeout
      while (!closed && System.nanoTime() - started < 20_000_000_000L) {
        try {
          out.write('a');
          out.flush();
          closed = closedByNode(socket, 1000);
        } catch (SocketException reset) {
          closed = true;
        }
      }

      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      assertTrue(closed, "the node closed the connection");
      assertTrue(seconds < 10, "closed after " + seconds + " s");
    }
  }

  /** True when the node closes the connection (a read sees the end) within {@code millis}. */
  private static boolean closedByNode(Socket socket, int millis) throws IOException {
    socket.setSoTimeout(millis);
    InputStream in = socket.getInputStream();
    try {
      return in.read() == -1;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }
}
