package io.kinora.account;

import io.kinora.platform.migrations.Migration;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Migration 2: every disabled account in {@code kinora:users:disabled}, the set listings read,
 * including those disabled by a release that did not keep the set (the update script keeps it in
 * step since). A release that already indexed them left {@code kinora:users:disabled:indexed},
 * and the scan is skipped; the flag is then deleted, as nothing reads it any more. Idempotent.
 */
public final class IndexDisabledAccounts implements Migration {

  private static final Logger LOG = LoggerFactory.getLogger(IndexDisabledAccounts.class);

  private final RedisStore redis;
  private final AccountRepository accounts;

  public IndexDisabledAccounts(RedisStore redis) {
    this.redis = redis;
    this.accounts = new AccountRepository(redis);
  }

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String description() {
    return "disabled accounts are indexed for the listings that leave them out";
  }

  @Override
  public Future<Void> apply() {
    return accounts.indexDisabled()
        .onSuccess(n -> LOG.info("{} disabled accounts indexed", n))
        .compose(n -> redis.api().del(List.of(RedisKeys.DISABLED_USERS_INDEXED)))
        .mapEmpty();
  }
}
