package io.kinora.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Kinora node in its own JVM ({@code io.kinora.app.Main} on the test classpath), as in production. */
public final class NodeProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  public NodeProcess(String name, Map<String, String> env, Path logDir) {
    this.name = name;
    this.env = Map.copyOf(env);
    this.log = logDir.resolve(name + ".log");
  }

  public NodeProcess start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // a quick start: C1 only and the serial collector (the node's Java side coordinates, ffmpeg
    // does the heavy work); three JVMs starting at once on two cores join about 25% sooner
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "io.kinora.app.Main"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
    return this;
  }

  public int httpPort() {
    return Integer.parseInt(env.get("KINORA_HTTP_PORT"));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort();
  }

  public String dataDir() {
    return env.get("KINORA_DATA_DIR");
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** The health document, or null while the node does not answer. */
  public JsonObject health() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(response.body());
    } catch (Exception e) {
      return null;
    }
  }

  /** Waits until the node is UP and sees {@code members} cluster members. */
  public NodeProcess awaitMembers(int members, Duration timeout) throws Exception {
    Await.until(timeout, name + " to be UP with " + members + " cluster members", () -> {
      if (!alive()) {
        throw new AssertionError(name + " exited: " + tail());
      }
      return health();
    }, health -> health != null && "UP".equals(health.getString("status"))
        && health.getJsonObject("checks").getJsonObject("cluster").getInteger("members") == members);
    return this;
  }

  public String nodeId() {
    JsonObject health = health();
    return health == null ? null : health.getString("node");
  }

  /** Waits for the process to end by itself; returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still runs after " + timeout + ": " + tail());
    }
    return process.exitValue();
  }

  /** {@code kill -9}: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM; returns whether the JVM exited within the timeout. */
  public boolean terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      if (!terminate(Duration.ofSeconds(30))) {
        kill();
      }
    }
  }
}
