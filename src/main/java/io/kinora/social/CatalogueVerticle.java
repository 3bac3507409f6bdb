package io.kinora.social;

import io.kinora.platform.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Keeps every {@link CatalogueIndex} in step with the video records: whenever a video was edited,
 * deleted, or reached a status that can change whether it is listed, each index syncs it. Every
 * node hears every announcement and syncs (the indexes are idempotent), so a lost node loses
 * nothing. A deployment that predates the catalogue has it filled by a migration ({@link FillCatalogue}).
 */
public final class CatalogueVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueVerticle.class);
  /** Statuses after which a video may have entered or left the catalogue; progress events are not. */
  private static final Set<String> LISTING_STATUSES = Set.of("ready", "failed", "queued");

  private final Catalogue catalogue;
  private final List<CatalogueIndex> indexes;

  /** @param indexes every index to keep in step, the catalogue among them */
  public CatalogueVerticle(Catalogue catalogue, List<CatalogueIndex> indexes) {
    this.catalogue = catalogue;
    this.indexes = indexes;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return Future.all(
            bus.<String>consumer(Addresses.VIDEO_CHANGED, this::onChanged).completion(),
            bus.<JsonObject>consumer(Addresses.VIDEO_STATUS, this::onStatus).completion(),
            bus.<JsonObject>consumer(Addresses.VIDEO_DELETED, this::onDeleted).completion());
  }

  private void onChanged(Message<String> message) {
    syncAll(message.body());
  }

  private void onStatus(Message<JsonObject> message) {
    if (LISTING_STATUSES.contains(message.body().getString("status"))) {
      syncAll(message.body().getString("id"));
    }
  }

  private void onDeleted(Message<JsonObject> message) {
    JsonObject video = message.body().getJsonObject("video", new JsonObject());
    String id = video.getString("id");
    if (id != null) {
      catalogue.removeDeleted(id, message.body().getString("ownerId"))
          .onFailure(err -> LOG.warn("could not take deleted video {} out of the catalogue", id, err));
      syncAll(id);
    }
  }

  private Future<Void> syncAll(String videoId) {
    if (videoId == null) {
      return Future.succeededFuture();
    }
    return Future.join(indexes.stream().map(index -> index.sync(videoId)).toList())
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("could not sync video {} into the catalogue and search", videoId, err));
  }
}
