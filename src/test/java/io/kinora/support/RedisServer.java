package io.kinora.support;

import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real redis-server for a test class, on a free port, its files in a temp directory. */
public final class RedisServer implements AutoCloseable {

  private final int port;
  private final Process process;

  private final Path dir;

  private RedisServer(int port, Process process, Path dir) {
    this.port = port;
    this.process = process;
    this.dir = dir;
  }

  public static RedisServer start() throws IOException, InterruptedException {
    return start(Ports.free(), Files.createTempDirectory("kinora-redis-"));
  }

  /** Starts (or restarts) Redis on a given port and directory: AOF data there survives. */
  public static RedisServer start(int port, Path dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--save", ""))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    Ports.awaitOpen(port, Duration.ofSeconds(10));
    return new RedisServer(port, process, dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * A store on this server, once it has answered a first ping: the first connection of a cold JVM
   * on a busy machine may miss the client's 2 s connect timeout.
   */
  public RedisStore connect(Vertx vertx) {
    RedisStore store = RedisStore.connect(vertx, url());
    Await.until(Duration.ofSeconds(60), "a first answer from Redis", () -> {
      store.ping().await(10, TimeUnit.SECONDS);
      return true;
    });
    return store;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Runs a command with redis-cli; handy to look at or prepare raw state. */
  public String cli(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes()).trim();
    cli.waitFor();
    return out;
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered, until {@link #thaw}. */
  public void freeze() throws IOException, InterruptedException {
    signal("-STOP");
  }

  public void thaw() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean reachable(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
