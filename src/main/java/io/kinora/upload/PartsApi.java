package io.kinora.upload;

import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.s3.MultipartStorage;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.PartedUpload;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoIds;
import io.kinora.video.VideoRemoval;
import io.kinora.video.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An upload sent in parts, straight from the client to storage: presigned part URLs a batch at a
 * time, the parts storage really holds (so a client resumes without trusting its own memory), and
 * abort. Completing goes through {@code POST /api/videos/{id}/complete} like any upload.
 */
public final class PartsApi implements Feature {

  /** Part URLs per request: enough for a browser's next minutes, few enough to keep URLs short-lived. */
  static final int MAX_PARTS_PER_REQUEST = 100;
  private static final Set<String> PRESIGN_FIELDS = Set.of("partNumbers");

  private final VideoAccess access;
  private final MultipartStorage multipart;
  private final VideoRemoval removal;
  private final UploadSettings settings;

  public PartsApi(VideoAccess access, MultipartStorage multipart, VideoRemoval removal, UploadSettings settings) {
    this.access = access;
    this.multipart = multipart;
    this.removal = removal;
    this.settings = settings;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/uploads/:id/parts").handler(this::presignParts);
    router.get("/api/uploads/:id/parts").handler(this::listParts);
    router.delete("/api/uploads/:id").handler(this::abort);
  }

  /** {@code POST /api/uploads/{id}/parts} {@code {partNumbers}}: a presigned UploadPart URL for each. */
  private void presignParts(RoutingContext ctx) {
    List<Integer> numbers = partNumbers(Bodies.object(ctx, PRESIGN_FIELDS));
    Duration ttl = settings.urlTtl();
    openUpload(ctx)
        .map(video -> {
          PartedUpload upload = video.parted();
          JsonArray parts = new JsonArray();
          for (int n : numbers) {
            if (n > upload.partCount()) {
              throw KinoraException.invalid("Part " + n + " does not exist: this upload has " + upload.partCount()
                  + " parts, numbered from 1.");
            }
            // each URL takes exactly its part's bytes: the plan, not the client, decides the size
            parts.add(new JsonObject().put("partNumber", n).put("size", upload.expectedSize(n))
                .put("url", multipart.presignPart(ObjectStorage.UPLOADS, ObjectKeys.original(video.id()),
                    upload.uploadId(), n, upload.expectedSize(n), ttl)));
          }
          return new JsonObject().put("parts", parts).put("expiresAt", Instant.now().plus(ttl).toString());
        })
        .onSuccess(answer -> Responses.json(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/uploads/{id}/parts}: the plan of the upload and the parts storage holds. */
  private void listParts(RoutingContext ctx) {
    openUpload(ctx)
        .compose(video -> multipart.listParts(ObjectStorage.UPLOADS, ObjectKeys.original(video.id()),
                video.parted().uploadId())
            .map(stored -> {
              PartedUpload upload = video.parted();
              JsonArray parts = new JsonArray();
              stored.forEach(part -> parts.add(new JsonObject()
                  .put("partNumber", part.partNumber())
                  .put("size", part.size())
                  .put("etag", part.etag().replace("\"", ""))));
              return new JsonObject()
                  .put("id", video.id())
                  .put("size", upload.size())
                  .put("partSize", upload.partSize())
                  .put("partCount", upload.partCount())
                  .put("expiresAt", settings.unfinishedUntil(video).toString())
                  .put("parts", parts);
            }))
        .onSuccess(answer -> Responses.json(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/uploads/{id}}: the parts, the record and the quota it reserved are gone. */
  private void abort(RoutingContext ctx) {
    manageable(ctx)
        .compose(video -> {
          if (video.status() != VideoStatus.AWAITING_UPLOAD || assembling(video)) {
            throw KinoraException.conflict("This upload is complete, so there is nothing to abort; delete the "
                + "video instead (DELETE /api/videos/" + video.id() + ").");
          }
          return removal.remove(video);
        })
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** The caller's video whose parts may still be sent; CONFLICT with the reason otherwise. */
  private Future<Video> openUpload(RoutingContext ctx) {
    return manageable(ctx).map(video -> {
      if (video.parted() == null) {
        throw KinoraException.conflict("This upload is not sent in parts: PUT the whole file to the uploadUrl "
            + "it was created with, or create a new upload with \"multipart\": true.");
      }
      if (video.status() != VideoStatus.AWAITING_UPLOAD || assembling(video)) {
        throw KinoraException.conflict("This upload is complete: storage takes no more parts for it.");
      }
      return video;
    });
  }

  private Future<Video> manageable(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!VideoIds.isValid(id)) {
      return Future.failedFuture(VideoAccess.notFound());
    }
    return access.manageable(Callers.signedIn(ctx), id);
  }

  private static boolean assembling(Video video) {
    return video.parted() != null
        && video.parted().assembling(System.currentTimeMillis(), UploadCompletionVerticle.ASSEMBLY_STALE_MILLIS);
  }

  /** 1 to 100 distinct part numbers, each at least 1 (the upper bound depends on the upload). */
  private static List<Integer> partNumbers(JsonObject body) {
    Object value = body.getValue("partNumbers");
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_PARTS_PER_REQUEST) {
      throw KinoraException.invalid("'partNumbers' must be a list of 1 to " + MAX_PARTS_PER_REQUEST
          + " part numbers.");
    }
    List<Integer> numbers = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (Object item : array) {
      if (!(item instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.doubleValue() < 1
          || n.doubleValue() > MultipartStorage.MAX_PARTS) {
        throw KinoraException.invalid("Each part number must be a whole number from 1 to "
            + MultipartStorage.MAX_PARTS + ".");
      }
      if (!seen.add(n.intValue())) {
        throw KinoraException.invalid("Part " + n.intValue() + " is listed twice in 'partNumbers'.");
      }
      numbers.add(n.intValue());
    }
    return numbers;
  }
}
