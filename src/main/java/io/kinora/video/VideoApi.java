package io.kinora.video;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/**
 * Managing videos: get, list, edit, delete, and the limits the UI shows. Mounted first, because
 * it also checks the shape of every {@code /api/videos/{id}} path before other features see it.
 */
public final class VideoApi implements Feature {

  private static final Set<String> PATCH_FIELDS = Set.of("title", "description", "visibility");

  private final VideoRepository videos;
  private final VideoAccess access;
  private final VideoRemoval removal;
  private final VideoLimits limits;
  private final CallerRatings ratings;

  public VideoApi(VideoRepository videos, VideoAccess access, VideoRemoval removal, VideoLimits limits,
                  CallerRatings ratings) {
    this.ratings = ratings;
    this.videos = videos;
    this.access = access;
    this.removal = removal;
    this.limits = limits;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/limits").handler(this::limits);
    router.get("/api/videos").handler(this::list);
    router.route("/api/videos/:id/*").handler(VideoApi::requireValidId);
    router.route("/api/videos/:id").handler(VideoApi::requireValidId);
    router.get("/api/videos/:id").handler(this::get);
    router.patch("/api/videos/:id").handler(this::patch);
    router.delete("/api/videos/:id").handler(this::delete);
  }

  private static void requireValidId(RoutingContext ctx) {
    if (!VideoIds.isValid(ctx.pathParam("id"))) {
      ctx.fail(KinoraException.invalid("Malformed video id: it is 22 characters of A-Z, a-z, 0-9, '-' and '_'."));
    } else {
      ctx.next();
    }
  }

  private static VideoRepository.Scope scope(String value) {
    if (value == null || value.isEmpty() || value.equals("mine")) {
      return VideoRepository.Scope.MINE;
    }
    if (value.equals("public")) {
      return VideoRepository.Scope.PUBLIC;
    }
    if (value.equals("all")) {
      return VideoRepository.Scope.ALL;
    }
    throw KinoraException.invalid("'scope' is one of mine, public or all.");
  }

  private void limits(RoutingContext ctx) {
    Responses.json(ctx, 200, limits.toJson());
  }

  /** The video's JSON, with {@code myRating} for a signed-in caller. */
  private void get(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    access.visible(caller, ctx.pathParam("id"))
        .compose(video -> !caller.signedIn() ? Future.succeededFuture(video.toJson())
            : ratings.ratingOf(caller, video.id()).map(mine -> video.toJson().put("myRating", mine)))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/videos?scope=mine|public|all}: mine needs a sign-in, all an admin. */
  private void list(RoutingContext ctx) {
    PageRequest page = Paging.pages(ctx, PageLimits.VIDEOS);
    VideoRepository.Scope scope = scope(ctx.request().getParam("scope"));
    Caller caller = switch (scope) {
      case MINE -> Callers.signedIn(ctx);
      case ALL -> Callers.admin(ctx);
      case PUBLIC -> Callers.of(ctx);
    };
    videos.list(scope, caller.userId(), page)
        .onSuccess(result -> {
          JsonArray items = new JsonArray();
          result.items().forEach(v -> items.add(v.toJson()));
          Responses.json(ctx, 200, Pages.envelope(items, page, result.total())
              .put("scope", scope.name().toLowerCase(Locale.ROOT)));
        })
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.object(ctx, PATCH_FIELDS);
    String title = Bodies.string(body, "title", VideoLimits.MAX_TITLE, false);
    String description = Bodies.string(body, "description", VideoLimits.MAX_DESCRIPTION, false);
    Visibility visibility = Visibility.parse(Bodies.string(body, "visibility", 16, false));
    if (title == null && description == null && visibility == null) {
      throw KinoraException.invalid("Send 'title', 'description' and/or 'visibility'.");
    }
    if (title != null && title.isBlank()) {
      throw KinoraException.invalid("'title' must not be empty.");
    }
    Caller caller = Callers.of(ctx);
    access.manageable(caller, id)
        .compose(video -> videos.updateMeta(id, title == null ? null : title.trim(), description, visibility))
        .compose(found -> {
          if (!found) {
            throw VideoAccess.notFound();
          }
          return access.visible(caller, id);
        })
        .onSuccess(video -> Responses.json(ctx, 200, video.toJson()))
        .onFailure(ctx::fail);
  }

  /** Removes every object (original, renditions, poster) and every record of the video. */
  private void delete(RoutingContext ctx) {
    access.manageable(Callers.of(ctx), ctx.pathParam("id"))
        .compose(removal::remove)
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }
}
