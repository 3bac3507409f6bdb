package io.kinora.playback;

import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.s3.MediaTypes;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.Rendition;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoIds;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoUrls;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * The bytes a player fetches: the poster, and signed media (segments) when no nginx edge is in
 * front. A media URL is checked exactly as nginx's {@code secure_link} checks it.
 */
public final class PlaybackApi implements Feature {

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String NOT_SIGNED = "This media URL is not signed for this path.";

  private final VideoAccess access;
  private final VideoRepository videos;
  private final ObjectStorage storage;
  private final UrlSigner signer;

  public PlaybackApi(VideoAccess access, VideoRepository videos, ObjectStorage storage, UrlSigner signer) {
    this.access = access;
    this.videos = videos;
    this.storage = storage;
    this.signer = signer;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/poster.jpg").handler(this::poster);
    router.get("/media/:id/:rendition/:file").handler(this::media);
    router.head("/media/:id/:rendition/:file").handler(this::media);
  }

  /** {@code GET /api/videos/{id}/poster.jpg}. */
  private void poster(RoutingContext ctx) {
    access.playable(Callers.of(ctx), ctx.pathParam("id"))
        .compose(video -> storage.readAsync(ObjectStorage.MEDIA, video.mediaKey("poster.jpg"), 0, -1))
        .onSuccess(slice -> {
          if (slice == null) {
            ctx.fail(KinoraException.notFound("This video has no poster."));
            return;
          }
          ctx.response().putHeader("Content-Type", "image/jpeg")
              .putHeader("Cache-Control", "private, max-age=3600")
              .end(Buffer.buffer(slice.bytes()));
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /media/{id}/{rendition}/{file}?expires=&sig=}: 403 bad signature, 410 expired. */
  private void media(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String rendition = ctx.pathParam("rendition");
    String file = ctx.pathParam("file");
    if (!VideoIds.isValid(id) || !Rendition.NAME.matcher(rendition).matches() || !VideoUrls.MEDIA_FILE.matcher(file).matches()) {
      throw new KinoraException(ErrorCode.FORBIDDEN, NOT_SIGNED);
    }
    String uri = VideoUrls.media(id, rendition, file);
    switch (signer.verify(uri, ctx.request().getParam("expires"), ctx.request().getParam("sig"))) {
      case INVALID -> throw new KinoraException(ErrorCode.FORBIDDEN, NOT_SIGNED);
      case EXPIRED -> throw new KinoraException(ErrorCode.EXPIRED,
          "This media URL has expired; reload the playlist for fresh links.");
      default -> { }
    }
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"));
    // only the output prefix (one HMGET on the hot path): the signature already proved access
    videos.outputPrefix(id)
        .compose(output -> output == null ? Future.failedFuture(noSuchFile())
            : read(ObjectKeys.media(id, output, rendition + "/" + file), range))
        .onSuccess(served -> sendMedia(ctx, file, served))
        .onFailure(ctx::fail);
  }

  private Future<Served> read(String key, ByteRange requested) {
    return resolve(requested, key).compose(r -> storage.readAsync(ObjectStorage.MEDIA, key,
            r == null ? 0 : r.first(), r == null || r.last() < 0 ? -1 : r.last() - r.first() + 1)
        .map(slice -> new Served(r, slice)));
  }

  /** A suffix range ({@code bytes=-n}) needs the object's length first. */
  private Future<ByteRange> resolve(ByteRange range, String key) {
    if (range == null || !range.suffix()) {
      return Future.succeededFuture(range);
    }
    return storage.sizeAsync(ObjectStorage.MEDIA, key).map(size -> {
      if (size < 0) {
        return null;
      }
      if (range.last() == 0 || size == 0) {
        throw new KinoraException(ErrorCode.RANGE_NOT_SATISFIABLE, "The requested range is empty.");
      }
      long first = Math.max(0, size - range.last());
      return new ByteRange(first, size - 1, false);
    });
  }

  /** What one media request reads: the resolved range (null = whole file) and its bytes. */
  private record Served(ByteRange range, ObjectStorage.Slice slice) {
  }

  private void sendMedia(RoutingContext ctx, String file, Served served) {
    ByteRange range = served.range();
    ObjectStorage.Slice slice = served.slice();
    if (slice == null) {
      ctx.fail(noSuchFile());
      return;
    }
    HttpServerResponse response = ctx.response()
        .putHeader("Content-Type", MediaTypes.of(file))
        .putHeader("Cache-Control", IMMUTABLE)
        .putHeader("Accept-Ranges", "bytes");
    if (slice.etag() != null) {
      response.putHeader("ETag", slice.etag());
    }
    if (range != null) {
      long last = slice.offset() + slice.bytes().length - 1;
      response.setStatusCode(206)
          .putHeader("Content-Range", "bytes " + slice.offset() + "-" + last + "/" + slice.totalLength());
    }
    response.end(Buffer.buffer(slice.bytes()));
  }

  private static KinoraException noSuchFile() {
    return KinoraException.notFound("No such media file.");
  }
}
