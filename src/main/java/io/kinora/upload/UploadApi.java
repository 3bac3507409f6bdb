package io.kinora.upload;

import io.kinora.Addresses;
import io.kinora.KinoraServices;
import io.kinora.store.ObjectStorage;
import io.kinora.store.VideoIds;
import io.kinora.web.ApiError;
import io.kinora.web.Bodies;
import io.kinora.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** Upload endpoints: presigned PUT, completion, and multipart for curl users. */
public final class UploadApi {

  private static final Logger LOG = LoggerFactory.getLogger(UploadApi.class);
  private static final Set<String> CREATE_FIELDS = Set.of("filename", "size", "title", "description");
  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 5000;

  private final Vertx vertx;
  private final KinoraServices services;
  private final DeliveryOptions completionDelivery = new DeliveryOptions()
      .setSendTimeout(Addresses.UPLOAD_COMPLETED_TIMEOUT.toMillis());

  public UploadApi(Vertx vertx, KinoraServices services) {
    this.vertx = vertx;
    this.services = services;
  }

  /** {@code POST /api/uploads}: a record awaiting its upload and a presigned PUT URL for it. */
  public void createUpload(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, CREATE_FIELDS);
    String filename = Bodies.string(body, "filename", 255, true);
    long size = Bodies.positiveLong(body, "size");
    String title = Bodies.string(body, "title", MAX_TITLE, false);
    String description = Bodies.string(body, "description", MAX_DESCRIPTION, false);
    if (size > services.limits().maxBytes()) {
      throw new ApiError(413, services.limits().tooLarge(size));
    }
    String id = VideoIds.newId();
    int ttl = services.config().uploadUrlTtlSeconds();
    services.videos().create(id, titleOr(title, filename), description == null ? "" : description, filename, size)
        .compose(video -> services.storage().presignPutAsync(objectKey(id), ttl))
        .onSuccess(url -> Responses.json(ctx, 201, new JsonObject()
            .put("id", id)
            .put("uploadUrl", url)
            .put("expiresAt", Instant.now().plusSeconds(ttl).toString())))
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/videos/{id}/complete}: idempotent; the completion verticle decides. */
  public void complete(RoutingContext ctx) {
    notifyCompleted(ctx.pathParam("id"))
        .onSuccess(video -> Responses.json(ctx, 202, video))
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/videos} multipart ({@code title}, {@code description}, file part
   * {@code file}). The file streams to a temp file with back-pressure (flat heap whatever its
   * size), then to storage from a worker thread.
   */
  public void multipart(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
      throw new ApiError(415, "Send multipart/form-data with a 'file' part (curl -F file=@video.mp4).");
    }
    long declared = parseLength(request.getHeader("Content-Length"));
    if (declared > services.limits().maxBytes()) {
      throw new ApiError(413, services.limits().tooLarge(declared));
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      // curl asks before sending bodies over 1 MB; without an answer it waits a second
      request.response().writeContinue();
    }
    new MultipartUpload(ctx).start();
  }

  Future<JsonObject> notifyCompleted(String id) {
    return vertx.eventBus().<JsonObject>request(Addresses.UPLOAD_COMPLETED, new JsonObject().put("id", id),
            completionDelivery)
        .map(reply -> reply.body())
        .recover(err -> Future.failedFuture(err instanceof ReplyException reply && reply.failureCode() >= 400
            ? new ApiError(reply.failureCode(), reply.getMessage())
            : new ApiError(503, "The upload could not be confirmed right now; try again in a moment.")));
  }

  static String objectKey(String id) {
    return id + "/original";
  }

  private static String titleOr(String title, String filename) {
    if (title != null && !title.isBlank()) {
      return title.trim();
    }
    int dot = filename.lastIndexOf('.');
    String base = dot > 0 ? filename.substring(0, dot) : filename;
    return base.length() > MAX_TITLE ? base.substring(0, MAX_TITLE) : base;
  }

  private static long parseLength(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * One multipart request: the {@code file} part is streamed to a spool file by Vert.x (with
   * back-pressure), watched against the size limit while it arrives, then stored and queued.
   */
  private final class MultipartUpload {
    private static final long SIZE_CHECK_MILLIS = 500;

    private final RoutingContext ctx;
    private final String id = VideoIds.newId();
    private final Path spool;
    private HttpServerFileUpload upload;
    private Future<Void> spooled;
    private long sizeWatch = -1;
    private boolean aborted;

    MultipartUpload(RoutingContext ctx) {
      this.ctx = ctx;
      this.spool = services.config().tempDir().resolve("upload-" + id);
    }

    void start() {
      HttpServerRequest request = ctx.request();
      request.setExpectMultipart(true);
      request.uploadHandler(this::onFilePart);
      request.exceptionHandler(err -> abort(400, "The upload was interrupted: " + err.getMessage()));
      request.endHandler(v -> onRequestEnd());
      // a chunked request has no Content-Length: stop it as soon as it passes the limit
      sizeWatch = vertx.setPeriodic(SIZE_CHECK_MILLIS, t -> {
        if (request.bytesRead() > services.limits().maxBytes()) {
          abort(413, services.limits().tooLarge(request.bytesRead()));
        }
      });
    }

    private void onFilePart(HttpServerFileUpload part) {
      if (!"file".equals(part.name()) || spooled != null) {
        part.handler(b -> { });
        return;
      }
      upload = part;
      spooled = part.streamToFileSystem(spool.toString());
    }

    private void onRequestEnd() {
      stopWatching();
      if (aborted) {
        return;
      }
      if (spooled == null) {
        fail(new ApiError(400, "The form has no 'file' part: send the video as -F file=@video.mp4."));
        return;
      }
      String title = ctx.request().getFormAttribute("title");
      String description = ctx.request().getFormAttribute("description");
      if (title != null && title.length() > MAX_TITLE || description != null && description.length() > MAX_DESCRIPTION) {
        fail(ApiError.badRequest("'title' must be at most " + MAX_TITLE + " and 'description' at most "
            + MAX_DESCRIPTION + " characters."));
        return;
      }
      String name = upload.filename() == null || upload.filename().isBlank() ? "upload" : upload.filename();
      spooled
          .compose(v -> upload.size() > services.limits().maxBytes()
              ? Future.failedFuture(new ApiError(413, services.limits().tooLarge(upload.size())))
              : services.videos().create(id, titleOr(title, name), description == null ? "" : description, name, upload.size()))
          .compose(v -> services.storage().uploadAsync(ObjectStorage.UPLOADS, objectKey(id), spool, "application/octet-stream"))
          .compose(v -> removeSpool())
          .compose(v -> notifyCompleted(id))
          .onSuccess(video -> Responses.json(ctx, 202, video))
          .onFailure(this::fail);
    }

    private void abort(int status, String message) {
      if (aborted) {
        return;
      }
      aborted = true;
      stopWatching();
      LOG.info("multipart upload {} aborted: {}", id, message);
      try {
        if (upload != null) {
          upload.cancelStreamToFileSystem();
        }
      } catch (IllegalStateException alreadyClosed) {
        // the client went away first and Vert.x closed the file: nothing left to cancel
      }
      removeSpool();
      Responses.error(ctx, status, message);
      ctx.request().connection().close();
    }

    private void fail(Throwable err) {
      removeSpool();
      ctx.fail(err);
    }

    private void stopWatching() {
      if (sizeWatch >= 0) {
        vertx.cancelTimer(sizeWatch);
        sizeWatch = -1;
      }
    }

    private Future<Void> removeSpool() {
      return vertx.fileSystem().delete(spool.toString()).otherwiseEmpty();
    }
  }
}
