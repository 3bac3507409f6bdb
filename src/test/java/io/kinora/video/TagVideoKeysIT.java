package io.kinora.video;

import io.kinora.platform.redis.ClusterSlots;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration 1 against data as the release before hash tags wrote it: every key of a video moves
 * to its tagged name with its content and TTL, in one slot; a second run changes nothing.
 */
@ExtendWith(VertxExtension.class)
class TagVideoKeysIT {

  private static final String ID = "OldKeysVideo0000000001";
  /** A running job whose video was deleted: only its lease is left. */
  private static final String GONE = "OldKeysVideo0000000002";

  private RedisServer redis;
  private RedisStore store;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    redis = RedisServer.start();
    store = redis.connect(vertx);
  }

  @AfterEach
  void stop() {
    store.close();
    redis.close();
  }

  @Test
  void everyKeyOfAVideoMovesToItsTaggedNameWithItsContentAndTtl() throws Exception {
    String old = "kinora:video:" + ID;
    redis.cli("HSET", old, "id", ID, "status", "processing", "seq", "4");
    redis.cli("HSET", old + ":playlists", "720p", "#EXTM3U");
    redis.cli("HSET", old + ":ratings", "user1", "like");
    redis.cli("ZADD", old + ":comments", "1", "c1");
    redis.cli("SET", "kinora:jobs:lease:" + ID, "node/worker", "PX", "600000");
    redis.cli("ZADD", "kinora:videos", "1761955200000", ID);
    redis.cli("SET", "kinora:jobs:lease:" + GONE, "node/worker", "PX", "600000");
    redis.cli("SADD", "kinora:jobs:running", ID, GONE);

    await(new TagVideoKeys(store).apply());

    assertEquals("0", redis.cli("EXISTS", old, old + ":playlists", old + ":ratings", old + ":comments",
        "kinora:jobs:lease:" + ID, "kinora:jobs:lease:" + GONE), "no key is left under its old name");
    assertEquals("processing", redis.cli("HGET", RedisKeys.video(ID), "status"));
    assertEquals("#EXTM3U", redis.cli("HGET", RedisKeys.playlists(ID), "720p"));
    assertEquals("like", redis.cli("HGET", RedisKeys.ratings(ID), "user1"));
    assertEquals("c1", redis.cli("ZRANGE", RedisKeys.comments(ID), "0", "-1"));
    assertEquals("node/worker", redis.cli("GET", RedisKeys.lease(ID)));
    long ttl = Long.parseLong(redis.cli("PTTL", RedisKeys.lease(ID)));
    assertTrue(ttl > 0 && ttl <= 600_000, "the lease keeps its TTL: " + ttl);
    assertEquals("node/worker", redis.cli("GET", RedisKeys.lease(GONE)), "a running job's lease, its video gone");
    int slot = ClusterSlots.slot(RedisKeys.video(ID));
    for (String key : List.of(RedisKeys.playlists(ID), RedisKeys.ratings(ID), RedisKeys.comments(ID), RedisKeys.lease(ID))) {
      assertEquals(slot, ClusterSlots.slot(key), key);
    }

    String before = redis.cli("HGETALL", RedisKeys.video(ID));
    await(new TagVideoKeys(store).apply());
    assertEquals(before, redis.cli("HGETALL", RedisKeys.video(ID)), "a second run changes nothing");
    // the video's five keys, the lease of the job whose video is gone, kinora:videos and the running set
    assertEquals("8", redis.cli("DBSIZE"), "nothing made twice");
  }

  @Test
  void aKeyUnderBothNamesIsLeftAsItIs() throws Exception {
    redis.cli("HSET", "kinora:video:" + ID, "id", ID, "title", "old name");
    redis.cli("HSET", RedisKeys.video(ID), "id", ID, "title", "new name");
    redis.cli("ZADD", "kinora:videos", "1", ID);

    await(new TagVideoKeys(store).apply());

    assertEquals("old name", redis.cli("HGET", "kinora:video:" + ID, "title"));
    assertEquals("new name", redis.cli("HGET", RedisKeys.video(ID), "title"));
  }

  @Test
  void videosAreRenamedAPageAtATime() throws Exception {
    int count = TagVideoKeys.PAGE * 2 + 3;
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("PagedVideo%012d", i);
      writes.add(store.api().hset(List.of("kinora:video:" + id, "id", id)));
      writes.add(store.api().zadd(List.of("kinora:videos", Integer.toString(i), id)));
    }
    await(Future.all(writes));

    await(new TagVideoKeys(store).apply());

    assertEquals("", redis.cli("KEYS", "kinora:video:P*"), "no video left under its old name");
    assertEquals(count, redis.cli("KEYS", "kinora:video:{*").lines().count());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
