package io.kinora.captions;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.RawBody;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.CaptionTrack;
import io.kinora.video.TrackResponse;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoChanges;
import io.kinora.video.captions.CaptionFile;
import io.kinora.video.captions.CaptionLanguage;
import io.kinora.video.captions.CaptionStore;
import io.kinora.video.captions.Cue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Caption tracks, one per language: the owner sends an SRT or WebVTT file, which is checked,
 * made safe and kept as WebVTT ({@link CaptionFile}); players get each track as a file and as an
 * HLS media playlist (the master playlist and the DASH manifest list them). Who may see or change
 * a video is asked of {@link VideoAccess}, as on every route.
 * <ul>
 *   <li>{@code GET /api/videos/{id}/captions}: the tracks;</li>
 *   <li>{@code PUT /api/videos/{id}/captions/{language}?label=…&default=true}: the file as the body;</li>
 *   <li>{@code PATCH /api/videos/{id}/captions/{language}}: {@code {"label", "default"}};</li>
 *   <li>{@code DELETE /api/videos/{id}/captions/{language}};</li>
 *   <li>{@code GET /api/videos/{id}/captions/{language}.vtt} and {@code ….m3u8}.</li>
 * </ul>
 */
public final class CaptionsApi implements Feature {


  private final Vertx vertx;
  private final VideoAccess access;
  private final CaptionStore store;

  public CaptionsApi(Vertx vertx, RedisStore redis, VideoAccess access, VideoChanges changes) {
    this.vertx = vertx;
    this.access = access;
    this.store = new CaptionStore(redis, changes);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/captions").handler(this::list);
    router.get("/api/videos/:id/captions/:file").handler(this::file);
    router.put("/api/videos/:id/captions/:language").handler(this::put);
    router.patch("/api/videos/:id/captions/:language").handler(this::update);
    router.delete("/api/videos/:id/captions/:language").handler(this::remove);
  }

  private void list(RoutingContext ctx) {
    access.visible(Callers.of(ctx), ctx.pathParam("id"))
        .onSuccess(video -> Responses.json(ctx, 200, new JsonObject().put("items",
            new JsonArray(video.captions().stream().map(t -> t.toJson(video.id())).toList()))))
        .onFailure(ctx::fail);
  }

  /** {@code {language}.vtt}: the WebVTT; {@code {language}.m3u8}: the one-segment HLS playlist of it. */
  private void file(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    boolean playlist = file.endsWith(".m3u8");
    if (!playlist && !file.endsWith(".vtt")) {
      throw KinoraException.notFound("A caption track is fetched as {language}.vtt or {language}.m3u8.");
    }
    String language = CaptionLanguage.parse(file.substring(0, file.lastIndexOf('.')));
    access.visible(Callers.of(ctx), ctx.pathParam("id"))
        .compose(video -> {
          if (video.captions(language) == null) {
            return Future.failedFuture(noSuchTrack(language));
          }
          if (playlist) {
            TrackResponse.send(ctx, video, "application/vnd.apple.mpegurl",
                SubtitlePlaylist.write(video.id(), language, video.durationSeconds()));
            return Future.succeededFuture();
          }
          return store.webVtt(video.id(), language).map(text -> {
            if (text == null) {
              throw noSuchTrack(language);
            }
            TrackResponse.send(ctx, video, "text/vtt; charset=utf-8", text);
            return null;
          });
        })
        .onFailure(ctx::fail);
  }

  /** The file is the raw body: read up to its limit, then checked and converted off the event loop. */
  private void put(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = ctx.pathParam("id");
    String language = CaptionLanguage.parse(ctx.pathParam("language"));
    if (!Bodies.isCaptionFile(ctx.request().getHeader("Content-Type"))) {
      throw KinoraException.invalid("Send the caption file itself as the body, with Content-Type text/vtt "
          + "(WebVTT) or application/x-subrip (SubRip, .srt).");
    }
    String label = CaptionLanguage.label(ctx.queryParams().get("label"), language);
    Boolean makeDefault = flag(ctx.queryParams().get("default"), "default");
    RawBody.gather(ctx, CaptionFile.MAX_BYTES, "The caption file is larger than " + CaptionFile.MAX_BYTES / 1024
        + " KiB; no caption file needs to be (a feature film's are under 200 KiB).", bytes ->
        access.manageable(caller, id)
            .compose(video -> vertx.executeBlocking(() -> {
              List<Cue> cues = CaptionFile.parse(bytes);
              return new Converted(cues.size(), CaptionFile.toWebVtt(cues));
            }, false))
            .compose(converted -> {
              CaptionTrack track = new CaptionTrack(language, label, false, CaptionTrack.Source.UPLOADED, converted.cues());
              return store.put(id, track, converted.webVtt(), makeDefault)
                  .compose(outcome -> {
                    if (outcome == CaptionStore.Outcome.TOO_MANY) {
                      return Future.failedFuture(KinoraException.conflict("This video has " + CaptionStore.MAX_TRACKS
                          + " caption tracks already; delete one before adding another."));
                    }
                    return access.visible(caller, id).map(video -> {
                      Responses.json(ctx, outcome == CaptionStore.Outcome.ADDED ? 201 : 200,
                          video.captions(language).toJson(id));
                      return null;
                    });
                  });
            })
            .onFailure(ctx::fail));
  }

  private void update(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = ctx.pathParam("id");
    String language = CaptionLanguage.parse(ctx.pathParam("language"));
    JsonObject body = Bodies.object(ctx, Set.of("label", "default"));
    String rawLabel = Bodies.string(body, "label", CaptionLanguage.MAX_LABEL, false);
    String label = rawLabel == null ? null : CaptionLanguage.label(rawLabel, language);
    Boolean makeDefault = Bodies.optionalBoolean(body, "default");
    access.manageable(caller, id)
        .compose(video -> store.update(id, language, label, makeDefault))
        .compose(outcome -> outcome == CaptionStore.Outcome.NO_SUCH_TRACK ? Future.failedFuture(noSuchTrack(language))
            : access.visible(caller, id))
        .onSuccess(video -> Responses.json(ctx, 200, video.captions(language).toJson(id)))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = ctx.pathParam("id");
    String language = CaptionLanguage.parse(ctx.pathParam("language"));
    access.manageable(caller, id)
        .compose(video -> store.delete(id, language))
        .onSuccess(outcome -> {
          if (outcome == CaptionStore.Outcome.NO_SUCH_TRACK) {
            ctx.fail(noSuchTrack(language));
          } else {
            Responses.noContent(ctx);
          }
        })
        .onFailure(ctx::fail);
  }

  private record Converted(int cues, String webVtt) {
  }

  private static Boolean flag(String raw, String name) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw KinoraException.invalid("'" + name + "' is true or false.");
    };
  }

  private static KinoraException noSuchTrack(String language) {
    return KinoraException.notFound("This video has no caption track in " + language + ".");
  }

}
