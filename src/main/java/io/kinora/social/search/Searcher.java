package io.kinora.social.search;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;

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
   * KEYS: result cache, tokens set, then one word set per whole word. ARGV: candidate cap, max
   * expansions, window, cache ms, prefix ('' for none), word key prefix. Scratch sets are named
   * after the cache key (a normalized query has no ':') and deleted before the script ends.
   * Returns "total estimate id id ...".
   */
  private static final LuaScript QUERY = LuaScript.load("social/search/query");

  private final RedisStore redis;

  public Searcher(RedisStore redis) {
    this.redis = redis;
  }

  /** The best {@link #WINDOW} ids for the query, best first, and how many matched in all. */
  public Future<Hits> search(SearchQuery query) {
    if (query.isEmpty()) {
      return Future.succeededFuture(new Hits(List.of(), 0, false));
    }
    List<String> keys = new ArrayList<>(List.of(RedisKeys.searchQuery(query.normalized()), RedisKeys.SEARCH_TOKENS));
    query.words().forEach(w -> keys.add(RedisKeys.searchWord(w)));
    List<String> args = List.of(Integer.toString(CANDIDATES), Integer.toString(EXPANSIONS), Integer.toString(WINDOW),
        Long.toString(CACHE_MILLIS), query.prefix() == null ? "" : query.prefix(), RedisKeys.searchWord(""));
    return redis.run(QUERY, keys, args).map(r -> Hits.parse(r.toString()));
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
