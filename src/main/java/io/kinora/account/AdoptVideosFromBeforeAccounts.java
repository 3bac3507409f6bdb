package io.kinora.account;

import io.kinora.platform.migrations.Migration;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 1: videos made before accounts existed belong to the first admin, counted in their
 * usage. Without an admin yet there is no one to give them to: the first admin to sign up adopts
 * them then ({@link AccountApi}, which calls {@link #adopt} too). Idempotent: a video with an
 * owner is never adopted again.
 */
public final class AdoptVideosFromBeforeAccounts implements Migration {

  private static final Logger LOG = LoggerFactory.getLogger(AdoptVideosFromBeforeAccounts.class);

  private final AccountRepository accounts;
  private final VideoRepository videos;

  public AdoptVideosFromBeforeAccounts(RedisStore redis, VideoRepository videos) {
    this(new AccountRepository(redis), videos);
  }

  AdoptVideosFromBeforeAccounts(AccountRepository accounts, VideoRepository videos) {
    this.accounts = accounts;
    this.videos = videos;
  }

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String description() {
    return "videos from before accounts go to the first admin";
  }

  @Override
  public Future<Void> apply() {
    return adopt().onSuccess(n -> {
      if (n > 0) {
        LOG.info("{} videos from before accounts now belong to the first admin", n);
      }
    }).mapEmpty();
  }

  /** Gives the ownerless videos to the first admin, if there is one; how many. */
  Future<Integer> adopt() {
    return accounts.firstAdmin().compose(user -> user == null ? Future.succeededFuture(0)
        : videos.adoptOrphans(user.id(), user.username()));
  }
}
