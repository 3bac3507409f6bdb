package io.kinora.video;

import io.kinora.platform.migrations.Migration;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Migration 1: every key of one video shares a hash tag, its id in braces, so that a Redis
 * Cluster could keep them in one slot and run the scripts that touch several of them. Renames
 * {@code kinora:video:ID}, its {@code :playlists}, {@code :ratings} and {@code :comments}, and the
 * job lease {@code kinora:jobs:lease:ID}, to {@link RedisKeys#video} and the names built on it.
 * The videos are those of {@code kinora:videos}, a page at a time, and the leases those of the
 * running jobs (a job's video may be gone). Idempotent: a key renamed already is not found under
 * its old name again. Nodes of the release before must be stopped first: they would go on writing
 * the old names (docs/operations/cluster.md).
 *
 * <p>It is the first migration: the others read video records through {@link RedisKeys}, so they
 * need the new names in place.
 */
public final class TagVideoKeys implements Migration {

  private static final Logger LOG = LoggerFactory.getLogger(TagVideoKeys.class);

  /** Renames one video's keys; its KEYS and ARGV are in the head of the file. */
  private static final LuaScript TAG = LuaScript.load("video/tag-keys");
  /** Videos renamed at once: their scripts are pipelined, one page at a time. */
  static final int PAGE = 500;

  private final RedisStore redis;

  public TagVideoKeys(RedisStore redis) {
    this.redis = redis;
  }

  @Override
  public int number() {
    return 1;
  }

  @Override
  public String description() {
    return "one video's keys share a hash tag (kinora:video:{id}...)";
  }

  @Override
  public Future<Void> apply() {
    return redis.api().smembers(RedisKeys.JOBS_RUNNING).compose(running -> {
      Set<String> leased = new LinkedHashSet<>(Replies.strings(running));
      return page(0, leased, new long[2]);
    });
  }

  /** Renames the keys of the videos at [start, start + PAGE) of kinora:videos, then the next page. */
  private Future<Void> page(long start, Set<String> leased, long[] counts) {
    return redis.api().zrange(List.of(RedisKeys.VIDEOS_BY_DATE, Long.toString(start), Long.toString(start + PAGE - 1)))
        .compose(r -> {
          List<String> ids = Replies.strings(r);
          boolean last = ids.size() < PAGE;
          List<String> batch = new ArrayList<>(ids);
          ids.forEach(leased::remove);
          if (last) {
            // jobs running for a video no longer listed: only their leases are left to rename
            batch.addAll(leased);
          }
          List<Future<Response>> tags = new ArrayList<>();
          batch.forEach(id -> tags.add(redis.run(TAG, keys(id), List.of())));
          return Future.all(tags).compose(done -> {
            tags.forEach(t -> {
              counts[0] += t.result().get(0).toLong();
              counts[1] += t.result().get(1).toLong();
            });
            if (!last) {
              return page(start + PAGE, leased, counts);
            }
            LOG.info("{} keys renamed to their video's hash tag", counts[0]);
            if (counts[1] > 0) {
              LOG.warn("{} keys exist under both their old and their tagged name: the old ones are left as they "
                  + "are (a node of the release before wrote them after the rename?)", counts[1]);
            }
            return Future.succeededFuture();
          });
        });
  }

  /** The old names of one video's keys, then the new ones, in the same order. */
  static List<String> keys(String id) {
    String old = "kinora:video:" + id;
    return List.of(old, old + ":playlists", old + ":ratings", old + ":comments", "kinora:jobs:lease:" + id,
        RedisKeys.video(id), RedisKeys.playlists(id), RedisKeys.ratings(id), RedisKeys.comments(id),
        RedisKeys.lease(id));
  }
}
