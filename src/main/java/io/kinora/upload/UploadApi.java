package io.kinora.upload;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.BodyLimits;
import io.kinora.platform.http.FailureHandler;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.s3.MultipartStorage;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.PartedUpload;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoIds;
import io.kinora.video.VideoLimits;
import io.kinora.video.VideoRepository;
import io.kinora.video.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Getting originals into storage: creating an upload (one presigned PUT, or parts the client
 * sends through {@link PartsApi}) and its completion, the multipart form for curl users, and
 * MinIO's bucket notifications ({@link StorageWebhook}).
 */
public final class UploadApi implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(UploadApi.class);
  private static final Set<String> CREATE_FIELDS =
      Set.of("filename", "size", "title", "description", "visibility", "multipart");
  /** Above this, an upload is sent in parts unless the client asks otherwise: one dropped connection costs one part. */
  static final long PARTS_ABOVE_BYTES = 64L * 1024 * 1024;
  /** S3's limit on a single PUT. */
  private static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;
  /** What a form's own fields and boundaries may add to its file: the form's text fields are small. */
  private static final long FORM_FIELDS_ALLOWANCE = 64 * 1024;

  private final Vertx vertx;
  private final VideoRepository videos;
  private final VideoAccess access;
  private final ObjectStorage storage;
  private final MultipartStorage multipart;
  private final VideoLimits limits;
  private final UploadSettings settings;
  private final Completions completions;
  private final StorageWebhook webhook;

  public UploadApi(Vertx vertx, VideoRepository videos, VideoAccess access, ObjectStorage storage,
                   MultipartStorage multipart, VideoLimits limits, UploadSettings settings) {
    this.vertx = vertx;
    this.videos = videos;
    this.access = access;
    this.storage = storage;
    this.multipart = multipart;
    this.limits = limits;
    this.settings = settings;
    this.completions = new Completions(vertx.eventBus());
    this.webhook = new StorageWebhook(settings.webhookToken(), completions);
  }

  @Override
  public void mount(Router router) {
    router.post("/api/uploads").handler(this::createUpload);
    router.post("/api/videos").handler(this::multipart);
    router.post("/api/videos/:id/complete").handler(this::complete);
    router.post("/hooks/storage").handler(BodyLimits.readUpTo(BodyLimits.STORAGE_EVENT))
        .handler(webhook::handle);
  }

  /**
   * {@code POST /api/uploads}: a record awaiting its upload, and either a presigned PUT URL for the
   * whole file or the plan of its parts ({@code "multipart": true}, the default above 64 MiB).
   */
  private void createUpload(RoutingContext ctx) {
    Caller owner = Callers.signedIn(ctx);
    JsonObject body = Bodies.object(ctx, CREATE_FIELDS);
    String filename = Bodies.string(body, "filename", VideoLimits.MAX_FILENAME, true);
    long size = Bodies.positiveLong(body, "size");
    String title = Bodies.string(body, "title", VideoLimits.MAX_TITLE, false);
    String description = Bodies.string(body, "description", VideoLimits.MAX_DESCRIPTION, false);
    Visibility visibility = visibilityOr(Bodies.string(body, "visibility", 16, false));
    Boolean inParts = Bodies.optionalBoolean(body, "multipart");
    if (size > limits.maxBytes()) {
      throw KinoraException.tooLarge(limits.tooLarge(size));
    }
    boolean parted = inParts == null ? size > PARTS_ABOVE_BYTES : inParts;
    if (!parted && size > MAX_SINGLE_PUT_BYTES) {
      throw KinoraException.invalid("One PUT can carry at most 5 GiB; send this file in parts (leave out "
          + "\"multipart\": false).");
    }
    String id = VideoIds.newId();
    Future<Video> created = create(id, owner, visibility, titleOr(title, filename), description, filename, size);
    (parted ? created.compose(video -> openParts(video, size)) : created.map(video -> singlePut(id, size)))
        .onSuccess(answer -> Responses.json(ctx, 201, answer))
        .onFailure(ctx::fail);
  }

  /** The URL stores exactly the declared bytes, once the record (and its reserved quota) exists. */
  private JsonObject singlePut(String id, long size) {
    Duration ttl = settings.urlTtl();
    return new JsonObject()
        .put("id", id)
        .put("uploadUrl", storage.presignOriginalPut(id, size, ttl))
        .put("expiresAt", Instant.now().plus(ttl).toString());
  }

  /** Starts the multipart upload in storage and notes it on the video; a failure leaves neither behind. */
  private Future<JsonObject> openParts(Video video, long size) {
    String id = video.id();
    long partSize = settings.partSizeFor(size);
    String key = ObjectKeys.original(id);
    return multipart.create(ObjectStorage.UPLOADS, key, "application/octet-stream")
        .compose(uploadId -> videos.attachParts(id, uploadId, partSize)
            .compose(attached -> attached ? Future.succeededFuture()
                : Future.failedFuture(KinoraException.notFound("The video was deleted while its upload was created.")))
            .recover(err -> multipart.abort(ObjectStorage.UPLOADS, key, uploadId).otherwiseEmpty()
                .compose(v -> Future.failedFuture(err))))
        .recover(err -> videos.delete(video).otherwiseEmpty().compose(v -> Future.failedFuture(
            notKept(err, "Storage did not answer, so the upload was not started. Try again in a moment."))))
        .map(v -> new JsonObject()
            .put("id", id)
            .put("expiresAt", settings.unfinishedUntil(video).toString())
            .put("multipart", new JsonObject()
                .put("partSize", partSize)
                .put("partCount", PartedUpload.partCount(size, partSize))));
  }

  /** Storage failing to take an upload: {@code sentence} says that nothing was kept and what to do. */
  private static Throwable notKept(Throwable err, String sentence) {
    if (err instanceof KinoraException known && known.code() == ErrorCode.UNAVAILABLE) {
      return KinoraException.unavailable(sentence, err);
    }
    return err;
  }

  /** A new video of this owner, or TOO_LARGE saying how much of their quota is left. */
  private Future<Video> create(String id, Caller owner, Visibility visibility, String title, String description,
                               String filename, long size) {
    return videos.create(id, owner, visibility, title, description == null ? "" : description, filename, size)
        .map(created -> {
          if (created.video() == null) {
            throw KinoraException.tooLarge(quotaRefusal(size, created.bytesLeft()));
          }
          return created.video();
        });
  }

  private static Visibility visibilityOr(String value) {
    Visibility chosen = Visibility.parse(value);
    return chosen == null ? Visibility.DEFAULT : chosen;
  }

  /** {@code POST /api/videos/{id}/complete}: idempotent; the completion verticle decides. */
  private void complete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    access.manageable(Callers.of(ctx), id)
        .compose(video -> completions.notifyCompleted(id))
        .onSuccess(video -> Responses.json(ctx, 202, video))
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/videos} multipart ({@code title}, {@code description}, file part
   * {@code file}). The file streams to a temp file with back-pressure (flat heap whatever its
   * size), then to storage from a worker thread.
   */
  private void multipart(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Caller owner = Callers.signedIn(ctx);
    String contentType = request.getHeader("Content-Type");
    if (!Bodies.isMultipartForm(contentType)) {
      throw new KinoraException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send multipart/form-data with a 'file' part (curl -F file=@video.mp4).");
    }
    long declared = parseLength(request.getHeader("Content-Length"));
    if (declared > limits.maxBytes()) {
      throw KinoraException.tooLarge(limits.tooLarge(declared));
    }
    // the quota is checked before a byte is read: a full account must not fill the spool disk
    videos.bytesLeft(owner.userId())
        .onSuccess(left -> admitForm(ctx, owner, declared, left))
        .onFailure(ctx::fail);
  }

  /** Starts reading the form if it can fit the quota; it is cut off as soon as it no longer can. */
  private void admitForm(RoutingContext ctx, Caller owner, long declared, long bytesLeft) {
    long room = Math.min(limits.maxBytes(), bytesLeft + FORM_FIELDS_ALLOWANCE);
    if (declared > room) {
      ctx.fail(KinoraException.tooLarge(quotaRefusal(declared, bytesLeft)));
      return;
    }
    if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
      // curl asks before sending bodies over 1 MB; without an answer it waits a second
      ctx.request().response().writeContinue();
    }
    new FormUpload(ctx, owner, room, bytesLeft).start();
  }

  private static String quotaRefusal(long size, long bytesLeft) {
    return "This " + VideoLimits.humanBytes(size) + " upload does not fit in your storage quota: "
        + VideoLimits.humanBytes(bytesLeft) + " left. Delete videos you no longer need, or ask an administrator "
        + "for more space.";
  }

  private static String titleOr(String title, String filename) {
    if (title != null && !title.isBlank()) {
      return title.trim();
    }
    int dot = filename.lastIndexOf('.');
    String base = dot > 0 ? filename.substring(0, dot) : filename;
    return base.length() > VideoLimits.MAX_TITLE ? base.substring(0, VideoLimits.MAX_TITLE) : base;
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
  private final class FormUpload {
    private static final long SIZE_CHECK_MILLIS = 500;

    private final RoutingContext ctx;
    private final Caller owner;
    /** Bytes the request may carry: the smaller of the size limit and the quota left (plus the form's fields). */
    private final long room;
    private final long bytesLeft;
    private final String id = VideoIds.newId();
    private final Path spool;
    private HttpServerFileUpload upload;
    private Future<Void> spooled;
    private long sizeWatch = -1;
    private boolean aborted;
    /** The record made for this upload while its original is not in storage yet. */
    private Video unstored;

    FormUpload(RoutingContext ctx, Caller owner, long room, long bytesLeft) {
      this.ctx = ctx;
      this.owner = owner;
      this.room = room;
      this.bytesLeft = bytesLeft;
      this.spool = settings.spoolDir().resolve("upload-" + id);
    }

    void start() {
      HttpServerRequest request = ctx.request();
      request.setExpectMultipart(true);
      request.uploadHandler(this::onFilePart);
      request.exceptionHandler(err -> abort(KinoraException.invalid("The upload was interrupted: " + err.getMessage())));
      request.endHandler(v -> onRequestEnd());
      request.resume(); // ApiBodies paused the stream until these handlers were in place
      // a chunked request has no Content-Length: stop it as soon as it passes the limit
      sizeWatch = vertx.setPeriodic(SIZE_CHECK_MILLIS, t -> {
        if (request.bytesRead() > room) {
          abort(KinoraException.tooLarge(request.bytesRead() > limits.maxBytes()
              ? limits.tooLarge(request.bytesRead()) : quotaRefusal(request.bytesRead(), bytesLeft)));
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
        fail(KinoraException.invalid("The form has no 'file' part: send the video as -F file=@video.mp4."));
        return;
      }
      String title = ctx.request().getFormAttribute("title");
      String description = ctx.request().getFormAttribute("description");
      Visibility visibility;
      try {
        visibility = visibilityOr(ctx.request().getFormAttribute("visibility"));
      } catch (KinoraException e) {
        fail(e);
        return;
      }
      if (title != null && title.length() > VideoLimits.MAX_TITLE
          || description != null && description.length() > VideoLimits.MAX_DESCRIPTION) {
        fail(KinoraException.invalid("'title' must be at most " + VideoLimits.MAX_TITLE + " and 'description' at most "
            + VideoLimits.MAX_DESCRIPTION + " characters."));
        return;
      }
      String name = upload.filename() == null || upload.filename().isBlank() ? "upload" : upload.filename();
      if (name.length() > VideoLimits.MAX_FILENAME) {
        fail(KinoraException.invalid("The file name must be at most " + VideoLimits.MAX_FILENAME
            + " characters; rename the file and upload it again."));
        return;
      }
      spooled
          .compose(v -> upload.size() > limits.maxBytes()
              ? Future.failedFuture(KinoraException.tooLarge(limits.tooLarge(upload.size())))
              : create(id, owner, visibility, titleOr(title, name), description, name, upload.size()))
          .compose(video -> {
            unstored = video;
            return storage.uploadAsync(ObjectStorage.UPLOADS, ObjectKeys.original(id), spool, "application/octet-stream")
                .recover(err -> Future.failedFuture(notKept(err, "Storage did not answer, so the video was not "
                    + "kept. Send it again in a moment.")));
          })
          .compose(v -> {
            unstored = null;
            return removeSpool();
          })
          .compose(v -> completions.notifyCompleted(id))
          .onSuccess(video -> Responses.json(ctx, 202, video))
          .onFailure(this::fail);
    }

    private void abort(KinoraException reason) {
      if (aborted) {
        return;
      }
      aborted = true;
      stopWatching();
      LOG.info("multipart upload {} aborted: {}", id, reason.getMessage());
      try {
        if (upload != null) {
          upload.cancelStreamToFileSystem();
        }
      } catch (IllegalStateException alreadyClosed) {
        // the client went away first and Vert.x closed the file: nothing left to cancel
      }
      removeSpool();
      Responses.error(ctx, FailureHandler.status(reason.code()), reason.getMessage());
      ctx.request().connection().close();
    }

    /**
     * Answers only once the spool file is gone and, when the original never reached storage, the
     * record made for it too: a refused upload leaves no file, no video and no quota used.
     */
    private void fail(Throwable err) {
      Video orphan = unstored;
      unstored = null;
      removeSpool()
          .compose(v -> orphan == null ? Future.succeededFuture() : videos.delete(orphan).otherwiseEmpty())
          .onComplete(v -> ctx.fail(err));
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
