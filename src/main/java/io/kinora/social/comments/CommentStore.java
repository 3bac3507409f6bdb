package io.kinora.social.comments;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.PageCursor;
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

  /**
   * KEYS: video, video's comments, throttle, new comment, thread (or ""), thread's replies (or "").
   * ARGV: id, video id, thread id (or ""), author id, text, now ms, limit, window ms.
   * Returns {'ok', commentCount} | {'gone'} | {'off'} | {'noparent'} | {'throttled', ms to wait}.
   */
  private static final String ADD = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {'gone'} end
      if redis.call('HGET', KEYS[1], 'commentsOff') == '1' then return {'off'} end
      local thread = ARGV[3]
      if thread ~= '' then
        local t = redis.call('HMGET', KEYS[5], 'videoId', 'parentId', 'deleted')
        if t[1] ~= ARGV[2] or (t[2] or '') ~= '' or t[3] == '1' then return {'noparent'} end
      end
      local n = redis.call('INCR', KEYS[3])
      if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[8]) end
      if n > tonumber(ARGV[7]) then
        local wait = redis.call('PTTL', KEYS[3])
        if wait < 0 then redis.call('PEXPIRE', KEYS[3], ARGV[8]); wait = tonumber(ARGV[8]) end
        return {'throttled', wait}
      end
      redis.call('HSET', KEYS[4], 'id', ARGV[1], 'videoId', ARGV[2], 'parentId', thread, 'authorId', ARGV[4],
        'text', ARGV[5], 'createdAt', ARGV[6], 'replyCount', '0')
      if thread == '' then
        redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
      else
        redis.call('ZADD', KEYS[6], ARGV[6], ARGV[1])
        redis.call('HINCRBY', KEYS[5], 'replyCount', 1)
      end
      return {'ok', redis.call('HINCRBY', KEYS[1], 'commentCount', 1)}
      """;

  /**
   * KEYS: comment, video. ARGV: author id, text, now ms.
   * Returns 'ok' | 'gone' (no such comment, or a placeholder) | 'forbidden' | 'off'.
   */
  private static final String EDIT = """
      local c = redis.call('HMGET', KEYS[1], 'id', 'authorId', 'deleted')
      if not c[1] or c[3] == '1' or redis.call('EXISTS', KEYS[2]) == 0 then return 'gone' end
      if c[2] ~= ARGV[1] then return 'forbidden' end
      if redis.call('HGET', KEYS[2], 'commentsOff') == '1' then return 'off' end
      redis.call('HSET', KEYS[1], 'text', ARGV[2], 'editedAt', ARGV[3])
      return 'ok'
      """;

  /**
   * KEYS: video, video's comments, comment, its replies, thread, thread's replies (the last two the
   * comment's own for a top-level one). ARGV: comment id, thread id.
   * Returns {'gone'} | {'removed'} | {'placeholder'} | {'removed', thread id}: the thread's
   * placeholder went with its last reply.
   */
  private static final String DELETE = """
      local c = redis.call('HMGET', KEYS[3], 'id', 'parentId', 'deleted')
      if not c[1] or c[3] == '1' then return {'gone'} end
      local function uncount()
        if redis.call('EXISTS', KEYS[1]) == 1 then
          local left = redis.call('HINCRBY', KEYS[1], 'commentCount', -1)
          if left < 0 then redis.call('HSET', KEYS[1], 'commentCount', '0') end
        end
      end
      uncount()
      if (c[2] or '') == '' then
        if redis.call('ZCARD', KEYS[4]) > 0 then
          redis.call('HSET', KEYS[3], 'deleted', '1', 'text', '', 'authorId', '')
          redis.call('HDEL', KEYS[3], 'editedAt')
          return {'placeholder'}
        end
        redis.call('DEL', KEYS[3], KEYS[4])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return {'removed'}
      end
      redis.call('DEL', KEYS[3])
      redis.call('ZREM', KEYS[6], ARGV[1])
      if redis.call('EXISTS', KEYS[5]) == 1 then redis.call('HINCRBY', KEYS[5], 'replyCount', -1) end
      if redis.call('HGET', KEYS[5], 'deleted') == '1' and redis.call('ZCARD', KEYS[6]) == 0 then
        redis.call('DEL', KEYS[5], KEYS[6])
        redis.call('ZREM', KEYS[2], ARGV[2])
        return {'removed', ARGV[2]}
      end
      return {'removed'}
      """;

  /**
   * One page of a sorted set of comment ids, after a cursor (ms, id), in either order. Equal
   * scores are ordered by member bytes, as Redis orders them, so a page boundary inside one
   * millisecond neither repeats nor skips a comment. KEYS: the set. ARGV: 'newest'|'oldest',
   * cursor ms (or ''), cursor id, count. Returns a flat array id, ms, id, ms...
   */
  private static final String PAGE = """
      local key, newest, ms, after, n = KEYS[1], ARGV[1] == 'newest', ARGV[2], ARGV[3], tonumber(ARGV[4])
      if ms == '' then
        if newest then return redis.call('ZRANGE', key, '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, n, 'WITHSCORES') end
        return redis.call('ZRANGE', key, '-inf', '+inf', 'BYSCORE', 'LIMIT', 0, n, 'WITHSCORES')
      end
      local function before(a, b)
        for i = 1, math.min(#a, #b) do
          local x, y = string.byte(a, i), string.byte(b, i)
          if x ~= y then return x < y end
        end
        return #a < #b
      end
      local out = {}
      local same
      if newest then same = redis.call('ZRANGE', key, ms, ms, 'BYSCORE', 'REV')
      else same = redis.call('ZRANGE', key, ms, ms, 'BYSCORE') end
      for _, m in ipairs(same) do
        if #out >= 2 * n then return out end
        if (newest and before(m, after)) or (not newest and before(after, m)) then
          out[#out + 1] = m
          out[#out + 1] = ms
        end
      end
      local rest = n - #out / 2
      if rest <= 0 then return out end
      local more
      if newest then more = redis.call('ZRANGE', key, '(' .. ms, '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, rest, 'WITHSCORES')
      else more = redis.call('ZRANGE', key, '(' .. ms, '+inf', 'BYSCORE', 'LIMIT', 0, rest, 'WITHSCORES') end
      for _, v in ipairs(more) do out[#out + 1] = v end
      return out
      """;

  /** KEYS: video. ARGV: '1' (off) or '0'. Returns 0 when the video is gone. */
  private static final String SWITCH = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], 'commentsOff', ARGV[1])
      return 1
      """;

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
    return redis.eval(ADD, keys, args).map(r -> switch (r.get(0).toString()) {
      case "ok" -> new Comment(id, videoId, reply ? threadId : "", authorId, text, nowMillis, 0, 0, false);
      case "off" -> throw CommentsApi.commentsOff();
      case "noparent" -> throw CommentsApi.noSuchComment();
      case "throttled" -> throw throttled(r.get(1).toLong());
      default -> throw CommentsApi.noSuchVideo();
    });
  }

  Future<Void> edit(Comment comment, String authorId, String text, long nowMillis) {
    return redis.eval(EDIT, List.of(RedisKeys.comment(comment.id()), RedisKeys.video(comment.videoId())),
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
    return redis.eval(DELETE, keys, List.of(comment.id(), thread)).map(r -> switch (r.get(0).toString()) {
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
    return redis.eval(PAGE, List.of(key), args).map(r -> {
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
    return redis.eval(SWITCH, List.of(RedisKeys.video(videoId)), List.of(enabled ? "0" : "1"))
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
