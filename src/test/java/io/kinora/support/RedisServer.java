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
    return launch(port, dir, List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--save", ""));
  }

  /** A replica of {@code primary}, on a free port. */
  public static RedisServer replicaOf(RedisServer primary) throws IOException, InterruptedException {
    int port = Ports.free();
    Path dir = Files.createTempDirectory("kinora-redis-replica-");
    return launch(port, dir, List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--save", "", "--replicaof", "127.0.0.1", Integer.toString(primary.port())));
  }

  /**
   * A Redis Sentinel watching {@code primary} as {@code masterName}: it calls the primary down
   * after a second without answers, and {@code quorum} sentinels must agree.
   */
  public static RedisServer sentinel(RedisServer primary, String masterName, int quorum)
      throws IOException, InterruptedException {
    int port = Ports.free();
    Path dir = Files.createTempDirectory("kinora-sentinel-");
    // sentinels rewrite their configuration file as they learn: it must be their own and writable
    Path conf = Files.writeString(dir.resolve("sentinel.conf"), String.join("\n",
        "port " + port,
        "bind 127.0.0.1",
        "dir " + dir,
        "sentinel monitor " + masterName + " 127.0.0.1 " + primary.port() + " " + quorum,
        "sentinel down-after-milliseconds " + masterName + " 1000",
        "sentinel failover-timeout " + masterName + " 10000",
        "sentinel parallel-syncs " + masterName + " 1", ""));
    return launch(port, dir, List.of("redis-server", conf.toString(), "--sentinel"));
  }

  private static RedisServer launch(int port, Path dir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
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

  /** {@code kill -9}: the server is gone at once, with whatever it had not yet sent its replicas. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
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
