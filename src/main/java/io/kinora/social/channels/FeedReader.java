package io.kinora.social.channels;

import io.kinora.platform.http.PageCursor;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.kinora.social.Catalogue;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one feed page from the channels someone follows, in two pipelined rounds, merged here so
 * Redis never runs one long command (notes §5):
 * <ol>
 *   <li>each channel's newest entry at or before the cursor ({@code ZREVRANGEBYSCORE ... LIMIT 0 1},
 *       one entry per reply);</li>
 *   <li>from the channels whose newest entry can still be on the page ({@link FeedMerge#threshold}:
 *       at most about {@code limit} of them), their newest {@code limit + 1} entries older than the
 *       cursor through {@link Catalogue#olderThan}; then {@link FeedMerge#merge}.</li>
 * </ol>
 * Reading every channel's {@code limit + 20} entries in one round gave the same pages but sent
 * ~40 entries per channel back: at 1,000 follows that was about twice as slow (see the report).
 */
final class FeedReader {

  private final RedisStore redis;
  private final Catalogue catalogue;

  FeedReader(RedisStore redis, Catalogue catalogue) {
    this.redis = redis;
    this.catalogue = catalogue;
  }

  Future<FeedMerge.Page> page(List<String> channels, PageCursor cursor, int limit) {
    List<Future<Long>> heads = new ArrayList<>();
    for (String channel : channels) {
      heads.add(head(channel, cursor));
    }
    return Future.all(heads).compose(done -> {
      FeedMerge.Plan plan = FeedMerge.plan(heads.stream().map(Future::result).toList(), limit);
      List<Future<List<Catalogue.Entry>>> read = new ArrayList<>();
      for (int i : plan.read()) {
        read.add(catalogue.olderThan(channels.get(i), cursor == null ? null : cursor.millis(),
            cursor == null ? null : cursor.id(), limit + 1));
      }
      return Future.all(read)
          .map(all -> FeedMerge.merge(read.stream().map(Future::result).toList(), limit, plan.moreElsewhere()));
    });
  }

  /** The score of the channel's newest entry older than the cursor; NONE or UNKNOWN (see FeedMerge). */
  private Future<Long> head(String channel, PageCursor cursor) {
    String max = cursor == null ? "+inf" : Long.toString(cursor.millis());
    return redis.api().zrevrangebyscore(List.of(RedisKeys.userCatalogue(channel), max, "-inf", "WITHSCORES",
        "LIMIT", "0", "1")).map(r -> {
          List<Replies.Scored> newest = Replies.scored(r);
          if (newest.isEmpty()) {
            return FeedMerge.NONE;
          }
          String id = newest.get(0).member();
          long millis = (long) newest.get(0).score();
          if (cursor != null && millis == cursor.millis() && id.compareTo(cursor.id()) >= 0) {
            // the same millisecond as the cursor, not older: what comes next is not known here
            return FeedMerge.UNKNOWN;
          }
          return millis;
        });
  }
}
