package io.kinora.playback;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.Video;
import io.kinora.video.VideoUrls;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Sends a download's MP4 (up to gigabytes) from storage in slices, one at a time and only when the
 * client has taken the last one, so a node never holds a whole file; with a
 * {@code Content-Disposition} that saves it as {@code "<title>-<rendition>.mp4"}.
 */
final class Mp4Downloads {

  static final int SLICE_BYTES = 4 * 1024 * 1024;
  private static final int MAX_NAME = 80;

  private Mp4Downloads() {
  }

  static void send(RoutingContext ctx, ObjectStorage storage, Video video, String file, ByteRange requested) {
    String key = video.mediaKey(VideoUrls.DOWNLOADS + "/" + file);
    storage.sizeAsync(ObjectStorage.MEDIA, key).onSuccess(size -> {
      if (size < 0) {
        ctx.fail(KinoraException.notFound("No such media file."));
        return;
      }
      ByteRange range;
      try {
        range = requested == null ? null : requested.within(size);
      } catch (KinoraException unsatisfiable) {
        ctx.fail(unsatisfiable);
        return;
      }
      long first = range == null ? 0 : range.first();
      long last = range == null ? size - 1 : range.last();
      HttpServerResponse response = ctx.response()
          .putHeader("Content-Type", "video/mp4")
          .putHeader("Cache-Control", "public, max-age=31536000, immutable")
          .putHeader("Accept-Ranges", "bytes")
          .putHeader("Content-Disposition", disposition(video.title(), file))
          .putHeader("Content-Length", Long.toString(last - first + 1));
      if (range != null) {
        response.setStatusCode(206).putHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
      }
      if (ctx.request().method() == HttpMethod.HEAD || size == 0) {
        response.end();
        return;
      }
      pump(response, storage, key, first, last);
    }).onFailure(ctx::fail);
  }

  private static void pump(HttpServerResponse response, ObjectStorage storage, String key, long from, long last) {
    if (response.closed()) {
      return;
    }
    long length = Math.min(SLICE_BYTES, last - from + 1);
    storage.readAsync(ObjectStorage.MEDIA, key, from, length).onComplete(read -> {
      if (read.failed() || read.result() == null) {
        // headers are gone already: all that is left is to cut the connection short
        response.reset();
        return;
      }
      Future<Void> written = response.write(Buffer.buffer(read.result().bytes()));
      long next = from + read.result().bytes().length;
      if (next > last) {
        written.onComplete(w -> response.end());
      } else if (response.writeQueueFull()) {
        response.drainHandler(v -> pump(response, storage, key, next, last));
      } else {
        pump(response, storage, key, next, last);
      }
    });
  }

  /** {@code attachment; filename="<title>-720p.mp4"; filename*=UTF-8''...}: ASCII fallback, then the real title. */
  static String disposition(String title, String file) {
    String base = title == null ? "" : title.strip();
    if (base.length() > MAX_NAME) {
      base = base.substring(0, MAX_NAME).strip();
    }
    String suffix = "-" + file;
    String ascii = base.replaceAll("[^A-Za-z0-9 ._()-]", "_").strip();
    if (ascii.isEmpty() || ascii.replace("_", "").isBlank()) {
      ascii = "video";
    }
    String utf8 = URLEncoder.encode((base.isEmpty() ? "video" : base) + suffix, StandardCharsets.UTF_8)
        .replace("+", "%20");
    return "attachment; filename=\"" + ascii + suffix + "\"; filename*=UTF-8''" + utf8;
  }
}
