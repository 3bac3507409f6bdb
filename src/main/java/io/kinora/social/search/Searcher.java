package io.kinora.social.search;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a query against the index in one script with a hard bound on its work, so no query can
 * hold up the Redis that also keeps sessions and the job queue:
 * <ul>
 *   <li>the whole words are intersected starting from the rarest one, and from at most its
 *       {@link #CANDIDATES} best entries (best match, then newest);</li>
 *   <li>the prefix stands for at most {@link #EXPANSIONS} words of the index
 *       ({@code ZRANGEBYLEX} of the tokens set); alone, only each word's {@link #WINDOW} best
 *       entries are merged;</li>
 *   <li>only the first {@link #WINDOW} results are kept, as a string under
 *       {@code kinora:search:q:{query}} for {@link #CACHE_MILLIS}, and paged from there.</li>
 * </ul>
 * Ranking comes from the scores alone: intersecting sums the words' weights (then their creation
 * times, the same for every result), and a union of prefix expansions keeps the best. When a bound
 * cut something, the total is a lower bound and says so.
 */
public final class Searcher {

  static final int CANDIDATES = 2_000;
  static final int EXPANSIONS = 20;
  /** Results a query keeps: page × pageSize never goes past it. */
  public static final int WINDOW = 200;
  static final long CACHE_MILLIS = 60_000;

  /**
   * Runs one query within the bounds above and keeps its result (KEYS and ARGV: the head of the
   * file). The prefix is expanded before, so that every word key comes in KEYS.
   */
  private static final LuaScript QUERY = LuaScript.load("social/search/query");

  private final RedisStore redis;

  public Searcher(RedisStore redis) {
    this.redis = redis;
  }

  /**
   * The best {@link #WINDOW} ids for the query, best first, and how many matched in all. The kept
   * result and the prefix's expansions are read at once; the script runs when nothing was kept.
   */
  public Future<Hits> search(SearchQuery query) {
    if (query.isEmpty()) {
      return Future.succeededFuture(new Hits(List.of(), 0, false));
    }
    String result = RedisKeys.searchQuery(query.normalized());
    Future<Response> cached = redis.api().get(result);
    Future<List<String>> expansions = query.prefix() == null ? Future.succeededFuture(List.of()) : expand(query.prefix());
    return Future.all(cached, expansions).compose(both -> {
      if (cached.result() != null) {
        return Future.succeededFuture(Hits.parse(cached.result().toString()));
      }
      List<String> words = query.words();
      List<String> exps = expansions.result();
      boolean cut = exps.size() > EXPANSIONS;
      List<String> kept = cut ? exps.subList(0, EXPANSIONS) : exps;
      List<String> keys = new ArrayList<>(List.of(result, RedisKeys.searchScratch(query.normalized(), "c"),
          RedisKeys.searchScratch(query.normalized(), "i"), RedisKeys.searchScratch(query.normalized(), "u")));
      words.forEach(w -> keys.add(RedisKeys.searchWord(w)));
      kept.forEach(t -> keys.add(RedisKeys.searchWord(t)));
      for (int i = 1; i <= kept.size(); i++) {
        keys.add(RedisKeys.searchScratch(query.normalized(), "p" + i));
      }
      List<String> args = List.of(Integer.toString(CANDIDATES), Integer.toString(WINDOW), Long.toString(CACHE_MILLIS),
          query.prefix() == null ? "0" : "1", Integer.toString(words.size()), Integer.toString(kept.size()),
          cut ? "1" : "0");
      return redis.run(QUERY, keys, args).map(r -> Hits.parse(r.toString()));
    });
  }

  /**
   * Up to {@link #EXPANSIONS} + 1 words of the index that start with {@code prefix}, in order: the
   * one past the cap tells the bound cut. Words with a prefix sort together, from the prefix on.
   */
  private Future<List<String>> expand(String prefix) {
    return redis.api().zrangebylex(List.of(RedisKeys.SEARCH_TOKENS, "[" + prefix, "+", "LIMIT", "0",
            Integer.toString(EXPANSIONS + 1)))
        .map(r -> Replies.strings(r).stream().takeWhile(t -> t.startsWith(prefix)).toList());
  }

  /**
   * @param ids      the best ids, best first (at most {@link #WINDOW})
   * @param total    how many videos matched
   * @param estimate true when a bound cut the work short: then {@code total} is a lower bound
   */
  public record Hits(List<String> ids, long total, boolean estimate) {

    static Hits parse(String reply) {
      String[] parts = reply.split(" ");
      List<String> ids = parts.length > 2 ? List.copyOf(Arrays.asList(parts).subList(2, parts.length)) : List.of();
      return new Hits(ids, Long.parseLong(parts[0]), "1".equals(parts[1]));
    }
  }
}
