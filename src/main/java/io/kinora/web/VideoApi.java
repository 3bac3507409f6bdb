package io.kinora.web;

import io.kinora.KinoraServices;
import io.kinora.playback.PlaybackApi;
import io.kinora.store.VideoRepository;
import io.kinora.upload.UploadApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** Managing videos: get, list, edit, delete. */
public final class VideoApi {

  private static final int DEFAULT_PAGE_SIZE = 20;
  private static final int MAX_PAGE_SIZE = 100;
  private static final Set<String> PATCH_FIELDS = Set.of("title", "description");

  private final KinoraServices services;
  private final PlaybackApi playback;

  public VideoApi(KinoraServices services, PlaybackApi playback) {
    this.services = services;
    this.playback = playback;
  }

  public void get(RoutingContext ctx) {
    services.videos().find(ctx.pathParam("id"))
        .onSuccess(video -> {
          if (video == null) {
            ctx.fail(ApiError.notFound());
          } else {
            Responses.json(ctx, 200, video.toJson());
          }
        })
        .onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    int page = intParam(ctx, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, 1);
    int pageSize = intParam(ctx, "pageSize", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    services.videos().list(page, pageSize)
        .onSuccess(result -> {
          JsonArray items = new JsonArray();
          result.items().forEach(v -> items.add(v.toJson()));
          Responses.json(ctx, 200, new JsonObject().put("items", items).put("page", page)
              .put("pageSize", pageSize).put("total", result.total()));
        })
        .onFailure(ctx::fail);
  }

  public void patch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.object(ctx, PATCH_FIELDS);
    String title = Bodies.string(body, "title", UploadApi.MAX_TITLE, false);
    String description = Bodies.string(body, "description", UploadApi.MAX_DESCRIPTION, false);
    if (title == null && description == null) {
      throw ApiError.badRequest("Send 'title' and/or 'description'.");
    }
    if (title != null && title.isBlank()) {
      throw ApiError.badRequest("'title' must not be empty.");
    }
    services.videos().updateMeta(id, title == null ? null : title.trim(), description)
        .compose(found -> {
          if (!found) {
            throw ApiError.notFound();
          }
          return services.videos().find(id);
        })
        .onSuccess(video -> {
          if (video == null) {
            ctx.fail(ApiError.notFound());
          } else {
            Responses.json(ctx, 200, video.toJson());
          }
        })
        .onFailure(ctx::fail);
  }

  /** Removes every object (original, renditions, poster) and every record of the video. */
  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    VideoRepository videos = services.videos();
    videos.find(id)
        .compose(video -> {
          if (video == null) {
            throw ApiError.notFound();
          }
          // objects first: if storage fails, the record stays and a retry finds it; a job still
          // running finds the record gone when it finishes and removes what it wrote
          return services.storage().removeVideoAsync(id).compose(v -> videos.delete(id));
        })
        .onSuccess(v -> {
          playback.forget(id);
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  private static int intParam(RoutingContext ctx, String name, int min, int max, int fallback) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw ApiError.badRequest("'" + name + "' must be between " + min + " and " + max + ".");
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("'" + name + "' must be a whole number.");
    }
  }
}
