package io.kinora.account;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.List;

/**
 * Keeps password guessing slow on every node: failed sign-ins are counted in Redis per account
 * name and per client address over a window; past the limit, sign-in answers 429 with
 * Retry-After until the window ends, before any password is checked.
 */
final class SignInThrottle {

  static final int PER_ACCOUNT = 10;
  static final int PER_ADDRESS = 30;
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** Counts one failure; the window starts at the first. */
  private static final String FAIL = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return n
      """;

  private final RedisStore redis;

  SignInThrottle(RedisStore redis) {
    this.redis = redis;
  }

  /** Fails with TOO_MANY_REQUESTS when this name or this address has failed too often. */
  Future<Void> check(String username, String address) {
    return Future.all(waitMillis(accountKey(username), PER_ACCOUNT), waitMillis(addressKey(address), PER_ADDRESS))
        .compose(all -> {
          long wait = Math.max(all.<Long>resultAt(0), all.<Long>resultAt(1));
          if (wait > 0) {
            return Future.failedFuture(KinoraException.tooManyRequests("Too many failed sign-ins; try again in "
                + Math.max(1, (wait + 59_999) / 60_000) + " min.", (wait + 999) / 1000));
          }
          return Future.succeededFuture();
        });
  }

  Future<Void> failed(String username, String address) {
    String window = Long.toString(WINDOW.toMillis());
    return Future.all(redis.eval(FAIL, List.of(accountKey(username)), List.of(window)),
        redis.eval(FAIL, List.of(addressKey(address)), List.of(window))).mapEmpty();
  }

  /** A right password clears the account's count (not the address's: it may be guessing others). */
  Future<Void> succeeded(String username) {
    return redis.api().del(List.of(accountKey(username))).mapEmpty();
  }

  /** Milliseconds until this counter allows another try; 0 when under the limit. */
  private Future<Long> waitMillis(String key, int limit) {
    return redis.api().get(key).compose(count -> {
      if (count == null || count.toLong() < limit) {
        return Future.succeededFuture(0L);
      }
      return redis.api().pttl(key).map(Response::toLong).map(ttl -> Math.max(1, ttl));
    });
  }

  private static String accountKey(String username) {
    return RedisKeys.signInFailures("account", AccountRepository.nameKey(username));
  }

  private static String addressKey(String address) {
    return RedisKeys.signInFailures("address", address == null ? "unknown" : address);
  }
}
