package io.kinora.account;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;

/**
 * Keeps password guessing slow on every node. Each sign-in first reserves an attempt in Redis,
 * in one script that checks every limit and counts the attempt together, so a parallel crowd
 * cannot all pass the check before any of them is counted; only a reserved attempt spends a
 * password hash. A wrong password keeps its reservation; the right one gives it back.
 *
 * <p>Three counters, each over its own window from its first attempt:
 * <ul>
 *   <li>{@link #PER_ACCOUNT_ADDRESS} = 10 per (account, client address) per 15 min: someone
 *       guessing one account from one place stops early; its owner elsewhere is not affected.</li>
 *   <li>{@link #PER_ACCOUNT} = 30 per account per 5 min, whatever the address: a crowd spread
 *       over many addresses gets at most 30 guesses per 5 minutes (8,640 a day), and the owner is
 *       kept out by it for at most 5 minutes.</li>
 *   <li>{@link #PER_ADDRESS} = 30 per client address per 15 min, whatever the account: one place
 *       guessing many names.</li>
 * </ul>
 * The address is the real client's ({@code ClientAddress}), so behind the edge one client's
 * failures never throttle another. Refused attempts are not counted: waiting out the window works.
 */
final class SignInThrottle {

  static final int PER_ACCOUNT_ADDRESS = 10;
  static final Duration ACCOUNT_ADDRESS_WINDOW = Duration.ofMinutes(15);
  static final int PER_ACCOUNT = 30;
  static final Duration ACCOUNT_WINDOW = Duration.ofMinutes(5);
  static final int PER_ADDRESS = 30;
  static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

  /** Checks every limit and counts the attempt in all three at once (KEYS and ARGV: the head of the file). */
  private static final LuaScript RESERVE = LuaScript.load("account/reserve-sign-in");

  /** The right password: this account from this address starts afresh; the shared counters get this attempt back. */
  private static final LuaScript REFUND = LuaScript.load("account/refund-sign-in");

  private final RedisStore redis;

  SignInThrottle(RedisStore redis) {
    this.redis = redis;
  }

  /** Reserves one attempt, or fails with TOO_MANY_REQUESTS (and Retry-After) without counting it. */
  Future<Void> reserve(String username, String address) {
    return redis.run(RESERVE, keys(username, address), List.of(
            Integer.toString(PER_ACCOUNT_ADDRESS), Long.toString(ACCOUNT_ADDRESS_WINDOW.toMillis()),
            Integer.toString(PER_ACCOUNT), Long.toString(ACCOUNT_WINDOW.toMillis()),
            Integer.toString(PER_ADDRESS), Long.toString(ADDRESS_WINDOW.toMillis())))
        .compose(r -> {
          long wait = r.toLong();
          if (wait > 0) {
            return Future.failedFuture(KinoraException.tooManyRequests("Too many failed sign-ins; try again in "
                + Math.max(1, (wait + 59_999) / 60_000) + " min.", (wait + 999) / 1000));
          }
          return Future.succeededFuture();
        });
  }

  /** The reserved attempt had the right password. */
  Future<Void> succeeded(String username, String address) {
    return redis.run(REFUND, keys(username, address), List.of()).mapEmpty();
  }

  private static List<String> keys(String username, String address) {
    String account = AccountRepository.nameKey(username);
    return List.of(RedisKeys.signInFailures("account-address", account + "|" + address),
        RedisKeys.signInFailures("account", account), RedisKeys.signInFailures("address", address));
  }
}
