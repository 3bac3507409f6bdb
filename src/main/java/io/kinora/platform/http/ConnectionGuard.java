package io.kinora.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds what one client can hold with connections alone: at most {@code maxPerAddress} open
 * connections per remote address on this node (one more is closed at once), and a new connection
 * must finish its first request's headers within {@code headerTimeoutSeconds}, so trickling a
 * header a byte at a time (which keeps the idle timeout from firing) cannot hold one forever.
 * Built once per node and installed on every HTTP verticle's server.
 */
public final class ConnectionGuard {

  private final int maxPerAddress;
  private final long headerTimeoutMillis;
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

  /**
   * @param maxPerAddress        0 = no cap (an edge in front funnels everyone through its own
   *                             address: keep the cap above its connection pool, or off)
   */
  public ConnectionGuard(int maxPerAddress, int headerTimeoutSeconds) {
    this.maxPerAddress = maxPerAddress;
    this.headerTimeoutMillis = headerTimeoutSeconds * 1000L;
  }

  /** Guards {@code server}; requests go on to {@code requests}. Call on the server's own verticle. */
  public HttpServer install(Vertx vertx, HttpServer server, Handler<HttpServerRequest> requests) {
    // connections waiting for their first request's headers, and their deadline timers
    Map<HttpConnection, Long> awaitingHeaders = new HashMap<>();
    server.connectionHandler(connection -> {
      String address = address(connection.remoteAddress());
      if (!admit(address)) {
        connection.close();
        return;
      }
      long deadline = vertx.setTimer(headerTimeoutMillis, t -> {
        if (awaitingHeaders.remove(connection) != null) {
          connection.close();
        }
      });
      awaitingHeaders.put(connection, deadline);
      connection.closeHandler(v -> {
        release(address);
        Long timer = awaitingHeaders.remove(connection);
        if (timer != null) {
          vertx.cancelTimer(timer);
        }
      });
    });
    return server.requestHandler(request -> {
      Long timer = awaitingHeaders.remove(request.connection());
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      requests.handle(request);
    });
  }

  private boolean admit(String address) {
    if (maxPerAddress <= 0) {
      return true;
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (a, open) -> {
      int count = open == null ? 0 : open;
      if (count >= maxPerAddress) {
        return open;
      }
      admitted[0] = true;
      return count + 1;
    });
    return admitted[0];
  }

  private void release(String address) {
    if (maxPerAddress > 0) {
      perAddress.computeIfPresent(address, (a, open) -> open <= 1 ? null : open - 1);
    }
  }

  private static String address(SocketAddress remote) {
    return remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
  }
}
