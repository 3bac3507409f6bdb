package io.kinora.web;

import io.kinora.KinoraServices;
import io.kinora.events.SseHandler;
import io.kinora.playback.PlaybackApi;
import io.kinora.store.VideoIds;
import io.kinora.upload.StorageWebhook;
import io.kinora.upload.UploadApi;
import io.minio.errors.MinioException;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/** The http role: the whole router is built here, once; handlers live with their feature. */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private static final long JSON_BODY_LIMIT = 64 * 1024;
  private static final long WEBHOOK_BODY_LIMIT = 1024 * 1024;

  private final KinoraServices services;
  private final String contentSecurityPolicy;

  public HttpVerticle(KinoraServices services) {
    this.services = services;
    this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; "
        + "connect-src 'self' " + origin(services.config().browserStorageEndpoint()) + "; "
        + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'";
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(0))
        .requestHandler(router())
        .listen(services.config().httpPort())
        .onSuccess(server -> LOG.info("HTTP on port {}", server.actualPort()));
  }

  private Router router() {
    PlaybackApi playback = new PlaybackApi(services);
    UploadApi uploads = new UploadApi(vertx, services);
    StorageWebhook webhook = new StorageWebhook(services, uploads);
    VideoApi videos = new VideoApi(services, playback);
    HealthApi health = new HealthApi(vertx, services);
    SseHandler events = new SseHandler(vertx, services.videos(), services.config().sseHeartbeatSeconds());
    BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);

    Router router = Router.router(vertx);
    router.route().handler(this::securityHeaders);
    router.get("/health").handler(health::handle);

    router.post("/api/uploads").handler(json).handler(uploads::createUpload);
    router.post("/api/videos").handler(uploads::multipart);
    router.post("/hooks/storage").handler(BodyHandler.create(false).setBodyLimit(WEBHOOK_BODY_LIMIT))
        .handler(webhook::handle);

    router.get("/api/videos").handler(videos::list);
    router.route("/api/videos/:id/*").handler(this::requireValidId);
    router.route("/api/videos/:id").handler(this::requireValidId);
    router.get("/api/videos/:id").handler(videos::get);
    router.patch("/api/videos/:id").handler(json).handler(videos::patch);
    router.delete("/api/videos/:id").handler(videos::delete);
    router.post("/api/videos/:id/complete").handler(uploads::complete);
    router.get("/api/videos/:id/events").handler(events);
    router.get("/api/videos/:id/master.m3u8").handler(playback::master);
    router.get("/api/videos/:id/renditions/:file").handler(playback::variant);
    router.get("/api/videos/:id/poster.jpg").handler(playback::poster);
    router.get("/media/:id/:rendition/:file").handler(playback::media);
    router.head("/media/:id/:rendition/:file").handler(playback::media);
    router.route("/api/*").handler(ctx -> ctx.fail(new ApiError(404, "No such API endpoint.")));

    router.get("/vendor/hls.min.js").handler(StaticAssets::hlsJs);
    router.get("/watch/:id").handler(ctx -> ctx.reroute("/watch.html"));
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(300));
    router.route().failureHandler(this::onFailure);
    router.errorHandler(404, ctx -> Responses.error(ctx, 404, "Not found."));
    return router;
  }

  /**
   * Video IDs are the only key to a private video, so no page may leak its URL in a Referer;
   * the pages load nothing but this origin, blob: media/workers (hls.js) and storage for uploads.
   */
  private void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", contentSecurityPolicy);
    ctx.next();
  }

  private void requireValidId(RoutingContext ctx) {
    if (!VideoIds.isValid(ctx.pathParam("id"))) {
      ctx.fail(new ApiError(400, "Malformed video id: it is 22 characters of A-Z, a-z, 0-9, '-' and '_'."));
    } else {
      ctx.next();
    }
  }

  private void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof ApiError api) {
      Responses.error(ctx, api.status(), api.getMessage());
    } else if (status == 413) {
      Responses.error(ctx, 413, "The request body is too large.");
    } else if (status >= 400 && status < 500) {
      Responses.error(ctx, status, failure != null && failure.getMessage() != null
          ? failure.getMessage() : defaultMessage(status));
    } else if (isBackendTrouble(failure)) {
      LOG.warn("request {} {} failed: {}", ctx.request().method(), ctx.request().path(), String.valueOf(failure));
      Responses.error(ctx, 503, "A backing service (Redis or storage) did not answer; try again in a moment.");
    } else {
      LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      Responses.error(ctx, 500, "Something went wrong on this server; the operator can find it in the log.");
    }
  }

  /** Connection, timeout and storage/Redis errors: worth retrying, unlike a bug. */
  private static boolean isBackendTrouble(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException
          || t instanceof MinioException || t instanceof ReplyException
          || t.getClass().getName().startsWith("io.vertx.redis.")) {
        return true;
      }
    }
    return failure == null;
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 404 -> "Not found.";
      case 405 -> "Method not allowed here.";
      case 415 -> "Unsupported content type.";
      default -> "Bad request.";
    };
  }
}
