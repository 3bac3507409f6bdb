package io.kinora.social.search;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.support.RedisServer;
import io.kinora.video.VideoCache;
import io.kinora.video.VideoChanges;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index and the query script on a Redis of their own, with video records written directly
 * (no node, no ffmpeg): a channel rename through {@link SearchIndex#reindexOwner}, an edited record,
 * a record that is gone, and the bounds that make a total an estimate.
 */
@ExtendWith(VertxExtension.class)
class SearchIndexIT {

  private static RedisServer server;
  private static RedisStore redis;
  private static SearchIndex index;
  private static Searcher searcher;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = RedisServer.start();
    redis = server.connect(vertx);
    index = new SearchIndex(redis, new VideoRepository(redis, new VideoChanges(vertx.eventBus(), new VideoCache())));
    searcher = new Searcher(redis);
  }

  @AfterAll
  static void stop() {
    redis.close();
    server.close();
  }

  @Test
  void aChannelRenameReachesEveryPublicVideoOfTheOwner() throws Exception {
    String owner = "owner-" + UUID.randomUUID();
    redis.api().hset(List.of(RedisKeys.profile(owner), "displayName", "Old Studio")).await();
    List<String> ids = List.of(video(owner, "first clip", 1), video(owner, "second clip", 2));
    for (String id : ids) {
      index.sync(id).await();
      redis.api().zadd(List.of(RedisKeys.userCatalogue(owner), "1", id)).await();
    }
    assertEquals(2, search("old studio").ids().size());

    redis.api().hset(List.of(RedisKeys.profile(owner), "displayName", "Brand New")).await();
    assertEquals(2, index.reindexOwner(owner).await());

    assertEquals(2, search("brand new").ids().size());
    assertEquals(0, search("old studi").ids().size());
    assertEquals("", server.cli("ZSCORE", RedisKeys.SEARCH_TOKENS, "old"), "a word nobody has any more is gone");
  }

  @Test
  void anEditedRecordIsIndexedUnderItsNewWordsOnly() throws Exception {
    String id = video("owner-" + UUID.randomUUID(), "stale title", 3);
    index.sync(id).await();
    server.cli("HSET", RedisKeys.video(id), "title", "fresh title", "updatedAt", Instant.now().plusSeconds(1).toString());

    index.sync(id).await();

    assertEquals(List.of(id), search("fresh title").ids());
    assertEquals(List.of(), search("stale title").ids());
  }

  @Test
  void aVideoWhoseRecordIsGoneLeavesTheIndex() throws Exception {
    String id = video("owner-" + UUID.randomUUID(), "vanishing act", 4);
    index.sync(id).await();
    assertEquals(List.of(id), search("vanishing act").ids());

    redis.api().del(List.of(RedisKeys.video(id))).await();
    index.sync(id).await();

    assertEquals("0", server.cli("EXISTS", RedisKeys.searchDoc(id), RedisKeys.searchWord("vanishing")));
  }

  @Test
  void moreCandidatesThanTheCapMakeTheTotalAnEstimate() throws Exception {
    String owner = "owner-" + UUID.randomUUID();
    int n = Searcher.CANDIDATES + 50;
    List<Future<?>> written = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "cap" + i + "-" + UUID.randomUUID();
      ids.add(id);
      written.add(write(id, owner, "capword bothword " + i, 10_000 + i));
    }
    Future.all(written).await(60, TimeUnit.SECONDS);
    for (int i = 0; i < n; i += 200) {
      List<Future<?>> synced = new ArrayList<>();
      ids.subList(i, Math.min(n, i + 200)).forEach(id -> synced.add(index.sync(id)));
      Future.all(synced).await(60, TimeUnit.SECONDS);
    }

    Searcher.Hits two = search("capword bothword");
    Searcher.Hits one = search("capword ");

    assertTrue(two.estimate(), "the rarest word had more than the cap");
    assertEquals(Searcher.CANDIDATES, two.total());
    assertEquals(Searcher.WINDOW, two.ids().size());
    assertEquals(ids.get(n - 1), two.ids().get(0), "newest first among equals");
    assertTrue(one.estimate(), "a prefix alone merges each word's best " + Searcher.WINDOW + " only");
  }

  private static Searcher.Hits search(String q) {
    return searcher.search(SearchQuery.parse(q)).await();
  }

  private static String video(String owner, String title, long created) {
    String id = "v-" + UUID.randomUUID();
    write(id, owner, title, created).await();
    return id;
  }

  private static Future<?> write(String id, String owner, String title, long createdSeconds) {
    String at = Instant.ofEpochSecond(1_790_000_000L + createdSeconds).toString();
    return redis.api().hset(List.of(RedisKeys.video(id), "id", id, "title", title, "description", "",
        "status", "ready", "visibility", "public", "createdAt", at, "updatedAt", at, "ownerId", owner,
        "ownerName", "name" + owner.hashCode()));
  }
}
