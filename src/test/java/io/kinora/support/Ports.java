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
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!RedisServer.reachable(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
