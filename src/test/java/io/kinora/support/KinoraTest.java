package io.kinora.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test class that runs against a whole Kinora node (embedded S3, real Redis, real
 * ffmpeg) started once per test run and shared by every class asking for the same node.
 *
 * <p>The class declares {@code static} fields of the types it needs and {@link
 * KinoraNodeExtension} sets them before any {@code @BeforeAll} method runs:
 *
 * <pre>{@code
 * @KinoraTest
 * class SomethingIT {
 *   static KinoraClient client;   // HTTP helpers: upload, awaitReady, sse, ...
 *   static TestNode node;         // ports, config, data and temp directories
 *   static RedisServer redis;     // redis-cli, to look at raw state
 * }
 * }</pre>
 *
 * <p>A shared node holds videos from other classes, so a test asserts on what it created itself
 * (its IDs, totals relative to a count taken before), never on the whole library. A class that
 * needs a library nobody else writes to names its own {@link #group}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KinoraNodeExtension.class)
@ResourceLock(providers = KinoraNodeLocks.class)
public @interface KinoraTest {

  /*
   * Shared nodes beside the default one. The classes of one node take turns, so each node is a
   * queue of classes; four queues of two or three minutes run side by side, where one queue of
   * every such class was nearly as long as the whole run (docs/testing.md).
   */
  /** The social features' API tests: channels, comments, playlists, ratings, search, the catalogue. */
  String SOCIAL = "social";
  /** The browser tests of the watch page and its tracks, and of the API reference. */
  String PLAYER_PAGES = "player-pages";
  /** The browser tests of the social pages. */
  String SOCIAL_PAGES = "social-pages";

  /**
   * Settings on top of {@link TestNode}'s test defaults, each {@code KEY=VALUE} (the node's
   * {@code KINORA_*} environment keys), e.g. {@code "KINORA_MAX_UPLOAD_BYTES=300000"}. Classes
   * with the same group and the same settings share one node.
   */
  String[] settings() default {};

  /** Classes share a node only within a group; the default group is the run's shared node. */
  String group() default "shared";
}
