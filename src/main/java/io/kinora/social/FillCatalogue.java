package io.kinora.social;

import io.kinora.platform.migrations.Migration;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Migration 3: the catalogue and the search index of a deployment older than them, filled from
 * the video feature's list of public videos ({@link CatalogueVerticle} keeps them in step from
 * then on). Runs even where a release before the schema version left {@code kinora:catalogue:built}:
 * that flag was set before its fill, which a node stopped half-way. Syncing is idempotent; the
 * flag is deleted at the end, as nothing reads it any more.
 */
public final class FillCatalogue implements Migration {

  private static final Logger LOG = LoggerFactory.getLogger(FillCatalogue.class);
  /** Videos synced at once: enough to keep Redis busy, few enough not to crowd out a node's other work. */
  private static final int BATCH = 32;

  private final RedisStore redis;
  private final Catalogue catalogue;
  private final List<CatalogueIndex> indexes;

  /** @param indexes every index to fill, the catalogue among them */
  public FillCatalogue(RedisStore redis, Catalogue catalogue, List<CatalogueIndex> indexes) {
    this.redis = redis;
    this.catalogue = catalogue;
    this.indexes = List.copyOf(indexes);
  }

  @Override
  public int number() {
    return 4;
  }

  @Override
  public String description() {
    return "the catalogue and search index are filled from the public videos";
  }

  @Override
  public Future<Void> apply() {
    return catalogue.publicCandidates()
        .compose(ids -> syncAll(ids).onSuccess(v -> LOG.info("catalogue filled from {} public videos", ids.size())))
        .compose(v -> redis.api().del(List.of(RedisKeys.CATALOGUE_BUILT)))
        .mapEmpty();
  }

  private Future<Void> syncAll(List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> batch = ids.subList(from, Math.min(from + BATCH, ids.size()));
      chain = chain.compose(v -> Future.join(batch.stream().map(this::sync).toList()).mapEmpty());
    }
    return chain;
  }

  /**
   * One video into every index. A video that cannot be synced is logged and left, as before
   * versions: the next change to it syncs it, and one odd record must not stop every start.
   */
  private Future<Void> sync(String id) {
    return Future.join(indexes.stream().map(index -> index.sync(id)).toList())
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("could not sync video {} into the catalogue and search", id, err))
        .otherwiseEmpty();
  }
}
