package io.kinora.playback;

import io.kinora.KinoraServices;
import io.kinora.store.ObjectStorage;
import io.kinora.store.Video;
import io.kinora.store.VideoIds;
import io.kinora.store.VideoStatus;
import io.kinora.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * Playback: master and variant playlists (reachable by the unguessable ID), the poster, and
 * signed media when no nginx edge is in front. Playlists come from Redis, never from storage.
 */
public final class PlaybackApi {

  private static final Pattern RENDITION = Pattern.compile("[a-z0-9]{1,16}");
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /** Signed playlists expire; a short private cache keeps players from refetching every reload. */
  private static final String PLAYLIST_CACHE = "private, max-age=30";

  private final KinoraServices services;
  private final PlaylistRewriter rewriter;
  private final PlaylistCache cache = new PlaylistCache(2048);

  public PlaybackApi(KinoraServices services) {
    this.services = services;
    this.rewriter = new PlaylistRewriter(services.signer());
  }

  /** {@code GET /api/videos/{id}/master.m3u8}. */
  public void master(RoutingContext ctx) {
    readyVideo(ctx.pathParam("id"))
        .onSuccess(video -> playlist(ctx, MasterPlaylist.write(video.id(), video.renditions())))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/videos/{id}/renditions/{name}.m3u8}: every segment URI signed. */
  public void variant(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String file = ctx.pathParam("file");
    String name = file.endsWith(".m3u8") ? file.substring(0, file.length() - 5) : "";
    if (!RENDITION.matcher(name).matches()) {
      throw new ApiError(404, "No such rendition; the master playlist lists the ones this video has.");
    }
    long expires = services.signer().nextExpiry();
    String key = PlaylistCache.key(id, name, expires);
    readyVideo(id)
        .compose(video -> {
          if (video.rendition(name) == null) {
            return Future.failedFuture(new ApiError(404, "This video has no " + name + " rendition."));
          }
          String cached = cache.get(key);
          if (cached != null) {
            return Future.succeededFuture(cached);
          }
          return services.videos().playlist(id, name).map(raw -> {
            if (raw == null) {
              throw new ApiError(404, "This video has no " + name + " rendition.");
            }
            String signed = rewriter.rewrite(raw, id, name, expires);
            cache.put(key, signed);
            return signed;
          });
        })
        .onSuccess(text -> playlist(ctx, text))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/videos/{id}/poster.jpg}. */
  public void poster(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    readyVideo(id)
        .compose(video -> services.storage().readAsync(ObjectStorage.MEDIA, video.mediaKey("poster.jpg"), 0, -1))
        .onSuccess(slice -> {
          if (slice == null) {
            ctx.fail(new ApiError(404, "This video has no poster."));
            return;
          }
          ctx.response().putHeader("Content-Type", "image/jpeg")
              .putHeader("Cache-Control", "private, max-age=3600")
              .end(Buffer.buffer(slice.bytes()));
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /media/{id}/{rendition}/{file}?expires=&sig=}: 403 bad signature, 410 expired. */
  public void media(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String rendition = ctx.pathParam("rendition");
    String file = ctx.pathParam("file");
    if (!VideoIds.isValid(id) || !RENDITION.matcher(rendition).matches() || !FILE.matcher(file).matches()) {
      throw new ApiError(403, "This media URL is not signed for this path.");
    }
    String uri = PlaylistRewriter.mediaPath(id, rendition, file);
    switch (services.signer().verify(uri, ctx.request().getParam("expires"), ctx.request().getParam("sig"))) {
      case INVALID -> throw new ApiError(403, "This media URL is not signed for this path.");
      case EXPIRED -> throw new ApiError(410, "This media URL has expired; reload the playlist for fresh links.");
      default -> { }
    }
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"));
    services.videos().outputPrefix(id)
        .compose(output -> output == null ? Future.failedFuture(new ApiError(404, "No such media file."))
            : read(Video.mediaKey(id, output, rendition + "/" + file), range))
        .onSuccess(served -> sendMedia(ctx, file, served))
        .onFailure(err -> ctx.fail(isInvalidRange(err)
            ? new ApiError(416, "The requested range is outside the file.") : err));
  }

  private Future<Served> read(String key, ByteRange requested) {
    return resolve(requested, key).compose(r -> services.storage().readAsync(ObjectStorage.MEDIA, key,
            r == null ? 0 : r.first(), r == null || r.last() < 0 ? -1 : r.last() - r.first() + 1)
        .map(slice -> new Served(r, slice)));
  }

  /** A suffix range ({@code bytes=-n}) needs the object's length first. */
  private Future<ByteRange> resolve(ByteRange range, String key) {
    if (range == null || !range.suffix()) {
      return Future.succeededFuture(range);
    }
    return services.storage().sizeAsync(ObjectStorage.MEDIA, key).map(size -> {
      if (size < 0) {
        return null;
      }
      if (range.last() == 0 || size == 0) {
        throw new ApiError(416, "The requested range is empty.");
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
      ctx.fail(new ApiError(404, "No such media file."));
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

  private Future<Video> readyVideo(String id) {
    return services.videos().find(id).map(video -> {
      if (video == null) {
        throw ApiError.notFound();
      }
      if (video.status() != VideoStatus.READY) {
        throw new ApiError(409, "The video is not ready to play yet (status: " + video.status().wire() + ").");
      }
      return video;
    });
  }

  private static void playlist(RoutingContext ctx, String text) {
    ctx.response().putHeader("Content-Type", MediaTypes.HLS_PLAYLIST)
        .putHeader("Cache-Control", PLAYLIST_CACHE)
        .end(text);
  }

  private static boolean isInvalidRange(Throwable err) {
    return err instanceof io.minio.errors.ErrorResponseException e
        && "InvalidRange".equals(e.errorResponse().code());
  }

  public void forget(String videoId) {
    cache.evictVideo(videoId);
  }
}
