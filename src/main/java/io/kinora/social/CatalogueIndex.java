package io.kinora.social;

import io.vertx.core.Future;

/**
 * An index of the videos everyone may find (public and ready): the catalogue itself, the search
 * index. {@link CatalogueVerticle} calls every index whenever a video may have entered or left.
 */
public interface CatalogueIndex {

  /**
   * Puts the video in when its record, read now, is public and ready, and takes it out otherwise
   * (also when it no longer exists). Idempotent, so a repeated or late call does no harm.
   */
  Future<Void> sync(String videoId);
}
