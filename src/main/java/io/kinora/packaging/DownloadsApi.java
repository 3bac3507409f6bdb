package io.kinora.packaging;

import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.Download;
import io.kinora.video.Rendition;
import io.kinora.video.Storyboard;
import io.kinora.video.TrackResponse;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoUrls;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.stream.Collectors;

/**
 * What a viewer gets beside the stream: the MP4 download of a rendition (a redirect to its signed
 * media URL) and the storyboard's WebVTT thumbnail track (every sheet URL signed). Both follow the
 * video's visibility through {@link VideoAccess}, like the playlists.
 */
public final class DownloadsApi implements Feature {

  private final VideoAccess access;
  private final UrlSigner signer;

  public DownloadsApi(VideoAccess access, UrlSigner signer) {
    this.access = access;
    this.signer = signer;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/download").handler(this::download);
    router.get("/api/videos/:id/storyboard.vtt").handler(this::storyboard);
  }

  /** {@code GET /api/videos/{id}/download?rendition=720p}: 302 to the signed progressive MP4. */
  private void download(RoutingContext ctx) {
    String rendition = ctx.request().getParam("rendition");
    if (rendition == null || rendition.isEmpty()) {
      throw KinoraException.invalid("Say which rendition to download, e.g. ?rendition=720p.");
    }
    if (!Rendition.NAME.matcher(rendition).matches()) {
      throw KinoraException.invalid("'rendition' is a rendition name such as 720p.");
    }
    access.ready(Callers.of(ctx), ctx.pathParam("id"))
        .onSuccess(video -> {
          Download download = video.download(rendition);
          if (download == null) {
            ctx.fail(noDownload(video, rendition));
            return;
          }
          String uri = VideoUrls.media(video.id(), VideoUrls.DOWNLOADS, VideoUrls.downloadFile(rendition));
          ctx.response().setStatusCode(302)
              .putHeader("Location", signer.signedUrl(uri, signer.nextExpiry()))
              .putHeader("Cache-Control", "no-store")
              .end();
        })
        .onFailure(ctx::fail);
  }

  private static KinoraException noDownload(Video video, String rendition) {
    if (video.rendition(rendition) == null) {
      return KinoraException.notFound("This video has no " + rendition + " rendition; it has "
          + video.renditions().stream().map(Rendition::name).collect(Collectors.joining(", ")) + ".");
    }
    if (video.downloads().isEmpty()) {
      return KinoraException.conflict("This video was processed before downloads existed, so it has no MP4 "
          + "file. Upload it again to get one; it keeps playing here as it is.");
    }
    return KinoraException.notFound("The " + rendition + " download of this video could not be made; "
        + "choose another rendition.");
  }

  /** {@code GET /api/videos/{id}/storyboard.vtt}: cues over the whole duration, sheet URLs signed. */
  private void storyboard(RoutingContext ctx) {
    access.ready(Callers.of(ctx), ctx.pathParam("id"))
        .onSuccess(video -> {
          Storyboard board = video.storyboard();
          if (board == null) {
            ctx.fail(KinoraException.notFound("This video has no storyboard: it was processed before "
                + "storyboards existed. Upload it again to get one."));
            return;
          }
          long expires = signer.nextExpiry();
          String vtt = StoryboardVtt.write(board, video.durationSeconds(), sheet -> signer.signedUrl(
              VideoUrls.media(video.id(), VideoUrls.STORYBOARD, Storyboard.sheetName(sheet)), expires));
          TrackResponse.send(ctx, video, "text/vtt; charset=utf-8", vtt);
        })
        .onFailure(ctx::fail);
  }
}
