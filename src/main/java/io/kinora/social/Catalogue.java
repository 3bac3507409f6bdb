package io.kinora.social;

import io.kinora.platform.http.PageRequest;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.kinora.video.VideoFields;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * The public catalogue: videos that are public <em>and ready</em>, newest first, all of them and
 * per owner. Channel pages, feeds and the home page read only this, so a video still uploading,
 * failed, unlisted or private never shows up in them. {@code kinora:videos:public} (the video
 * feature's) cannot serve: it takes a video at creation, whatever its status.
 */
public final class Catalogue implements CatalogueIndex {

  /** Lists or unlists one video from its record as it is now (KEYS and ARGV: the head of the file). */
  private static final LuaScript SYNC = LuaScript.load("social/catalogue-sync", VideoFields.SCRIPT_WORDS);

  private final RedisStore redis;

  public Catalogue(RedisStore redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> sync(String videoId) {
    return redis.api().hget(RedisKeys.video(videoId), VideoFields.OWNER_ID).compose(owner -> {
      if (owner == null) {
        // gone: its owner's list loses it through removeDeleted, which knows the owner
        return redis.api().zrem(List.of(RedisKeys.CATALOGUE, videoId)).mapEmpty();
      }
      return redis.run(SYNC, List.of(RedisKeys.video(videoId), RedisKeys.CATALOGUE,
          RedisKeys.userCatalogue(owner.toString()), RedisKeys.VIDEOS_BY_DATE), List.of(videoId)).mapEmpty();
    });
  }

  /** A deleted video leaves both lists (its record, and so its owner, is gone already). */
  public Future<Void> removeDeleted(String videoId, String ownerId) {
    Future<Response> all = redis.api().zrem(List.of(RedisKeys.CATALOGUE, videoId));
    Future<Response> owners = ownerId == null || ownerId.isEmpty() ? Future.succeededFuture()
        : redis.api().zrem(List.of(RedisKeys.userCatalogue(ownerId), videoId));
    return Future.all(all, owners).mapEmpty();
  }

  /** A page of ids, newest first: everyone's ({@code ownerId} null) or one owner's. */
  public Future<IdPage> page(String ownerId, PageRequest page) {
    String key = ownerId == null ? RedisKeys.CATALOGUE : RedisKeys.userCatalogue(ownerId);
    Future<Response> ids = redis.api().zrevrange(List.of(key, Long.toString(page.offset()), Long.toString(page.lastIndex())));
    Future<Response> total = redis.api().zcard(key);
    return Future.all(ids, total).map(done -> new IdPage(Replies.strings(ids.result()), total.result().toLong()));
  }

  /** How many public, ready videos the owner has. */
  public Future<Long> count(String ownerId) {
    return redis.api().zcard(RedisKeys.userCatalogue(ownerId)).map(Response::toLong);
  }

  /**
   * The newest {@code limit} entries of one owner's list older than the cursor (ms, id), with their
   * scores: what a feed merges across the channels it follows. A null cursor starts at the newest.
   */
  public Future<List<Entry>> olderThan(String ownerId, Long cursorMillis, String cursorId, int limit) {
    String max = cursorMillis == null ? "+inf" : Long.toString(cursorMillis);
    return redis.api().zrevrangebyscore(List.of(RedisKeys.userCatalogue(ownerId), max, "-inf", "WITHSCORES",
        "LIMIT", "0", Integer.toString(limit + 20))).map(r -> {
          List<Entry> entries = new ArrayList<>();
          for (Replies.Scored scored : Replies.scored(r)) {
            Entry e = new Entry(scored.member(), (long) scored.score());
            if (cursorMillis == null || e.createdMillis() < cursorMillis
                || (e.createdMillis() == cursorMillis && e.id().compareTo(cursorId) < 0)) {
              entries.add(e);
            }
          }
          return entries.size() > limit ? entries.subList(0, limit) : entries;
        });
  }

  /** Every video id the catalogue may list: the video feature's public list ({@link FillCatalogue} reads it). */
  Future<List<String>> publicCandidates() {
    return redis.api().zrange(List.of(RedisKeys.PUBLIC_VIDEOS, "0", "-1")).map(Replies::strings);
  }

  public record IdPage(List<String> ids, long total) {
  }

  public record Entry(String id, long createdMillis) {
  }

}
