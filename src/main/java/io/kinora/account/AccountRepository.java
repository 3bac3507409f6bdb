package io.kinora.account;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Accounts in Redis, cluster-wide: one hash per user, a name index (case-insensitive) and a
 * sorted set by creation time. Creating an account is one script, so the name check and the
 * "first account becomes the admin" decision are atomic across every node.
 */
final class AccountRepository {

  /**
   * KEYS: users, by-name, user hash. ARGV: id, name key, username, password hash, email,
   * createdAt, quota, created ms, onlyIfFirst ('1' = refuse unless there is no account yet).
   * Returns {1, role} when created, {0, 'taken'} or {0, 'closed'}.
   */
  private static final String CREATE = """
      if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return {0, 'taken'} end
      local first = redis.call('ZCARD', KEYS[1]) == 0
      if ARGV[9] == '1' and not first then return {0, 'closed'} end
      local role = 'user'
      if first then role = 'admin' end
      redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
      redis.call('HSET', KEYS[3], 'id', ARGV[1], 'username', ARGV[3], 'password', ARGV[4], 'email', ARGV[5],
        'role', role, 'createdAt', ARGV[6], 'quotaBytes', ARGV[7], 'usedBytes', '0', 'disabled', '0')
      redis.call('ZADD', KEYS[1], ARGV[8], ARGV[1])
      return {1, role}
      """;

  private final RedisStore redis;

  AccountRepository(RedisStore redis) {
    this.redis = redis;
  }

  /** Why an account could not be created. */
  enum Refusal { NAME_TAKEN, SIGN_UP_CLOSED }

  /** Either the new user or why not. */
  record Created(User user, Refusal refusal) {
  }

  Future<Created> create(String username, String passwordHash, String email, long quotaBytes, boolean onlyIfFirst) {
    String id = Secrets.random(12);
    Instant now = Instant.now();
    return redis.eval(CREATE, List.of(RedisKeys.USERS, RedisKeys.USERS_BY_NAME, RedisKeys.user(id)),
            List.of(id, nameKey(username), username, passwordHash, email == null ? "" : email, now.toString(),
                Long.toString(quotaBytes), Long.toString(now.toEpochMilli()), onlyIfFirst ? "1" : "0"))
        .compose(r -> {
          if (r.get(0).toInteger() == 1) {
            return find(id).map(user -> new Created(user, null));
          }
          Refusal why = "taken".equals(r.get(1).toString()) ? Refusal.NAME_TAKEN : Refusal.SIGN_UP_CLOSED;
          return Future.succeededFuture(new Created(null, why));
        });
  }

  /** The user, or null. */
  Future<User> find(String id) {
    return redis.api().hgetall(RedisKeys.user(id)).map(r -> {
      var hash = RedisStore.toMap(r);
      return hash.containsKey("id") ? User.fromHash(hash) : null;
    });
  }

  /** The user with this name in any letter case, or null. */
  Future<User> findByName(String username) {
    return redis.api().hget(RedisKeys.USERS_BY_NAME, nameKey(username))
        .compose(id -> id == null ? Future.succeededFuture(null) : find(id.toString()));
  }

  /** Names compare without case (so "Alice" and "alice" are one account), in every locale. */
  static String nameKey(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
