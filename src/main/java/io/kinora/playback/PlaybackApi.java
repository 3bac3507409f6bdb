package io.kinora.playback;

import io.kinora.platform.auth.Callers;
import io.kinora.platform.cache.CoalescedLoads;
import io.kinora.platform.cache.LruCache;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.platform.s3.MediaTypes;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.Rendition;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoIds;
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
  private final ObjectStorage storage;
  private final UrlSigner signer;
  private final KinoraMetrics metrics;
  private final LruCache<HotFile> hotFiles;
  private final long largestHotFile;
  private final CoalescedLoads<HotFile> reads = new CoalescedLoads<>();

  public PlaybackApi(VideoAccess access, ObjectStorage storage, UrlSigner signer, PlaybackSettings settings,
                     KinoraMetrics metrics) {
    this.metrics = metrics;
    this.access = access;
    this.storage = storage;
    this.signer = signer;
    this.hotFiles = new LruCache<>(settings.hotMediaBytes(), file -> file.bytes().length(), 0, System::currentTimeMillis);
    this.largestHotFile = settings.hotMediaBytes() / PlaybackSettings.LARGEST_SHARE;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/poster.jpg").handler(this::poster);
    router.get("/media/:id/:rendition/:file").handler(this::media);
    router.head("/media/:id/:rendition/:file").handler(this::media);
  }

  /** {@code GET /api/videos/{id}/poster.jpg}. */
  private void poster(RoutingContext ctx) {
    access.ready(Callers.of(ctx), ctx.pathParam("id"))
        .compose(video -> wholeFile(video.mediaKey("poster.jpg")))
        .onSuccess(file -> {
          if (file == null) {
            ctx.fail(KinoraException.notFound("This video has no poster."));
            return;
          }
          ctx.response().putHeader("Content-Type", "image/jpeg")
              .putHeader("Cache-Control", "private, max-age=3600")
              .end(file.bytes());
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /media/{id}/{rendition}/{file}?expires=&sig=}: 403 bad signature, 410 expired. */
  private void media(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String rendition = ctx.pathParam("rendition");
    String file = ctx.pathParam("file");
    if (!VideoIds.isValid(id) || !Rendition.NAME.matcher(rendition).matches() || !VideoUrls.MEDIA_FILE.matcher(file).matches()) {
      metrics.signedUrlRejected(403);
      throw new KinoraException(ErrorCode.FORBIDDEN, NOT_SIGNED);
    }
    String uri = VideoUrls.media(id, rendition, file);
    switch (signer.verify(uri, ctx.request().getParam("expires"), ctx.request().getParam("sig"))) {
      case INVALID -> {
        metrics.signedUrlRejected(403);
        throw new KinoraException(ErrorCode.FORBIDDEN, NOT_SIGNED);
      }
      case EXPIRED -> {
        metrics.signedUrlRejected(410);
        throw new KinoraException(ErrorCode.EXPIRED, "This media URL has expired; reload the playlist for fresh links.");
      }
      default -> { }
    }
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"));
    if (rendition.equals(VideoUrls.DOWNLOADS)) {
      access.bySignedLink(id)
          .onSuccess(video -> Mp4Downloads.send(ctx, storage, video, file, range))
          .onFailure(ctx::fail);
      return;
    }
    access.bySignedLink(id)
        .compose(video -> served(video.mediaKey(rendition + "/" + file), range))
        .onSuccess(served -> sendMedia(ctx, file, served))
        .onFailure(ctx::fail);
  }

  /** What one media request sends: from memory when the file is there, else from storage. */
  private Future<Served> served(String key, ByteRange range) {
    if (range == null) {
      return wholeFile(key).map(file -> Served.from(file, null));
    }
    HotFile hot = hotFiles.get(key);
    if (hot != null) {
      return Future.succeededFuture(Served.from(hot, range));
    }
    return resolve(range, key).compose(r -> r == null ? Future.succeededFuture(null)
        : storage.readAsync(ObjectStorage.MEDIA, key, r.first(), r.last() < 0 ? -1 : r.last() - r.first() + 1)
            .map(slice -> slice == null ? null
                : new Served(r, Buffer.buffer(slice.bytes()), slice.offset(), slice.totalLength(), slice.etag())));
  }

  /**
   * A whole media file (null when missing). Concurrent reads of one file share one storage read,
   * and files small enough are kept in memory: segments and posters never change once written.
   */
  private Future<HotFile> wholeFile(String key) {
    HotFile hot = hotFiles.get(key);
    if (hot != null) {
      return Future.succeededFuture(hot);
    }
    return reads.get(key, () -> storage.readAsync(ObjectStorage.MEDIA, key, 0, -1)
            .map(slice -> slice == null ? null : new HotFile(Buffer.buffer(slice.bytes()), slice.etag())),
        file -> {
          if (file != null && file.bytes().length() <= largestHotFile) {
            hotFiles.put(key, file);
          }
        });
  }

  /** A suffix range ({@code bytes=-n}) needs the object's length first. */
  private Future<ByteRange> resolve(ByteRange range, String key) {
    if (!range.suffix()) {
      return Future.succeededFuture(range);
    }
    return storage.sizeAsync(ObjectStorage.MEDIA, key).map(size -> size < 0 ? null : range.within(size));
  }

  /** A whole media file in memory; its buffer is shared by every response that sends it. */
  private record HotFile(Buffer bytes, String etag) {
  }

  /** What one media request sends: the resolved range (null = whole file) and its bytes. */
  private record Served(ByteRange range, Buffer body, long offset, long totalLength, String etag) {

    static Served from(HotFile file, ByteRange requested) {
      if (file == null) {
        return null;
      }
      long size = file.bytes().length();
      if (requested == null) {
        return new Served(null, file.bytes(), 0, size, file.etag());
      }
      ByteRange r = requested.within(size);
      return new Served(r, file.bytes().slice((int) r.first(), (int) r.last() + 1), r.first(), size, file.etag());
    }
  }

  private void sendMedia(RoutingContext ctx, String file, Served served) {
    if (served == null) {
      ctx.fail(noSuchFile());
      return;
    }
    HttpServerResponse response = ctx.response()
        .putHeader("Content-Type", MediaTypes.of(file))
        .putHeader("Cache-Control", IMMUTABLE)
        .putHeader("Accept-Ranges", "bytes");
    if (served.etag() != null) {
      response.putHeader("ETag", served.etag());
    }
    if (served.range() != null) {
      long last = served.offset() + served.body().length() - 1;
      response.setStatusCode(206)
          .putHeader("Content-Range", "bytes " + served.offset() + "-" + last + "/" + served.totalLength());
    }
    response.end(served.body());
  }

  private static KinoraException noSuchFile() {
    return KinoraException.notFound("No such media file.");
  }
}
