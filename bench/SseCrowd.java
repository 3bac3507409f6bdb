import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of bench/sse-crowd: opens {@code clients} live status streams
 * ({@code GET /api/videos/{id}/events}) to one node over raw TCP (Vert.x NetClient, one verticle
 * per event loop, at most {@code in-flight} opens pending at once), waits until every stream has
 * its first event, writes {@code <dir>/opened}, waits for {@code <dir>/go}, then completes the
 * upload itself and records, per stream, when the terminal status arrived.
 *
 * <p>It measures itself too: the largest lag of a 5 ms timer on each of its event loops and its
 * own CPU time while the terminal events arrive. A lag far below the spread means the spread is
 * the node's, not the client's.
 *
 * <p>Run from the repository: {@code java -cp target/kinora.jar bench/SseCrowd.java
 * http://127.0.0.1:8080 <video-id> <api-token> <clients> <in-flight> <dir>}
 */
public class SseCrowd {

  static final int PENDING = 0, OPEN = 1, REFUSED = 2, CONNECT_FAILED = 3, CLOSED_BEFORE_EVENT = 4,
      CLOSED_EARLY = 5, READY = 6, FAILED = 7, DELETED = 8;
  static final String[] NAMES = {"pending", "open", "refused (HTTP status)", "connect failed",
      "closed before the first event", "closed before the terminal event", "ready", "failed", "deleted"};

  static String host;
  static int port;
  static String videoId;
  static int clients;
  static int inFlight;
  static int loops;

  static int[] state;
  static int[] httpStatus;
  static long[] openedAt;
  static long[] endedAt;
  static final AtomicInteger resolvedOpens = new AtomicInteger();
  static final AtomicInteger ended = new AtomicInteger();
  static final Map<String, AtomicInteger> connectErrors = new ConcurrentHashMap<>();
  static final AtomicLong[] maxLagNanos = new AtomicLong[64];
  static volatile long firstConnectAt;

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: SseCrowd <base-url> <video-id> <api-token> <clients> <in-flight> <dir>");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    host = base.getHost();
    port = base.getPort();
    videoId = args[1];
    String token = args[2];
    clients = Integer.parseInt(args[3]);
    inFlight = Integer.parseInt(args[4]);
    Path dir = Path.of(args[5]);
    loops = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 64));
    state = new int[clients];
    httpStatus = new int[clients];
    openedAt = new long[clients];
    endedAt = new long[clients];
    for (int i = 0; i < loops; i++) {
      maxLagNanos[i] = new AtomicLong();
    }

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    vertx.deployVerticle(() -> new Crowd(), new DeploymentOptions().setInstances(loops)).await();

    // 1. every stream open (first event received) or refused
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (resolvedOpens.get() < clients && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long openedPhaseEnd = System.nanoTime();
    int[] counts = count();
    long lastOpen = 0;
    for (int i = 0; i < clients; i++) {
      if (openedAt[i] > 0) {
        lastOpen = Math.max(lastOpen, openedAt[i]);
      }
    }
    long openLag = resetLag();
    int open = counts[OPEN];
    int openedEver = clients - counts[PENDING] - counts[REFUSED] - counts[CONNECT_FAILED] - counts[CLOSED_BEFORE_EVENT];
    System.out.printf("client: %d streams asked for, %d open in %.2f s (%s), %d event loops, at most %d opens pending%n",
        clients, open, (lastOpen == 0 ? openedPhaseEnd - firstConnectAt : lastOpen - firstConnectAt) / 1e9,
        describe(counts), loops, inFlight);
    if (!connectErrors.isEmpty()) {
      System.out.println("client: connect errors " + new TreeMap<>(connectErrors));
    }
    System.out.printf("client: largest event-loop lag while opening %.1f ms%n", openLag / 1e6);
    Files.writeString(dir.resolve("opened"), open + "\n");

    // 2. the benchmark samples the node, then says go
    while (!Files.exists(dir.resolve("go"))) {
      Thread.sleep(20);
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    resetLag();
    long completedAt = System.nanoTime();
    HttpResponse<String> completion = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            base.resolve("/api/videos/" + videoId + "/complete"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    System.out.printf("client: POST complete -> %d%n", completion.statusCode());

    // 3. every open stream ends (terminal event or closed)
    deadline = System.nanoTime() + 900_000_000_000L;
    while (ended.get() < openedEver && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long cpu1 = os.getProcessCpuTime();
    long readyLag = resetLag();
    counts = count();

    long[] ready = new long[counts[READY]];
    int n = 0;
    for (int i = 0; i < clients; i++) {
      if (state[i] == READY) {
        ready[n++] = endedAt[i];
      }
    }
    Arrays.sort(ready);
    System.out.printf("client: streams ended: %s%n", describe(counts));
    if (n > 0) {
      long first = ready[0];
      long last = ready[n - 1];
      System.out.printf("client: complete -> first ready %.0f ms (the transcode)%n", (first - completedAt) / 1e6);
      System.out.printf("client: first -> last ready %.1f ms; after the first: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
          (last - first) / 1e6, (ready[(int) (n * 0.50)] - first) / 1e6, (ready[Math.min(n - 1, (int) (n * 0.90))] - first) / 1e6,
          (ready[Math.min(n - 1, (int) (n * 0.99))] - first) / 1e6);
      System.out.printf("client: own cost from complete to the last ready: %.2f s CPU in %.2f s; largest event-loop lag %.1f ms%n",
          (cpu1 - cpu0) / 1e9, (last - completedAt) / 1e9, readyLag / 1e6);
      System.out.printf("KINORA-SSE asked=%d open=%d ready=%d first_s=%.1f spread_ms=%.1f p99_ms=%.1f lag_ms=%.1f%n", clients,
          open, n, (first - completedAt) / 1e9, (last - first) / 1e6, (ready[Math.min(n - 1, (int) (n * 0.99))] - first) / 1e6,
          readyLag / 1e6);
    } else {
      System.out.printf("KINORA-SSE asked=%d open=%d ready=0 first_s=- spread_ms=- p99_ms=- lag_ms=%.1f%n", clients, open, readyLag / 1e6);
    }
    System.out.flush();
    Runtime.getRuntime().halt(0); // 10,000 sockets need no orderly goodbye
  }

  static int[] count() {
    int[] counts = new int[NAMES.length];
    for (int i = 0; i < clients; i++) {
      counts[state[i]]++;
    }
    return counts;
  }

  static String describe(int[] counts) {
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < NAMES.length; s++) {
      if (counts[s] > 0) {
        text.append(text.length() == 0 ? "" : ", ").append(NAMES[s]).append(' ').append(counts[s]);
      }
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < clients; i++) {
      if (state[i] == REFUSED) {
        statuses.merge(httpStatus[i], 1, Integer::sum);
      }
    }
    if (!statuses.isEmpty()) {
      text.append("; refused with ").append(statuses);
    }
    return text.toString();
  }

  static long resetLag() {
    long max = 0;
    for (int i = 0; i < loops; i++) {
      max = Math.max(max, maxLagNanos[i].getAndSet(0));
    }
    return max;
  }

  /** One event loop's share of the crowd, and its own lag probe. */
  static final class Crowd extends AbstractVerticle {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final int index = INSTANCES.getAndIncrement();
    private final int from = (int) ((long) clients * index / loops);
    private final int to = (int) ((long) clients * (index + 1) / loops);
    private final int cap = Math.max(1, inFlight / loops);
    private final byte[] request = ("GET /api/videos/" + videoId + "/events HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nAccept: text/event-stream\r\nUser-Agent: kinora-sse-crowd\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private NetClient net;
    private int next;
    private int pending;
    private long expected;

    @Override
    public void start() {
      net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(60_000).setTcpNoDelay(true));
      expected = System.nanoTime() + 5_000_000;
      vertx.setPeriodic(5, t -> {
        long now = System.nanoTime();
        maxLagNanos[index].accumulateAndGet(Math.max(0, now - expected), Math::max);
        expected = now + 5_000_000;
      });
      if (firstConnectAt == 0) {
        firstConnectAt = System.nanoTime();
      }
      next = from;
      openMore();
    }

    private void openMore() {
      while (pending < cap && next < to) {
        int i = next++;
        pending++;
        net.connect(port, host).onComplete(ar -> {
          if (ar.failed()) {
            connectErrors.computeIfAbsent(String.valueOf(ar.cause().getMessage()).replaceAll("[0-9.:/]+", "#"),
                k -> new AtomicInteger()).incrementAndGet();
            resolve(i, CONNECT_FAILED);
          } else {
            new Stream(i, ar.result()).start();
          }
        });
      }
    }

    private void resolve(int i, int outcome) {
      state[i] = outcome;
      if (outcome == OPEN) {
        openedAt[i] = System.nanoTime();
      }
      pending--;
      resolvedOpens.incrementAndGet();
      openMore();
    }

    /** One SSE stream read as bytes: the status line, then the event text (chunk sizes ignored). */
    final class Stream {
      private final int i;
      private final NetSocket socket;
      private final StringBuilder head = new StringBuilder();
      private String tail = "";
      private boolean body;
      private boolean opened;
      private boolean done;

      Stream(int i, NetSocket socket) {
        this.i = i;
        this.socket = socket;
      }

      void start() {
        socket.handler(this::onData);
        socket.closeHandler(v -> {
          if (!opened) {
            if (!done) {
              done = true;
              resolve(i, CLOSED_BEFORE_EVENT);
            }
          } else if (!done) {
            finish(CLOSED_EARLY);
          }
        });
        socket.write(Buffer.buffer(request));
      }

      private void onData(Buffer data) {
        if (done) {
          return;
        }
        String text = data.toString(StandardCharsets.ISO_8859_1);
        if (!body) {
          head.append(text);
          int end = head.indexOf("\r\n\r\n");
          if (end < 0) {
            return;
          }
          int status = Integer.parseInt(head.substring(9, 12));
          if (status != 200) {
            httpStatus[i] = status;
            done = true;
            resolve(i, REFUSED);
            socket.close();
            return;
          }
          body = true;
          text = head.substring(end + 4);
          head.setLength(0);
        }
        String seen = tail + text;
        if (!opened && seen.contains("data:")) {
          opened = true;
          resolve(i, OPEN);
        }
        if (opened) {
          if (seen.contains("\"status\":\"ready\"")) {
            finish(READY);
          } else if (seen.contains("\"status\":\"failed\"")) {
            finish(FAILED);
          } else if (seen.contains("event: deleted")) {
            finish(DELETED);
          }
        }
        tail = seen.length() > 40 ? seen.substring(seen.length() - 40) : seen;
      }

      private void finish(int outcome) {
        endedAt[i] = System.nanoTime();
        state[i] = outcome;
        done = true;
        ended.incrementAndGet();
        socket.close();
      }
    }
  }
}
