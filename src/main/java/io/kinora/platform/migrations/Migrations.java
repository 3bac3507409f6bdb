package io.kinora.platform.migrations;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the data in Redis to the schema version this release expects, once, before a node
 * serves. The version is one key ({@link RedisKeys#SCHEMA_VERSION}); the node that takes the lock
 * ({@link RedisKeys#SCHEMA_LOCK}: SET NX PX with its node id, renewed while it works, released by
 * compare-and-delete) applies every migration above the stored version in order, storing the new
 * version after each one. Other nodes poll with backoff until the version is the latest; should
 * the holder die, its lock expires and the next node continues from the last stored version.
 *
 * <p>A new deployment (no {@code kinora:*} key at all) has nothing to migrate and is stamped with
 * the latest version directly. Data without a version key comes from a release before versions:
 * it starts at 0, so every migration runs.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** {@link MigrationOutcome#found()} when Redis held no version. */
  public static final int NONE = -1;

  private static final long FIRST_POLL_MILLIS = 50;
  private static final long MAX_POLL_MILLIS = 2_000;
  private static final String SCAN_BATCH = "1000";

  // each script's KEYS and ARGV are in the head of its file, src/main/resources/lua/platform/migrations/

  /** Renews the lock if it is still this node's. */
  private static final LuaScript RENEW = LuaScript.load("platform/migrations/renew-lock");
  /** Deletes the lock only if it is still this node's. */
  private static final LuaScript RELEASE = LuaScript.load("platform/migrations/release-lock");
  /** Stores the version reached, if the lock is still this node's. */
  private static final LuaScript STORE_VERSION = LuaScript.load("platform/migrations/store-version");

  /**
   * How long the lock lives unless renewed (renewed every third of it), and how long a node waits
   * for another node's migrations before it gives up starting.
   */
  public record Timing(Duration lockTtl, Duration maxWait) {
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(30), Duration.ofMinutes(15));
  }

  private final Vertx vertx;
  private final RedisStore redis;
  private final String nodeId;
  private final List<Migration> migrations;
  private final Timing timing;
  private final int latest;

  /** @param migrations every migration, numbered 1, 2, 3… in this order (checked) */
  public Migrations(Vertx vertx, RedisStore redis, String nodeId, List<Migration> migrations, Timing timing) {
    checkNumbering(migrations);
    this.vertx = vertx;
    this.redis = redis;
    this.nodeId = nodeId;
    this.migrations = List.copyOf(migrations);
    this.timing = timing;
    this.latest = migrations.size();
  }

  /** A list numbered anything but 1..n in order is a programming error: refuse it before any data is touched. */
  static void checkNumbering(List<Migration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      Migration m = migrations.get(i);
      if (m.number() != i + 1) {
        throw new IllegalArgumentException("migration " + m.number() + " (" + m.description() + ") is registered "
            + "in place " + (i + 1) + ": migrations are numbered 1, 2, 3… in the order they run");
      }
    }
  }

  /** The version this release expects: the number of the last migration. */
  public int latest() {
    return latest;
  }

  /** Migrates if needed, or waits for the node that does; fails the start with a sentence saying why not. */
  public Future<MigrationOutcome> run() {
    long deadline = System.nanoTime() + timing.maxWait().toNanos();
    return attempt(deadline, FIRST_POLL_MILLIS);
  }

  private Future<MigrationOutcome> attempt(long deadline, long pollMillis) {
    return readVersion().compose(found -> {
      if (found == latest) {
        return Future.succeededFuture(new MigrationOutcome(found, found, List.of(), false));
      }
      if (found > latest) {
        return Future.failedFuture(tooNew(found));
      }
      return redis.api().set(List.of(RedisKeys.SCHEMA_LOCK, nodeId, "NX", "PX", Long.toString(timing.lockTtl().toMillis())))
          .compose(taken -> taken != null ? migrateHoldingLock() : waitForHolder(deadline, pollMillis));
    });
  }

  /** Another node holds the lock: poll again after a while, unless it can never be released or we waited enough. */
  private Future<MigrationOutcome> waitForHolder(long deadline, long pollMillis) {
    Future<Response> holder = redis.api().get(RedisKeys.SCHEMA_LOCK);
    Future<Response> ttl = redis.api().pttl(RedisKeys.SCHEMA_LOCK);
    return Future.all(holder, ttl).compose(read -> {
      String who = holder.result() == null ? "another node" : "node " + holder.result();
      if (ttl.result().toLong() == -1) {
        return Future.failedFuture(new IllegalStateException("the schema lock " + RedisKeys.SCHEMA_LOCK + " is held by "
            + who + " and never expires, so no node can migrate: if no node is migrating, delete it (redis-cli DEL "
            + RedisKeys.SCHEMA_LOCK + ") and start again"));
      }
      if (System.nanoTime() - deadline > 0) {
        return readVersion().compose(now -> Future.failedFuture(new IllegalStateException("waited "
            + timing.maxWait().toSeconds() + " s for " + who + " to migrate the schema to version " + latest
            + " (it is at " + (now == NONE ? "no version yet" : "version " + now) + ") and gave up: start this node again once it has finished")));
      }
      if (pollMillis == FIRST_POLL_MILLIS) {
        LOG.info("waiting for {} to migrate the schema to version {}", who, latest);
      }
      return vertx.timer(pollMillis)
          .compose(t -> attempt(deadline, Math.min(pollMillis * 2, MAX_POLL_MILLIS)));
    });
  }

  private Future<MigrationOutcome> migrateHoldingLock() {
    long renewEvery = Math.max(1, timing.lockTtl().toMillis() / 3);
    long renewal = vertx.setPeriodic(renewEvery, id -> renew());
    // read again under the lock: the node that held it before may have finished meanwhile
    return readVersion()
        .compose(this::migrateFrom)
        .eventually(() -> {
          vertx.cancelTimer(renewal);
          return release();
        });
  }

  private Future<MigrationOutcome> migrateFrom(int found) {
    if (found == latest) {
      return Future.succeededFuture(new MigrationOutcome(found, found, List.of(), false));
    }
    if (found > latest) {
      return Future.failedFuture(tooNew(found));
    }
    if (found != NONE) {
      return applyAbove(found, found);
    }
    return hasData("0").compose(hasData -> {
      if (hasData) {
        LOG.info("data without a schema version (a release from before versions): migrating from version 0");
        return applyAbove(0, NONE);
      }
      return storeVersion(latest).map(v -> {
        LOG.info("a new deployment: schema version {} stamped, nothing to migrate", latest);
        return new MigrationOutcome(NONE, latest, List.of(), true);
      });
    });
  }

  /** Applies every migration above {@code from}, in order, storing the version after each one. */
  private Future<MigrationOutcome> applyAbove(int from, int found) {
    Future<List<Integer>> chain = Future.succeededFuture(new ArrayList<>());
    for (Migration m : migrations) {
      if (m.number() > from) {
        chain = chain.compose(applied -> applyOne(m).map(v -> {
          applied.add(m.number());
          return applied;
        }));
      }
    }
    return chain.map(applied -> new MigrationOutcome(found, latest, applied, false));
  }

  private Future<Void> applyOne(Migration m) {
    LOG.info("schema migration {}: {}", m.number(), m.description());
    long started = System.nanoTime();
    // compose, so a migration that throws instead of failing its future is caught too
    return Future.succeededFuture().compose(v -> m.apply())
        .recover(err -> Future.failedFuture(new IllegalStateException("schema migration " + m.number() + " ("
            + m.description() + ") failed, so the schema stays at version " + (m.number() - 1)
            + " and the next start tries it again: " + err.getMessage(), err)))
        .compose(v -> storeVersion(m.number()))
        .onSuccess(v -> LOG.info("schema migration {} done in {} ms: schema version {}", m.number(),
            (System.nanoTime() - started) / 1_000_000, m.number()));
  }

  private Future<Integer> readVersion() {
    return redis.api().get(RedisKeys.SCHEMA_VERSION).compose(r -> {
      if (r == null) {
        return Future.succeededFuture(NONE);
      }
      try {
        return Future.succeededFuture(Integer.parseInt(r.toString()));
      } catch (NumberFormatException e) {
        return Future.failedFuture(new IllegalStateException(RedisKeys.SCHEMA_VERSION + " holds '" + r
            + "', not a schema version number: it was changed by hand; set it to the version the data is at"));
      }
    });
  }

  private Future<Void> storeVersion(int version) {
    return redis.run(STORE_VERSION, List.of(RedisKeys.SCHEMA_LOCK, RedisKeys.SCHEMA_VERSION),
        List.of(nodeId, Integer.toString(version))).compose(r -> r.toInteger() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(new IllegalStateException("this node lost the schema lock while migrating (paused "
            + "for longer than " + timing.lockTtl().toSeconds() + " s?), so it stops; another node carries on")));
  }

  private void renew() {
    redis.run(RENEW, List.of(RedisKeys.SCHEMA_LOCK), List.of(nodeId, Long.toString(timing.lockTtl().toMillis())))
        .onSuccess(r -> {
          if (r.toInteger() != 1) {
            LOG.warn("the schema lock is no longer this node's: the version will not be stored");
          }
        })
        .onFailure(err -> LOG.warn("could not renew the schema lock: {}", err.toString()));
  }

  /** Never fails: a lock left behind expires on its own. */
  private Future<Void> release() {
    return redis.run(RELEASE, List.of(RedisKeys.SCHEMA_LOCK), List.of(nodeId))
        .onFailure(err -> LOG.warn("could not release the schema lock (it expires on its own): {}", err.toString()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** Whether any {@code kinora:*} key but the schema's own exists (SCAN, so Redis is never blocked). */
  private Future<Boolean> hasData(String cursor) {
    return redis.api().scan(List.of(cursor, "MATCH", "kinora:*", "COUNT", SCAN_BATCH)).compose(r -> {
      for (Response key : r.get(1)) {
        String name = key.toString();
        if (!name.equals(RedisKeys.SCHEMA_VERSION) && !name.equals(RedisKeys.SCHEMA_LOCK)) {
          return Future.succeededFuture(true);
        }
      }
      String next = r.get(0).toString();
      return "0".equals(next) ? Future.succeededFuture(false) : hasData(next);
    });
  }

  private IllegalStateException tooNew(int found) {
    return new IllegalStateException("Redis holds schema version " + found + ", newer than version " + latest
        + " this release knows: a newer Kinora migrated it; run that release (or restore a backup from before it)");
  }
}
