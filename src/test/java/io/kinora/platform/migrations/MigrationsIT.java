package io.kinora.platform.migrations;

import io.kinora.platform.redis.RedisStore;
import io.kinora.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema version and its migrations against a real redis-server: each migration runs once, in
 * order, under the lock, however many nodes start at once; a new deployment is stamped without
 * running any; a failed one is tried again by the next start; a dead holder's lock expires.
 */
@ExtendWith(VertxExtension.class)
class MigrationsIT {

  private static final String VERSION = "kinora:schema:version";
  private static final String LOCK = "kinora:schema:lock";
  private static final Migrations.Timing QUICK = new Migrations.Timing(Duration.ofSeconds(5), Duration.ofSeconds(20));

  private RedisServer redis;
  private RedisStore store;
  private Vertx vertx;
  /** "node:number" for every migration that completed, in the order they completed. */
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    redis = RedisServer.start();
    store = RedisStore.connect(vertx, redis.url());
    // a cold JVM on a busy machine may miss the client's connect timeout once: warm up before timing anything
    await(pingUntilAnswered(10));
  }

  private Future<Void> pingUntilAnswered(int attemptsLeft) {
    return store.ping().recover(err -> attemptsLeft <= 1 ? Future.failedFuture(err)
        : vertx.timer(200).compose(t -> pingUntilAnswered(attemptsLeft - 1)));
  }

  @AfterEach
  void stop() {
    store.close();
    redis.close();
  }

  /** A migration that takes {@code millis}, fails its first {@code failures} attempts, and notes when it completed. */
  private final class Step implements Migration {
    private final int number;
    private final long millis;
    private final AtomicInteger failuresLeft;
    private String node = "?";

    Step(int number, long millis, int failures) {
      this.number = number;
      this.millis = millis;
      this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public int number() {
      return number;
    }

    @Override
    public String description() {
      return "step " + number;
    }

    @Override
    public Future<Void> apply() {
      Future<Void> waited = millis > 0 ? vertx.timer(millis).mapEmpty() : Future.succeededFuture();
      return waited.compose(t -> {
        if (failuresLeft.getAndDecrement() > 0) {
          return Future.failedFuture(new IllegalStateException("step " + number + " broke"));
        }
        ran.add(node + ":" + number);
        return Future.succeededFuture();
      });
    }
  }

  private List<Migration> steps(String node, long millis) {
    List<Migration> steps = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      Step step = new Step(n, millis, 0);
      step.node = node;
      steps.add(step);
    }
    return steps;
  }

  private Migrations runner(String node, List<Migration> migrations, Migrations.Timing timing) {
    return new Migrations(vertx, store, node, migrations, timing);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(future));
    return e.getCause();
  }

  /** Data as a release from before schema versions left it: keys, no version. */
  private void dataWithoutVersion() throws Exception {
    redis.cli("ZADD", "kinora:videos", "1761955200000", "Old");
  }

  @Test
  void dataWithoutAVersionRunsEveryMigrationOnceInOrderAndTheNextStartRunsNone() throws Exception {
    dataWithoutVersion();

    MigrationOutcome first = await(runner("a", steps("a", 0), QUICK).run());

    assertEquals(Migrations.NONE, first.found());
    assertEquals(List.of(1, 2, 3), first.applied());
    assertEquals(3, first.version());
    assertFalse(first.stamped());
    assertEquals(List.of("a:1", "a:2", "a:3"), ran);
    assertEquals("3", redis.cli("GET", VERSION));
    assertEquals("0", redis.cli("EXISTS", LOCK), "the lock is released");

    MigrationOutcome second = await(runner("b", steps("b", 0), QUICK).run());

    assertEquals(3, second.found(), "the second start read the stored version");
    assertEquals(List.of(), second.applied());
    assertEquals(List.of("a:1", "a:2", "a:3"), ran);
  }

  @Test
  void aNewDeploymentIsStampedWithTheLatestVersionWithoutRunningThem() throws Exception {
    redis.cli("SET", "unrelated:app:key", "1");

    MigrationOutcome outcome = await(runner("a", steps("a", 0), QUICK).run());

    assertTrue(outcome.stamped());
    assertEquals(List.of(), outcome.applied());
    assertEquals(List.of(), ran);
    assertEquals("3", redis.cli("GET", VERSION));
  }

  @Test
  void onlyTheMigrationsAboveTheStoredVersionRun() throws Exception {
    dataWithoutVersion();
    redis.cli("SET", VERSION, "1");

    MigrationOutcome outcome = await(runner("a", steps("a", 0), QUICK).run());

    assertEquals(1, outcome.found());
    assertEquals(List.of(2, 3), outcome.applied());
    assertEquals(List.of("a:2", "a:3"), ran);
  }

  @Test
  void nodesStartingTogetherApplyEachMigrationExactlyOnce() throws Exception {
    dataWithoutVersion();
    // each step outlives the lock twice over: only renewal keeps the others out
    Migrations.Timing shortLock = new Migrations.Timing(Duration.ofMillis(300), Duration.ofSeconds(30));
    List<Future<MigrationOutcome>> starts = new ArrayList<>();
    for (String node : List.of("a", "b", "c")) {
      starts.add(runner(node, steps(node, 600), shortLock).run());
    }

    await(Future.all(starts));

    assertEquals(3, ran.size(), String.valueOf(ran));
    String migrator = ran.get(0).substring(0, 1);
    assertEquals(List.of(migrator + ":1", migrator + ":2", migrator + ":3"), ran);
    List<Integer> appliedByAll = new ArrayList<>();
    starts.forEach(start -> appliedByAll.addAll(start.result().applied()));
    assertEquals(List.of(1, 2, 3), appliedByAll);
    starts.forEach(start -> assertEquals(3, start.result().version()));
    assertEquals("3", redis.cli("GET", VERSION));
  }

  @Test
  void aFailedMigrationLeavesTheLastVersionAndTheNextStartTriesItAgain() throws Exception {
    dataWithoutVersion();
    Step broken = new Step(2, 0, 1);
    List<Migration> migrations = List.of(new Step(1, 0, 0), broken, new Step(3, 0, 0));

    Throwable failed = failure(runner("a", migrations, QUICK).run());

    assertTrue(failed.getMessage().contains("schema migration 2 (step 2) failed"), failed.getMessage());
    assertTrue(failed.getMessage().contains("step 2 broke"), failed.getMessage());
    assertEquals("1", redis.cli("GET", VERSION));
    assertEquals("0", redis.cli("EXISTS", LOCK), "the lock is released after a failure too");

    MigrationOutcome retried = await(runner("b", migrations, QUICK).run());

    assertEquals(1, retried.found());
    assertEquals(List.of(2, 3), retried.applied());
    assertEquals(List.of("?:1", "?:2", "?:3"), ran, "migration 1 ran once");
    assertEquals("3", redis.cli("GET", VERSION));
  }

  @Test
  void theLockOfANodeThatDiedMidWayExpiresAndTheNextNodeCarriesOn() throws Exception {
    dataWithoutVersion();
    redis.cli("SET", VERSION, "1");
    redis.cli("SET", LOCK, "dead-node", "PX", "700");

    long started = System.nanoTime();
    MigrationOutcome outcome = await(runner("a", steps("a", 0), QUICK).run());

    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 500, "waited for the lock to expire");
    assertEquals(List.of(2, 3), outcome.applied());
    assertEquals(List.of("a:2", "a:3"), ran);
  }

  @Test
  void aLockThatNeverExpiresFailsTheStartWithASentence() throws Exception {
    dataWithoutVersion();
    redis.cli("SET", LOCK, "dead-node");

    Throwable failed = failure(runner("a", steps("a", 0), QUICK).run());

    assertTrue(failed.getMessage().contains("held by node dead-node and never expires"), failed.getMessage());
    assertTrue(failed.getMessage().contains("redis-cli DEL " + LOCK), failed.getMessage());
    assertEquals(List.of(), ran);
  }

  @Test
  void aNodeWaitsForAnotherNodesMigrationsOnlySoLong() throws Exception {
    dataWithoutVersion();
    redis.cli("SET", LOCK, "slow-node", "PX", "60000");

    Throwable failed = failure(runner("a", steps("a", 0), new Migrations.Timing(Duration.ofSeconds(5),
        Duration.ofMillis(400))).run());

    assertTrue(failed.getMessage().contains("for node slow-node to migrate the schema to version 3"),
        failed.getMessage());
    assertTrue(failed.getMessage().contains("gave up"), failed.getMessage());
    assertEquals(List.of(), ran);
  }

  @Test
  void aVersionNewerThanTheReleaseRefusesToStart() throws Exception {
    redis.cli("SET", VERSION, "7");

    Throwable failed = failure(runner("a", steps("a", 0), QUICK).run());

    assertTrue(failed.getMessage().contains("schema version 7, newer than version 3"), failed.getMessage());
    assertEquals(List.of(), ran);
  }

  @Test
  void aNodeThatLostItsLockStoresNoVersion() throws Exception {
    dataWithoutVersion();
    String node = "a-" + UUID.randomUUID();
    Migration stolen = new Migration() {
      @Override
      public int number() {
        return 1;
      }

      @Override
      public String description() {
        return "paused past the lock";
      }

      @Override
      public Future<Void> apply() {
        // as if this node paused until its lock expired and another node took it
        return store.api().set(List.of(LOCK, "other-node")).mapEmpty();
      }
    };

    Throwable failed = failure(runner(node, List.of(stolen), QUICK).run());

    assertTrue(failed.getMessage().contains("lost the schema lock"), failed.getMessage());
    assertEquals("", redis.cli("GET", VERSION));
    assertEquals("other-node", redis.cli("GET", LOCK), "another node's lock is not released");
  }
}
