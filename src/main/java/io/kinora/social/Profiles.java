package io.kinora.social;

import io.kinora.platform.auth.AccountDirectory;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/** Channel profiles in Redis ({@code kinora:profile:{user id}}), their one owner. */
public final class Profiles {

  public static final int MAX_DISPLAY_NAME = 50;
  public static final int MAX_BIO = 1000;

  private final RedisStore redis;
  private final AccountDirectory accounts;

  public Profiles(RedisStore redis, AccountDirectory accounts) {
    this.redis = redis;
    this.accounts = accounts;
  }

  public AccountDirectory accounts() {
    return accounts;
  }

  /** The profile of an account, or null when there is no such (enabled) account. */
  public Future<Profile> byUsername(String username) {
    return accounts.byUsername(username).compose(this::of);
  }

  /** The profile of an account by id, or null. */
  public Future<Profile> byId(String userId) {
    return accounts.byId(userId).compose(this::of);
  }

  /** Profiles of several accounts in order; a missing account gives null in its place. */
  public Future<List<Profile>> byIds(List<String> userIds) {
    List<Future<Profile>> lookups = new ArrayList<>();
    userIds.forEach(id -> lookups.add(byId(id)));
    return Future.all(lookups).map(all -> lookups.stream().map(Future::result).toList());
  }

  private Future<Profile> of(AccountDirectory.Account account) {
    if (account == null) {
      return Future.succeededFuture(null);
    }
    return redis.api().hgetall(RedisKeys.profile(account.id()))
        .map(r -> Profile.fromHash(account.id(), account.username(), Replies.hash(r)));
  }

  /** Sets what is not null. */
  public Future<Void> update(String userId, String displayName, String bio) {
    List<String> args = new ArrayList<>(List.of(RedisKeys.profile(userId)));
    if (displayName != null) {
      args.addAll(List.of("displayName", displayName));
    }
    if (bio != null) {
      args.addAll(List.of("bio", bio));
    }
    return args.size() == 1 ? Future.succeededFuture() : redis.api().hset(args).mapEmpty();
  }

  /** Names the current avatar picture ({@code ""} for none). */
  public Future<Void> setAvatar(String userId, String version) {
    return redis.api().hset(List.of(RedisKeys.profile(userId), "avatar", version)).mapEmpty();
  }
}
