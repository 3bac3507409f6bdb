package io.kinora.platform.redis;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.async.Futures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Redis client that sends every command over a few long-lived connections, pipelined: many
 * commands are on the wire at once and replies come back in order. Vert.x's pooled client holds a
 * connection per command in flight instead, so a burst of requests queues for connections and
 * overflows the pool's wait queue long before Redis is busy.
 * <p>
 * A connection that breaks is reopened by the next command; while Redis cannot be reached,
 * commands fail at once (UNAVAILABLE, a 503) and a new attempt is made only after a
 * backoff (100 ms, doubling to 2 s), so a restart of Redis costs the commands sent during it and
 * never a storm of reconnects.
 */
final class PipelinedRedis implements Redis {

  private static final Logger LOG = LoggerFactory.getLogger(PipelinedRedis.class);

  /** Commands in flight per connection before sends fail (as overload: 503 and retry). */
  static final int MAX_IN_FLIGHT_PER_CONNECTION = 16_384;
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 2_000;
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  /**
   * A connection whose oldest command has waited this long for its reply has stopped answering
   * (a frozen Redis, a black-holed network): it is closed, its commands fail as UNAVAILABLE, and
   * the next command opens a new one. Far above any command Kinora sends, scripts included.
   */
  static final long REPLY_DEADLINE_MILLIS = 10_000;
  /**
   * Error replies that mean "try again": a closed connection, Redis still loading its data, a busy
   * script, and what a failover looks like from here (a primary turned replica, no primary yet).
   */
  private static final List<String> TRANSIENT_REPLIES = List.of("CONNECTION_CLOSED", "LOADING", "BUSY", "READONLY",
      "MASTERDOWN");
  /** Replies after which a connection is dropped: it goes to a server that is no longer the primary. */
  private static final List<String> NOT_THE_PRIMARY = List.of("READONLY", "MASTERDOWN");

  private final Vertx vertx;
  private final Redis connector;
  private final Pipe[] pipes;
  private final AtomicInteger next = new AtomicInteger();
  private final long watchdog;

  PipelinedRedis(Vertx vertx, RedisOptions options, int connections) {
    this.vertx = vertx;
    // the pool only hands out the long-lived connections (plus any asked for with connect())
    RedisOptions pooled = new RedisOptions(options)
        .setMaxPoolSize(connections + 2)
        .setMaxWaitingHandlers(MAX_IN_FLIGHT_PER_CONNECTION);
    // commands wait for a connection being opened: an unreachable host must not hold them a minute
    pooled.getNetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    this.connector = Redis.createClient(vertx, pooled);
    this.pipes = new Pipe[connections];
    for (int i = 0; i < connections; i++) {
      pipes[i] = new Pipe();
    }
    this.watchdog = vertx.setPeriodic(1_000, t -> {
      for (Pipe pipe : pipes) {
        pipe.closeIfSilent(System.currentTimeMillis());
      }
    });
  }

  @Override
  public Future<Response> send(Request request) {
    return onPipe(connection -> connection.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return onPipe(connection -> connection.batch(requests));
  }

  /** A connection of its own, not shared (for commands that hold a connection, such as blocking pops). */
  @Override
  public Future<RedisConnection> connect() {
    return connector.connect();
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(watchdog);
    for (Pipe pipe : pipes) {
      pipe.close();
    }
    return connector.close();
  }

  /**
   * Runs {@code call} on the next open connection with room (round robin), opening any that is
   * closed on the way; waits for one being opened when none is open; fails as overloaded when
   * every open connection has {@link #MAX_IN_FLIGHT_PER_CONNECTION} commands in flight.
   */
  private <T> Future<T> onPipe(Function<RedisConnection, Future<T>> call) {
    int start = Math.floorMod(next.getAndIncrement(), pipes.length);
    Pipe opening = null;
    boolean anyOpen = false;
    for (int i = 0; i < pipes.length; i++) {
      Pipe pipe = pipes[(start + i) % pipes.length];
      RedisConnection open = pipe.openConnection();
      if (open != null && !open.pendingQueueFull()) {
        return pipe.watched(call.apply(open)).recover(err -> pipe.failed(open, err));
      }
      anyOpen |= open != null;
      if (open == null && !pipe.connection().failed() && opening == null) {
        opening = pipe;
      }
    }
    if (opening != null) {
      Pipe pipe = opening;
      // answer on the caller's own thread, not on the one that completed the connect
      return Futures.onCallersContext(pipe.connection()
          .compose(connection -> pipe.watched(call.apply(connection)).recover(err -> pipe.failed(connection, err))));
    }
    return Future.failedFuture(anyOpen
        ? KinoraException.overloaded("This server has too many database requests in flight; try again in a moment.", 1)
        : unavailable(null));
  }

  /**
   * Redis's own error replies stay what they are, except those that mean "not now"; a lost
   * connection (which the client reports as a {@code CONNECTION_CLOSED} reply) is Redis being
   * unavailable.
   */
  private static <T> Future<T> asUnavailable(Throwable failure) {
    boolean notNow = failure instanceof Response && failure.getMessage() != null
        && TRANSIENT_REPLIES.stream().anyMatch(failure.getMessage()::startsWith);
    if (failure instanceof KinoraException || (failure instanceof Response && !notNow)) {
      return Future.failedFuture(failure);
    }
    return Future.failedFuture(unavailable(failure));
  }

  /** One shared connection: open, opening, or failed until its backoff has passed. */
  private final class Pipe {
    private Future<RedisConnection> current;
    private long backoffMillis = MIN_BACKOFF_MILLIS;
    private boolean closed;
    /** Replies awaited on this pipe, oldest first (Redis answers in order). */
    private final Queue<Awaited> awaited = new ConcurrentLinkedQueue<>();

    private record Awaited(long sentAtMillis, Future<?> reply) {
    }

    <T> Future<T> watched(Future<T> reply) {
      if (!reply.isComplete()) {
        awaited.add(new Awaited(System.currentTimeMillis(), reply));
      }
      return reply;
    }

    /**
     * A command failed: when it is because the connection closed, the pipe lets go of it at once.
     * Its end handler would too, but the client skips that handler when it sees the end of a
     * connection it already closed (an assertion, with -ea), and a pipe must never keep a dead one.
     */
    <T> Future<T> failed(RedisConnection connection, Throwable failure) {
      String message = String.valueOf(failure.getMessage());
      if (message.startsWith("CONNECTION_CLOSED") || message.contains("Connection is closed")
          || NOT_THE_PRIMARY.stream().anyMatch(message::startsWith)) {
        // the next command opens a new connection, which with Sentinel goes to the primary it names now
        broken(connection);
      }
      return asUnavailable(failure);
    }

    /** Closes the connection if its oldest awaited reply is overdue (the watchdog, every second). */
    void closeIfSilent(long nowMillis) {
      Awaited oldest;
      while ((oldest = awaited.peek()) != null && oldest.reply().isComplete()) {
        awaited.poll();
      }
      if (oldest != null && nowMillis - oldest.sentAtMillis() > REPLY_DEADLINE_MILLIS) {
        RedisConnection silent = openConnection();
        awaited.clear();
        if (silent != null) {
          LOG.warn("Redis has not answered for {} s: closing the connection, its commands fail",
              REPLY_DEADLINE_MILLIS / 1000);
          broken(silent);
        }
      }
    }

    synchronized RedisConnection openConnection() {
      return current != null && current.succeeded() ? current.result() : null;
    }

    synchronized Future<RedisConnection> connection() {
      if (closed) {
        return Future.failedFuture(unavailable(null));
      }
      if (current == null) {
        current = open();
      }
      return current;
    }

    private Future<RedisConnection> open() {
      Future<RedisConnection> attempt = connector.connect();
      // the connect includes a handshake (HELLO) that a frozen Redis never answers
      Future<RedisConnection> opening = attempt.timeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .recover(err -> Future.failedFuture(unavailable(err)));
      attempt.onSuccess(late -> {
        if (opening.failed()) {
          forceClose(late);
        }
      });
      opening.onComplete(result -> {
        if (result.succeeded()) {
          connected(result.result());
        } else {
          failed(opening);
        }
      });
      return opening;
    }

    private synchronized void connected(RedisConnection connection) {
      backoffMillis = MIN_BACKOFF_MILLIS;
      // an exception alone may leave the socket usable; the end is what makes it useless
      connection.exceptionHandler(err -> LOG.debug("Redis connection: {}", err.toString()));
      connection.endHandler(v -> broken(connection));
      if (closed) {
        connection.close();
      }
    }

    /** Keeps the failure for the backoff, so commands meanwhile fail at once; then allows a retry. */
    private synchronized void failed(Future<RedisConnection> attempt) {
      long delay = backoffMillis;
      backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
      vertx.setTimer(delay, t -> forget(attempt));
    }

    private synchronized void broken(RedisConnection connection) {
      if (current != null && current.succeeded() && current.result() == connection) {
        current = null;
        forceClose(connection);
      }
    }

    private synchronized void forget(Future<RedisConnection> attempt) {
      if (current == attempt) {
        current = null;
      }
    }

    synchronized void close() {
      closed = true;
      if (current != null && current.succeeded()) {
        forceClose(current.result());
      }
      current = null;
    }
  }

  /**
   * Closes the socket itself. {@code RedisConnection.close()} on a pooled connection hands it back
   * to the pool instead (or, with replies pending, keeps it out of the pool, open, for ever); the
   * client has no public way to drop a connection, hence its implementation class here.
   */
  private static void forceClose(RedisConnection connection) {
    if (connection instanceof PooledRedisConnection pooled) {
      pooled.actual().forceClose();
    } else {
      connection.close();
    }
  }

  private static KinoraException unavailable(Throwable cause) {
    return KinoraException.unavailable("Redis is not reachable right now; try again in a moment.", cause);
  }
}
