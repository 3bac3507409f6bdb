package io.kinora.video;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.s3.ObjectStorage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Managing videos: get, list, edit, delete, and the limits the UI shows. Mounted first, because
 * it also checks the shape of every {@code /api/videos/{id}} path before other features see it.
 */
public final class VideoApi implements Feature {

  private static final int DEFAULT_PAGE_SIZE = 20;
  private static final int MAX_PAGE_SIZE = 100;
  private static final Set<String> PATCH_FIELDS = Set.of("title", "description");

  private final VideoRepository videos;
  private final VideoAccess access;
  private final ObjectStorage storage;
  private final VideoLimits limits;

  public VideoApi(VideoRepository videos, VideoAccess access, ObjectStorage storage, VideoLimits limits) {
    this.videos = videos;
    this.access = access;
    this.storage = storage;
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

  private void limits(RoutingContext ctx) {
    Responses.json(ctx, 200, limits.toJson());
  }

  private void get(RoutingContext ctx) {
    access.visible(ctx.pathParam("id"))
        .onSuccess(video -> Responses.json(ctx, 200, video.toJson()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int page = Bodies.intParam(ctx, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, 1);
    int pageSize = Bodies.intParam(ctx, "pageSize", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    videos.list(page, pageSize)
        .onSuccess(result -> {
          JsonArray items = new JsonArray();
          result.items().forEach(v -> items.add(v.toJson()));
          Responses.json(ctx, 200, new JsonObject().put("items", items).put("page", page)
              .put("pageSize", pageSize).put("total", result.total()));
        })
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.object(ctx, PATCH_FIELDS);
    String title = Bodies.string(body, "title", VideoLimits.MAX_TITLE, false);
    String description = Bodies.string(body, "description", VideoLimits.MAX_DESCRIPTION, false);
    if (title == null && description == null) {
      throw KinoraException.invalid("Send 'title' and/or 'description'.");
    }
    if (title != null && title.isBlank()) {
      throw KinoraException.invalid("'title' must not be empty.");
    }
    access.visible(id)
        .compose(video -> videos.updateMeta(id, title == null ? null : title.trim(), description))
        .compose(found -> {
          if (!found) {
            throw VideoAccess.notFound();
          }
          return access.visible(id);
        })
        .onSuccess(video -> Responses.json(ctx, 200, video.toJson()))
        .onFailure(ctx::fail);
  }

  /** Removes every object (original, renditions, poster) and every record of the video. */
  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    access.visible(id)
        // objects first: if storage fails, the record stays and a retry finds it; a job still
        // running finds the record gone when it finishes and removes what it wrote
        .compose(video -> storage.removeVideoAsync(id))
        .compose(v -> videos.delete(id))
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }
}
