package io.kinora.bench;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.social.search.SearchIndex;
import io.kinora.social.search.SearchQuery;
import io.kinora.social.search.Searcher;
import io.kinora.support.RedisServer;
import io.kinora.video.VideoCache;
import io.kinora.video.VideoChanges;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Benchmark (not a test): the search index and queries of {@code social.search} on a Redis of its
 * own (AOF on, like production) filled with synthetic public, ready videos, as in
 * docs/notes/issue-15-social.md §1: 50,000 random words of 3–11 letters drawn Zipf-like (the top
 * word is in ~95 % of videos), titles 3–8 words, descriptions 20–80 words, channel names of 2
 * words from 1 channel per 10 videos, created 1 s apart. Indexing goes through
 * {@link SearchIndex#sync} (the video hash read, the checked script) and queries through
 * {@link Searcher#search} (the bounded script), both from this JVM over the node's Redis client;
 * each query's cached result is deleted first so every one does its work. Run by bench/search.
 */
public final class SearchBench {

  private static final int VOCABULARY = 50_000;
  private static final Random RANDOM = new Random(15);
  private static final List<String> WORDS = new ArrayList<>();

  private SearchBench() {
  }

  public static void main(String[] args) throws Exception {
    int videos = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    for (int i = 0; i < VOCABULARY; i++) {
      WORDS.add(randomWord());
    }
    Vertx vertx = Vertx.vertx();
    try (RedisServer server = RedisServer.start()) {
      RedisStore redis = RedisStore.connect(vertx, server.url());
      VideoRepository repository = new VideoRepository(redis, new VideoChanges(vertx.eventBus(), new VideoCache()));
      SearchIndex index = new SearchIndex(redis, repository);
      Searcher searcher = new Searcher(redis);

      long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
      List<String> ids = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int start = 0; start < videos; start += 500) {
        List<Future<?>> batch = new ArrayList<>();
        for (int i = start; i < Math.min(videos, start + 500); i++) {
          String id = randomId();
          ids.add(id);
          batch.add(write(redis, id, i, base + i * 1000L));
        }
        Future.all(batch).await(60, TimeUnit.SECONDS);
      }
      for (int start = 0; start < ids.size(); start += 100) {
        List<Future<?>> batch = new ArrayList<>();
        for (String id : ids.subList(start, Math.min(ids.size(), start + 100))) {
          batch.add(index.sync(id));
        }
        Future.all(batch).await(60, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "indexed %d videos in %.1f s (%.0f videos/s, records written and synced 100 at a time)%n",
          videos, seconds, videos / seconds);
      System.out.printf(Locale.ROOT, "used_memory %s B (%.0f B per video, index and records)%n",
          memory(server), Double.parseDouble(memory(server)) / videos);

      List<Long> reindex = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String id = ids.get(RANDOM.nextInt(ids.size()));
        long s = System.nanoTime();
        index.sync(id).await(10, TimeUnit.SECONDS);
        reindex.add(System.nanoTime() - s);
      }
      report("re-index one video (sync, one at a time)", reindex);

      Map<String, Supplier<String>> mixes = new LinkedHashMap<>();
      // the last word of every query is also a prefix (SearchQuery): "2 words" = 1 whole word + a whole-word prefix
      mixes.put("1 word", SearchBench::zipf);
      mixes.put("2 words", () -> zipf() + " " + zipf());
      mixes.put("3 words", () -> zipf() + " " + zipf() + " " + zipf());
      mixes.put("2 words + 3-char prefix", () -> zipf() + " " + zipf() + " " + prefix(zipf(), 3));
      mixes.put("1 word + 2-char prefix", () -> zipf() + " " + prefix(zipf(), 2));
      mixes.put("prefix only, 2 chars", () -> prefix(zipf(), 2));
      mixes.put("worst: top-2 words", () -> WORDS.get(0) + " " + WORDS.get(1));
      mixes.put("worst: top-3 words", () -> WORDS.get(0) + " " + WORDS.get(1) + " " + WORDS.get(2));
      mixes.put("worst: top-2 words + 2 chars of the 3rd", () -> WORDS.get(0) + " " + WORDS.get(1) + " " + prefix(WORDS.get(2), 2));
      for (var mix : mixes.entrySet()) {
        int n = mix.getKey().startsWith("worst") ? Math.max(20, queries / 10) : queries;
        List<Long> took = new ArrayList<>();
        int estimates = 0;
        for (int i = 0; i < n + 20; i++) {
          SearchQuery query = SearchQuery.parse(mix.getValue().get());
          redis.api().del(List.of(RedisKeys.searchQuery(query.normalized()))).await(10, TimeUnit.SECONDS);
          long s = System.nanoTime();
          Searcher.Hits hits = searcher.search(query).await(30, TimeUnit.SECONDS);
          if (i >= 20) { // the first 20 warm the JIT and connections
            took.add(System.nanoTime() - s);
            estimates += hits.estimate() ? 1 : 0;
          }
        }
        report(mix.getKey() + " (" + estimates + "/" + n + " capped)", took);
      }
      List<Long> cached = new ArrayList<>();
      SearchQuery repeated = SearchQuery.parse(WORDS.get(0) + " " + WORDS.get(1));
      for (int i = 0; i < queries; i++) {
        long s = System.nanoTime();
        searcher.search(repeated).await(10, TimeUnit.SECONDS);
        cached.add(System.nanoTime() - s);
      }
      report("same query again within 60 s (cached)", cached);
      redis.close();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<?> write(RedisStore redis, String id, int i, long created) {
    String createdAt = Instant.ofEpochMilli(created).toString();
    String owner = "u" + (i / 10);
    Future<?> video = redis.api().hset(List.of(RedisKeys.video(id), "id", id, "title", words(3 + RANDOM.nextInt(6)),
        "description", words(20 + RANDOM.nextInt(61)), "status", "ready", "visibility", "public",
        "createdAt", createdAt, "updatedAt", createdAt, "ownerId", owner, "ownerName", "chan" + (i / 10)));
    Future<?> profile = i % 10 == 0
        ? redis.api().hset(List.of(RedisKeys.profile(owner), "displayName", words(2)))
        : Future.succeededFuture();
    return Future.all(video, profile);
  }

  private static String words(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(zipf());
    }
    return s.toString();
  }

  /** idx = floor(exp(u · ln V)): the first words are in most videos, most words in few. */
  private static String zipf() {
    return WORDS.get((int) Math.floor(Math.exp(RANDOM.nextDouble() * Math.log(VOCABULARY))) - 1);
  }

  private static String prefix(String word, int n) {
    return word.substring(0, Math.min(n, word.length()));
  }

  private static String randomWord() {
    int length = 3 + RANDOM.nextInt(9);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return s.toString();
  }

  private static String randomId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String memory(RedisServer server) throws Exception {
    for (String line : server.cli("INFO", "memory").split("\n")) {
      if (line.startsWith("used_memory:")) {
        return line.substring("used_memory:".length()).trim();
      }
    }
    return "?";
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf(Locale.ROOT, "%-48s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (n=%d)%n", what,
        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6, sorted.size());
  }
}
