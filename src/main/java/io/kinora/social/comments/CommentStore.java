package io.kinora.social.comments;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.PageCursor;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of comments in Redis: {@code kinora:video:{id}:comments} (top-level ids by created
 * ms), {@code kinora:comment:{cid}} (hash), {@code kinora:comment:{cid}:replies} (reply ids by created
 * ms), {@code kinora:throttle:comment:{user}}, and the video hash's {@code commentCount} and
 * {@code commentsOff}. Each change is one script, so counts never drift from the lists and the rate
 * limit holds under parallel posts. Every script first checks that the video still exists, so a
 * late comment never brings a deleted video's hash back as a stub.
 */
final class CommentStore {

  static final int PER_WINDOW = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int DROP_BATCH = 100;

  // each script's KEYS, ARGV and replies are in the head of its file, src/main/resources/lua/social/comments/
  private static final LuaScript ADD = LuaScript.load("social/comments/add");
  private static final LuaScript EDIT = LuaScript.load("social/comments/edit");
  private static final LuaScript DELETE = LuaScript.load("social/comments/delete");
  /** A page of comment ids after a cursor, in either order, stable within one millisecond. */
  private static final LuaScript PAGE = LuaScript.load("social/comments/page");
  private static final LuaScript SWITCH = LuaScript.load("social/comments/switch");

  /** What a delete did, for the live stream: the comment stays as a placeholder, or went (maybe with its thread). */
  record Deleted(boolean placeholder, String threadRemoved) {
  }

  /** One page of ids with their creation ms, and whether more follow. */
  record Page(List<String> ids, List<Long> millis, boolean more) {
  }

  private final RedisStore redis;

  CommentStore(RedisStore redis) {
    this.redis = redis;
  }

  Future<Comment> find(String id) {
    return redis.api().hgetall(RedisKeys.comment(id)).map(r -> Comment.fromHash(Replies.hash(r)));
  }

  Future<List<Comment>> findAll(List<String> ids) {
    List<Future<Comment>> reads = new ArrayList<>();
    ids.forEach(id -> reads.add(find(id)));
    return Future.all(reads).map(all -> reads.stream().map(Future::result).toList());
  }

  /** Adds a comment (or a reply in {@code threadId}'s thread); fails with the contract's refusals. */
  Future<Comment> add(String videoId, String threadId, String authorId, String text, long nowMillis) {
    String id = CommentIds.newId();
    boolean reply = threadId != null;
    List<String> keys = List.of(RedisKeys.video(videoId), RedisKeys.comments(videoId), RedisKeys.commentThrottle(authorId),
        RedisKeys.comment(id), reply ? RedisKeys.comment(threadId) : "", reply ? RedisKeys.replies(threadId) : "");
    List<String> args = List.of(id, videoId, reply ? threadId : "", authorId, text, Long.toString(nowMillis),
        Integer.toString(PER_WINDOW), Long.toString(WINDOW.toMillis()));
    return redis.run(ADD, keys, args).map(r -> switch (r.get(0).toString()) {
      case "ok" -> new Comment(id, videoId, reply ? threadId : "", authorId, text, nowMillis, 0, 0, false);
      case "off" -> throw CommentsApi.commentsOff();
      case "noparent" -> throw CommentsApi.noSuchComment();
      case "throttled" -> throw throttled(r.get(1).toLong());
      default -> throw CommentsApi.noSuchVideo();
    });
  }

  Future<Void> edit(Comment comment, String authorId, String text, long nowMillis) {
    return redis.run(EDIT, List.of(RedisKeys.comment(comment.id()), RedisKeys.video(comment.videoId())),
        List.of(authorId, text, Long.toString(nowMillis))).map(r -> switch (r.toString()) {
          case "ok" -> null;
          case "forbidden" -> throw CommentsApi.notTheAuthor();
          case "off" -> throw CommentsApi.commentsOff();
          default -> throw CommentsApi.noSuchComment();
        });
  }

  Future<Deleted> delete(Comment comment) {
    String videoId = comment.videoId();
    String thread = comment.threadId();
    List<String> keys = List.of(RedisKeys.video(videoId), RedisKeys.comments(videoId), RedisKeys.comment(comment.id()),
        RedisKeys.replies(comment.id()), RedisKeys.comment(thread), RedisKeys.replies(thread));
    return redis.run(DELETE, keys, List.of(comment.id(), thread)).map(r -> switch (r.get(0).toString()) {
      case "placeholder" -> new Deleted(true, null);
      case "removed" -> new Deleted(false, r.size() > 1 ? r.get(1).toString() : null);
      default -> throw CommentsApi.noSuchComment();
    });
  }

  /** Top-level comments of a video. */
  Future<Page> topLevel(String videoId, boolean newest, PageCursor after, int limit) {
    return page(RedisKeys.comments(videoId), newest, after, limit);
  }

  /** Replies in a thread, oldest first. */
  Future<Page> replies(String threadId, PageCursor after, int limit) {
    return page(RedisKeys.replies(threadId), false, after, limit);
  }

  /** Asks for one more than the page, to know whether another page follows. */
  private Future<Page> page(String key, boolean newest, PageCursor after, int limit) {
    List<String> args = List.of(newest ? "newest" : "oldest", after == null ? "" : Long.toString(after.millis()),
        after == null ? "" : after.id(), Integer.toString(limit + 1));
    return redis.run(PAGE, List.of(key), args).map(r -> {
      List<Replies.Scored> found = Replies.scored(r);
      List<String> ids = new ArrayList<>();
      List<Long> millis = new ArrayList<>();
      for (Replies.Scored scored : found.subList(0, Math.min(limit, found.size()))) {
        ids.add(scored.member());
        millis.add((long) scored.score());
      }
      return new Page(ids, millis, found.size() > limit);
    });
  }

  /** Writes the owner's switch; false when the video is gone. */
  Future<Boolean> setEnabled(String videoId, boolean enabled) {
    return redis.run(SWITCH, List.of(RedisKeys.video(videoId)), List.of(enabled ? "0" : "1"))
        .map(r -> r.toLong() == 1);
  }

  /** Removes every comment of a (deleted) video, {@link #DROP_BATCH} threads at a time. */
  Future<Void> dropAll(String videoId) {
    String key = RedisKeys.comments(videoId);
    return redis.api().zrange(List.of(key, "0", Integer.toString(DROP_BATCH - 1))).compose(r -> {
      if (r.size() == 0) {
        return redis.api().del(List.of(key)).mapEmpty();
      }
      List<String> ids = Replies.strings(r);
      List<String> remove = new ArrayList<>(List.of(key));
      remove.addAll(ids);
      return Future.all(ids.stream().map(this::dropThread).toList())
          .compose(v -> redis.api().zrem(remove))
          .compose(v -> dropAll(videoId));
    });
  }

  private Future<Void> dropThread(String id) {
    String replies = RedisKeys.replies(id);
    return redis.api().zrange(List.of(replies, "0", "-1")).compose(r -> {
      List<String> keys = new ArrayList<>(List.of(RedisKeys.comment(id), replies));
      r.forEach(reply -> keys.add(RedisKeys.comment(reply.toString())));
      return redis.api().del(keys).mapEmpty();
    });
  }

  private static KinoraException throttled(long waitMillis) {
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    return KinoraException.tooManyRequests("You are commenting too fast (at most " + PER_WINDOW
        + " comments a minute); try again in " + seconds + " s.", seconds);
  }

}
