package io.kinora.account;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Browser sessions in Redis, so every node sees the same ones and signing out anywhere ends a
 * session everywhere. A session is found by the SHA-256 of its cookie value; it lives for the
 * idle time after its last use (a TTL renewed on every use) and never past its absolute limit.
 * Each user's sessions are indexed, so disabling an account ends all of them.
 */
final class SessionStore {

  /** Reads a session and renews its idle TTL, unless it passed its absolute limit (then it is deleted). */
  private static final LuaScript TOUCH = LuaScript.load("account/touch-session");

  /** Ends the sessions of a user read from their set (KEYS and ARGV: the head of the file). */
  private static final LuaScript END_ALL = LuaScript.load("account/end-sessions");

  /** Rounds of {@link #closeAll}: a round is needed again only for a session opened during the last. */
  private static final int END_ROUNDS = 5;

  private final RedisStore redis;
  private final Duration idle;
  private final Duration absolute;

  SessionStore(RedisStore redis, Duration idle, Duration absolute) {
    this.redis = redis;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** A live session: whose it is, and the CSRF token its writes must echo. */
  record Session(String userId, String csrfToken) {
  }

  /** A new session: the cookie value (shown to the browser only) and its CSRF token. */
  record Opened(String cookieValue, String csrfToken) {
  }

  Future<Opened> open(String userId) {
    String cookie = Secrets.random(32);
    String csrf = Secrets.random(32);
    String digest = Secrets.sha256(cookie);
    long expiresAt = Instant.now().plus(absolute).toEpochMilli();
    return redis.api().hset(List.of(RedisKeys.session(digest), "userId", userId, "csrf", csrf,
            "expiresAt", Long.toString(expiresAt)))
        .compose(r -> redis.api().pexpire(List.of(RedisKeys.session(digest), Long.toString(idle.toMillis()))))
        .compose(r -> redis.api().sadd(List.of(RedisKeys.userSessions(userId), digest)))
        // the index outlives every session in it; ended sessions' digests in it are harmless
        .compose(r -> redis.api().pexpire(List.of(RedisKeys.userSessions(userId), Long.toString(absolute.toMillis()))))
        .map(r -> new Opened(cookie, csrf));
  }

  /** The session this cookie names, or null when it ended (signed out, idle, too old). */
  Future<Session> find(String cookieValue) {
    String digest = Secrets.sha256(cookieValue);
    return redis.run(TOUCH, List.of(RedisKeys.session(digest)), List.of(Long.toString(idle.toMillis()),
            Long.toString(Instant.now().toEpochMilli())))
        .map(r -> r == null ? null : new Session(r.get(0).toString(), r.get(1).toString()));
  }

  Future<Void> close(String cookieValue, String userId) {
    String digest = Secrets.sha256(cookieValue);
    return redis.api().del(List.of(RedisKeys.session(digest)))
        .compose(r -> redis.api().srem(List.of(RedisKeys.userSessions(userId), digest)))
        .mapEmpty();
  }

  Future<Void> closeAll(String userId) {
    return closeAll(userId, END_ROUNDS);
  }

  /** Reads the user's sessions and ends them; again while sessions were opened meanwhile. */
  private Future<Void> closeAll(String userId, int rounds) {
    return redis.api().smembers(RedisKeys.userSessions(userId)).compose(r -> {
      List<String> digests = Replies.strings(r);
      List<String> keys = new ArrayList<>(List.of(RedisKeys.userSessions(userId)));
      digests.forEach(digest -> keys.add(RedisKeys.session(digest)));
      return redis.run(END_ALL, keys, digests);
    }).compose(left -> left.toLong() > 0 && rounds > 1 ? closeAll(userId, rounds - 1) : Future.succeededFuture());
  }
}
