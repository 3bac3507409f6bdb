package io.kinora.captions;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.Chapters;
import io.kinora.video.TrackResponse;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoChanges;
import io.kinora.video.captions.ChapterStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/**
 * A video's chapters ({@link Chapters}): set by the owner, or else read from the description.
 * Who may see or change a video is asked of {@link VideoAccess}, as on every route.
 * <ul>
 *   <li>{@code GET /api/videos/{id}/chapters}: {@code {"source": "api"|"description"|"none", "items": [{start, title}]}};</li>
 *   <li>{@code GET /api/videos/{id}/chapters.vtt}: the same as a WebVTT chapters track;</li>
 *   <li>{@code PUT /api/videos/{id}/chapters}: {@code {"chapters": [{start, title}, …]}}, an empty list to clear them.</li>
 * </ul>
 */
public final class ChaptersApi implements Feature {

  private final VideoAccess access;
  private final ChapterStore store;

  public ChaptersApi(RedisStore redis, VideoAccess access, VideoChanges changes) {
    this.access = access;
    this.store = new ChapterStore(redis, changes);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/chapters").handler(this::list);
    router.get("/api/videos/:id/chapters.vtt").handler(this::track);
    router.put("/api/videos/:id/chapters").handler(this::put);
  }

  private void list(RoutingContext ctx) {
    access.visible(Callers.of(ctx), ctx.pathParam("id"))
        .onSuccess(video -> Responses.json(ctx, 200, video.chapters().toJson()))
        .onFailure(ctx::fail);
  }

  private void track(RoutingContext ctx) {
    access.visible(Callers.of(ctx), ctx.pathParam("id"))
        .onSuccess(video -> {
          if (video.chapters().items().isEmpty()) {
            ctx.fail(KinoraException.notFound("This video has no chapters."));
          } else {
            TrackResponse.send(ctx, video, "text/vtt; charset=utf-8", Chapters.toWebVtt(video.chapters().items(), video.durationSeconds()));
          }
        })
        .onFailure(ctx::fail);
  }

  /** The whole list at once: chapters only make sense together (order, first at 0:00). */
  private void put(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.object(ctx, Set.of("chapters"));
    List<Chapters.Chapter> chapters = Chapters.fromRequest(body.getValue("chapters"));
    access.manageable(caller, id)
        .compose(video -> store.set(id, chapters))
        .compose(done -> access.visible(caller, id))
        .onSuccess(video -> Responses.json(ctx, 200, video.chapters().toJson()))
        .onFailure(ctx::fail);
  }
}
