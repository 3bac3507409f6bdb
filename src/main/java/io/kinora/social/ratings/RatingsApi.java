package io.kinora.social.ratings;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoChanges;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * {@code PUT /api/videos/{id}/rating} (like, dislike or none; signed in) and
 * {@code POST /api/videos/{id}/views} (the player, after a few seconds of real playback). Both
 * only for videos the caller may see, asked of {@link VideoAccess}.
 */
public final class RatingsApi implements Feature {

  private final VideoAccess access;
  private final Ratings ratings;
  private final ViewCounter views;
  private final VideoChanges changes;

  public RatingsApi(VideoAccess access, Ratings ratings, ViewCounter views, VideoChanges changes) {
    this.access = access;
    this.ratings = ratings;
    this.views = views;
    this.changes = changes;
  }

  @Override
  public void mount(Router router) {
    router.put("/api/videos/:id/rating").handler(this::rate);
    router.post("/api/videos/:id/views").handler(this::view);
  }

  private void rate(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String wire = Bodies.string(Bodies.object(ctx, Set.of("rating")), "rating", 16, true);
    Ratings.Rating rating = Ratings.Rating.parse(wire);
    if (rating == null) {
      throw KinoraException.invalid("'rating' is one of like, dislike or none.");
    }
    String id = ctx.pathParam("id");
    access.visible(caller, id)
        .compose(video -> ratings.rate(id, caller.userId(), rating))
        // every node's copy of the video forgets its old counts; this one before answering
        .onSuccess(counts -> changes.announce(id))
        .onSuccess(counts -> Responses.json(ctx, 200, new JsonObject().put("likes", counts.likes())
            .put("dislikes", counts.dislikes()).put("myRating", rating.wire())))
        .onFailure(ctx::fail);
  }

  /**
   * Counts once per viewer per day. The answer has the new count; the video's JSON may show the
   * old one for up to the cache's lifetime (30 s): announcing every view would empty every node's
   * cache of a popular video once per new viewer.
   */
  private void view(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    String id = ctx.pathParam("id");
    access.playable(caller, id)
        .compose(video -> views.count(id, Viewers.of(caller, ctx)))
        .onSuccess(count -> Responses.json(ctx, 200, new JsonObject().put("views", count)))
        .onFailure(ctx::fail);
  }
}
