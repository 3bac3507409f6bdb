package io.kinora.social.channels;

import io.kinora.platform.http.PageRequest;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * Who follows whom: {@code kinora:user:{id}:subscriptions} (the channels one account follows) and
 * {@code kinora:user:{id}:subscribers} (who follows one channel), both sorted sets of user ids by
 * when the follow began. Each change is one script that writes both, so the two can never
 * disagree, and a channel's subscriber count is simply the size of its set.
 */
final class Subscriptions {

  /** How many channels one account may follow: a feed page merges all of them. */
  static final int MAX_FOLLOWS = 1000;

  /** Follows, up to the cap (KEYS and ARGV: the head of the file). */
  private static final LuaScript SUBSCRIBE = LuaScript.load("social/channels/subscribe");

  private static final LuaScript UNSUBSCRIBE = LuaScript.load("social/channels/unsubscribe");

  private final RedisStore redis;

  Subscriptions(RedisStore redis) {
    this.redis = redis;
  }

  /** The subscriber count after following, or -1 when {@code me} already follows the most channels allowed. */
  Future<Long> subscribe(String me, String them) {
    return redis.run(SUBSCRIBE, List.of(RedisKeys.subscriptions(me), RedisKeys.subscribers(them)),
            List.of(them, me, Long.toString(System.currentTimeMillis()), Integer.toString(MAX_FOLLOWS)))
        .map(r -> r.get(0).toInteger() == 1 ? r.get(1).toLong() : -1L);
  }

  /** The subscriber count after unfollowing (idempotent). */
  Future<Long> unsubscribe(String me, String them) {
    return redis.run(UNSUBSCRIBE, List.of(RedisKeys.subscriptions(me), RedisKeys.subscribers(them)),
        List.of(them, me)).map(Response::toLong);
  }

  Future<Long> subscribers(String userId) {
    return redis.api().zcard(RedisKeys.subscribers(userId)).map(Response::toLong);
  }

  Future<Boolean> follows(String me, String them) {
    return redis.api().zscore(RedisKeys.subscriptions(me), them).map(r -> r != null);
  }

  /** A page of the channels {@code me} follows, the latest followed first. */
  Future<Page> page(String me, PageRequest page) {
    String key = RedisKeys.subscriptions(me);
    Future<Response> ids = redis.api().zrevrange(List.of(key, Long.toString(page.offset()), Long.toString(page.lastIndex())));
    Future<Response> total = redis.api().zcard(key);
    return Future.all(ids, total).map(done -> new Page(Replies.strings(ids.result()), total.result().toLong()));
  }

  /** Every channel {@code me} follows (at most {@link #MAX_FOLLOWS}, the cap the script keeps). */
  Future<List<String>> all(String me) {
    return redis.api().zrevrange(List.of(RedisKeys.subscriptions(me), "0", Integer.toString(MAX_FOLLOWS - 1)))
        .map(Replies::strings);
  }

  record Page(List<String> ids, long total) {
  }

}
