package io.kinora.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

/** Free ports for servers started by tests. */
public final class Ports {

  private Ports() {
  }

  public static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  public static void awaitOpen(int port, Duration timeout) throws InterruptedException {
    Await.until(timeout, "something to listen on port " + port, () -> RedisServer.reachable(port));
  }
}
