package io.kinora.video;

import io.kinora.platform.auth.Caller;
import io.vertx.core.Future;

/**
 * How the caller rated a video, for the {@code myRating} field of a video's JSON: implemented by
 * the social layer's ratings, which own the ratings, and passed to {@link VideoApi} by the app.
 */
public interface CallerRatings {

  /** {@code like}, {@code dislike} or {@code none}. */
  Future<String> ratingOf(Caller caller, String videoId);

  CallerRatings NONE = (caller, videoId) -> Future.succeededFuture("none");
}
