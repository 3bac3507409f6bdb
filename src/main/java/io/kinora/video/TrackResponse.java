package io.kinora.video;

import io.vertx.ext.web.RoutingContext;

/**
 * How a text track of a video is answered (storyboard, captions, chapters, a subtitle playlist):
 * browsers may keep it 30 s; the edge may keep it too, unless the video is private, since a private
 * video's tracks are checked per caller and nginx must ask the node each time.
 */
public final class TrackResponse {

  private static final String CACHE = "private, max-age=30";

  private TrackResponse() {
  }

  public static void send(RoutingContext ctx, Video video, String contentType, String text) {
    if (video.visibility() == Visibility.PRIVATE) {
      ctx.response().putHeader("X-Accel-Expires", "0");
    }
    ctx.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", CACHE).end(text);
  }
}
