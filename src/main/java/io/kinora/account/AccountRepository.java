package io.kinora.account;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
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

  // each script's KEYS, ARGV and replies are in the head of its file, src/main/resources/lua/account/

  /** Creates an account if its name is free; the first one becomes the admin. */
  private static final LuaScript CREATE = LuaScript.load("account/create-account");
  /**
   * Sets fields on an existing account, unless that would leave no active admin: checked against
   * every other account in the same step as the write.
   */
  private static final LuaScript UPDATE = LuaScript.load("account/update-account");
  /** Fills the set of disabled accounts from the accounts themselves, once per deployment. */
  private static final LuaScript INDEX_DISABLED = LuaScript.load("account/index-disabled");

  /** What the update script answers when accounts were added or removed since they were read. */
  private static final int ACCOUNTS_CHANGED = -2;
  /** Reads of the accounts an update makes before giving up: each lost one means accounts came or went meanwhile. */
  private static final int UPDATE_TRIES = 5;

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
    return redis.run(CREATE, List.of(RedisKeys.USERS, RedisKeys.USERS_BY_NAME, RedisKeys.user(id)),
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

  /**
   * Why {@link #create} would refuse this name now, or null: a cheap look before the password is
   * hashed. Not a promise (another sign-up may take the name meanwhile); create checks again.
   */
  Future<Refusal> refusal(String username, boolean onlyIfFirst) {
    return Future.all(redis.api().hexists(RedisKeys.USERS_BY_NAME, nameKey(username)), firstAccount())
        .map(all -> {
          if (all.<io.vertx.redis.client.Response>resultAt(0).toBoolean()) {
            return Refusal.NAME_TAKEN;
          }
          return onlyIfFirst && !all.<Boolean>resultAt(1) ? Refusal.SIGN_UP_CLOSED : null;
        });
  }

  /** The user, or null. */
  Future<User> find(String id) {
    return redis.api().hgetall(RedisKeys.user(id)).map(r -> {
      var hash = Replies.hash(r);
      return hash.containsKey("id") ? User.fromHash(hash) : null;
    });
  }

  /** The user with this name in any letter case, or null. */
  Future<User> findByName(String username) {
    return redis.api().hget(RedisKeys.USERS_BY_NAME, nameKey(username))
        .compose(id -> id == null ? Future.succeededFuture(null) : find(id.toString()));
  }

  /** A page of accounts, oldest first, and how many there are. */
  record Page(List<User> items, long total) {
  }

  Future<Page> list(PageRequest page) {
    Future<io.vertx.redis.client.Response> ids = redis.api().zrange(List.of(RedisKeys.USERS, Long.toString(page.offset()),
        Long.toString(page.lastIndex())));
    Future<io.vertx.redis.client.Response> total = redis.api().zcard(RedisKeys.USERS);
    return Future.all(ids, total).compose(done -> {
      List<Future<User>> lookups = new java.util.ArrayList<>();
      ids.result().forEach(id -> lookups.add(find(id.toString())));
      return Future.all(lookups).map(all -> new Page(lookups.stream().map(Future::result)
          .filter(java.util.Objects::nonNull).toList(), total.result().toLong()));
    });
  }

  /** True while no account exists: the next one made becomes the admin. */
  Future<Boolean> firstAccount() {
    return redis.api().zcard(RedisKeys.USERS).map(r -> r.toLong() == 0);
  }

  /** The oldest account if it is an admin: the one that owns videos from before accounts existed. */
  Future<User> firstAdmin() {
    return redis.api().zrange(List.of(RedisKeys.USERS, "0", "0"))
        .compose(r -> r == null || r.size() == 0 ? Future.succeededFuture(null) : find(r.get(0).toString()))
        .map(user -> user != null && user.admin() ? user : null);
  }

  /** What an update did. */
  enum Updated { DONE, NO_SUCH_USER, LAST_ADMIN }

  /** Sets what is not null, unless it would leave no active admin. */
  Future<Updated> update(String id, User.Role role, Boolean disabled, Long quotaBytes) {
    return update(id, role, disabled, quotaBytes, UPDATE_TRIES);
  }

  private Future<Updated> update(String id, User.Role role, Boolean disabled, Long quotaBytes, int tries) {
    boolean demotes = role == User.Role.USER || Boolean.TRUE.equals(disabled);
    // only a demotion is checked against the other accounts: then they come in KEYS
    Future<List<String>> accounts = demotes
        ? redis.api().zrange(List.of(RedisKeys.USERS, "0", "-1")).map(Replies::strings)
        : Future.succeededFuture(List.of());
    return accounts.compose(ids -> {
      List<String> keys = new java.util.ArrayList<>(
          List.of(RedisKeys.user(id), RedisKeys.USERS, RedisKeys.DISABLED_USERS));
      ids.stream().filter(other -> !other.equals(id)).forEach(other -> keys.add(RedisKeys.user(other)));
      List<String> args = new java.util.ArrayList<>(List.of(id, demotes ? "1" : "0", Integer.toString(ids.size())));
      if (role != null) {
        args.addAll(List.of("role", role.wire()));
      }
      if (disabled != null) {
        args.addAll(List.of("disabled", disabled ? "1" : "0"));
      }
      if (quotaBytes != null) {
        args.addAll(List.of("quotaBytes", Long.toString(quotaBytes)));
      }
      return redis.run(UPDATE, keys, args);
    }).compose(r -> switch (r.toInteger()) {
      case 1 -> Future.succeededFuture(Updated.DONE);
      case 0 -> Future.succeededFuture(Updated.NO_SUCH_USER);
      case ACCOUNTS_CHANGED -> tries > 1 ? update(id, role, disabled, quotaBytes, tries - 1)
          : Future.failedFuture(new IllegalStateException("accounts kept changing while updating " + id));
      default -> Future.succeededFuture(Updated.LAST_ADMIN);
    });
  }

  /**
   * Fills the set of disabled accounts from the accounts themselves (the update script keeps it in
   * step afterwards); how many there are. Only {@link IndexDisabledAccounts} calls it, once per
   * deployment; it skips the scan where a release before the schema version left its flag.
   */
  Future<Long> indexDisabled() {
    return redis.api().exists(List.of(RedisKeys.DISABLED_USERS_INDEXED)).compose(done -> {
      if (done.toInteger() == 1) {
        return redis.api().scard(RedisKeys.DISABLED_USERS).map(r -> r.toLong());
      }
      return redis.api().zrange(List.of(RedisKeys.USERS, "0", "-1")).compose(r -> {
        List<String> ids = Replies.strings(r);
        List<String> keys = new java.util.ArrayList<>(
            List.of(RedisKeys.DISABLED_USERS, RedisKeys.DISABLED_USERS_INDEXED));
        ids.forEach(user -> keys.add(RedisKeys.user(user)));
        return redis.run(INDEX_DISABLED, keys, ids).map(n -> n.toLong());
      });
    });
  }

  /** Removes the account's records (its videos, sessions and tokens are removed first by the caller). */
  Future<Void> delete(User user) {
    return redis.api().hdel(List.of(RedisKeys.USERS_BY_NAME, nameKey(user.username())))
        .compose(r -> redis.api().zrem(List.of(RedisKeys.USERS, user.id())))
        .compose(r -> redis.api().srem(List.of(RedisKeys.DISABLED_USERS, user.id())))
        .compose(r -> redis.api().del(List.of(RedisKeys.user(user.id()), RedisKeys.userVideos(user.id()))))
        .mapEmpty();
  }

  /** Names compare without case (so "Alice" and "alice" are one account), in every locale. */
  static String nameKey(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
