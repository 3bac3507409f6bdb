package io.kinora.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real nginx edge, started with the project's own {@code nginx/run} script. */
public final class EdgeServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dir;

  private EdgeServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts nginx on {@code port} in front of the given node and storage (host:port each). */
  public static EdgeServer start(int port, String nodes, String storage, String secret) throws Exception {
    Path dir = Files.createTempDirectory("kinora-edge-");
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of("nginx/run").toAbsolutePath().toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling(dir.getFileName() + ".out").toFile());
    Map<String, String> env = builder.environment();
    env.put("KINORA_EDGE_PORT", Integer.toString(port));
    env.put("KINORA_EDGE_DIR", dir.toString());
    env.put("KINORA_NODES", nodes);
    env.put("KINORA_STORAGE", storage);
    env.put("KINORA_SIGNING_SECRET", secret);
    Process process = builder.start();
    try {
      Ports.awaitOpen(port, Duration.ofSeconds(15));
    } catch (IllegalStateException e) {
      process.destroy();
      throw new IllegalStateException("nginx did not start: "
          + Files.readString(dir.resolveSibling(dir.getFileName() + ".out")), e);
    }
    return new EdgeServer(process, port, dir);
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
  }
}
