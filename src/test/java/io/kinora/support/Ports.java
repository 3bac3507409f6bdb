package io.kinora.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free ports for servers started by tests. */
public final class Ports {

  private Ports() {
  }

  /** Handed out already in this JVM: classes run side by side, and must not get the same port twice. */
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  public static int free() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        socket.setReuseAddress(true);
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
  }

  public static void awaitOpen(int port, Duration timeout) throws InterruptedException {
    Await.until(timeout, "something to listen on port " + port, () -> RedisServer.reachable(port));
  }
}
