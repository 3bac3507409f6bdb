package io.kinora.app;

import io.kinora.account.AdoptVideosFromBeforeAccounts;
import io.kinora.account.IndexDisabledAccounts;
import io.kinora.platform.migrations.Migration;
import io.kinora.platform.redis.RedisStore;
import io.kinora.social.Catalogue;
import io.kinora.social.FillCatalogue;
import io.kinora.video.TagVideoKeys;
import io.kinora.video.VideoRepository;

import java.util.List;

/**
 * Every schema migration, in the order they run (see docs/internals/migrations.md). Each lives
 * in the feature owning the data it changes; adding one is that class and one line at the end of
 * this list, its number the next one. Never reorder, renumber or remove a line: deployments
 * store how far down this list they are.
 */
final class SchemaMigrations {

  private SchemaMigrations() {
  }

  static List<Migration> all(RedisStore redis, VideoRepository videos) {
    Catalogue catalogue = new Catalogue(redis);
    return List.of(
        // first: the migrations after it read video records by their tagged names
        new TagVideoKeys(redis),
        new AdoptVideosFromBeforeAccounts(redis, videos),
        new IndexDisabledAccounts(redis),
        new FillCatalogue(redis, catalogue, KinoraNode.catalogueIndexes(catalogue, redis, videos)));
  }
}
