package io.kinora.packaging;

import io.kinora.platform.auth.Callers;
import io.kinora.platform.cache.CoalescedLoads;
import io.kinora.platform.cache.LruCache;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.s3.MediaTypes;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.Rendition;
import io.kinora.video.SegmentFormat;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.kinora.video.VideoUrls;
import io.kinora.video.Visibility;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * The manifests a player starts from: the master playlist (reachable by the unguessable ID) and
 * variant playlists whose every segment URI is signed, and for fMP4 videos the DASH manifest of
 * the same files, every URL signed. The raw playlists come from Redis, never from storage.
 */
public final class PackagingApi implements Feature {

  /** Signed playlists expire; a short private cache keeps players from refetching every reload. */
  private static final String PLAYLIST_CACHE = "private, max-age=30";
  /**
   * While the video is processing its playlists grow by a segment every few seconds: the edge
   * keeps them one second (a crowd still makes one request a second), browsers not at all.
   */
  private static final int GROWING_EDGE_SECONDS = 1;

  private final VideoAccess access;
  private final VideoRepository videos;
  private final UrlSigner signer;
  private final PlaylistRewriter rewriter;
  /** Rewritten variant playlists by video, rendition and signature expiry: one rewrite per expiry step. */
  private final LruCache<String> signedPlaylists = LruCache.ofEntries(2048);
  private final CoalescedLoads<String> rewrites = new CoalescedLoads<>();
  private final DashManifest dash;
  /** DASH manifests by video, output, caption tracks and signature expiry (a re-process is a new entry). */
  private final LruCache<String> manifests = LruCache.ofEntries(512);
  private final CoalescedLoads<String> manifestLoads = new CoalescedLoads<>();

  public PackagingApi(VideoAccess access, VideoRepository videos, UrlSigner signer) {
    this.access = access;
    this.videos = videos;
    this.signer = signer;
    this.rewriter = new PlaylistRewriter(signer);
    this.dash = new DashManifest(signer);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/master.m3u8").handler(this::master);
    router.get("/api/videos/:id/renditions/:file").handler(this::variant);
    router.get("/api/videos/:id/manifest.mpd").handler(this::manifest);
  }

  /** {@code GET /api/videos/{id}/manifest.mpd}: the DASH manifest of an fMP4 video. */
  private void manifest(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    long expires = signer.nextExpiry();
    access.ready(Callers.of(ctx), id)
        .compose(video -> {
          if (video.segmentFormat() != SegmentFormat.FMP4) {
            return Future.failedFuture(KinoraException.conflict("This video was processed before Kinora wrote "
                + "DASH-compatible segments, so it plays over HLS only (" + VideoUrls.master(id) + "). "
                + "Its owner or an administrator can process it again to add DASH."));
          }
          // the caption tracks are part of the manifest: a track added or relabelled is a new entry
          String key = id + '/' + video.output() + '/' + video.captions().hashCode() + '/' + expires;
          String cached = manifests.get(key);
          return (cached != null ? Future.succeededFuture(cached)
              : manifestLoads.get(key, () -> videos.playlists(id).map(playlists -> dash.write(id,
                  video.durationSeconds(), video.renditions(), video.audio(), video.captions(), playlists, expires)),
                  text -> manifests.put(key, text)))
              .onSuccess(text -> respond(ctx, video, MediaTypes.DASH_MANIFEST, text));
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/videos/{id}/master.m3u8}. */
  private void master(RoutingContext ctx) {
    access.playable(Callers.of(ctx), ctx.pathParam("id"))
        .onSuccess(video -> playlist(ctx, video, MasterPlaylist.write(video.id(), video.renditions(),
            video.segmentFormat(), video.audio(), video.captions())))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/videos/{id}/renditions/{name}.m3u8}: every segment URI signed. */
  private void variant(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String file = ctx.pathParam("file");
    String name = file.endsWith(".m3u8") ? file.substring(0, file.length() - 5) : "";
    if (!Rendition.NAME.matcher(name).matches()) {
      throw KinoraException.notFound("No such rendition; the master playlist lists the ones this video has.");
    }
    long expires = signer.nextExpiry();
    String key = id + '/' + name + '/' + expires;
    access.playable(Callers.of(ctx), id)
        .compose(video -> {
          if (!video.hasPlaylist(name)) {
            return Future.failedFuture(noSuchRendition(name));
          }
          if (video.status() != VideoStatus.READY) {
            // a playlist that grows with every stored segment: read it each time, keep nothing
            return videos.playlist(id, name).map(raw -> signed(raw, id, name, expires))
                .onSuccess(text -> playlist(ctx, video, text));
          }
          String signed = signedPlaylists.get(key);
          return (signed != null ? Future.succeededFuture(signed) : signedVariant(id, name, expires, key))
              .onSuccess(text -> playlist(ctx, video, text));
        })
        .onFailure(ctx::fail);
  }

  /** Entries of a deleted video are never read again (its record is checked first) and age out. */
  private Future<String> signedVariant(String id, String name, long expires, String key) {
    return rewrites.get(key, () -> videos.playlist(id, name).map(raw -> signed(raw, id, name, expires)),
        signed -> signedPlaylists.put(key, signed));
  }

  private String signed(String raw, String id, String name, long expires) {
    if (raw == null) {
      throw noSuchRendition(name);
    }
    return rewriter.rewrite(raw, id, name, expires);
  }

  private static KinoraException noSuchRendition(String name) {
    return KinoraException.notFound("This video has no " + name + " rendition.");
  }

  /**
   * The edge caches playlists by URL for anyone holding the ID, which is right for unlisted and
   * public videos; a private one must be checked per caller, so nginx is told not to keep it.
   */
  private static void playlist(RoutingContext ctx, Video video, String text) {
    respond(ctx, video, MediaTypes.HLS_PLAYLIST, text);
  }

  private static void respond(RoutingContext ctx, Video video, String contentType, String text) {
    boolean growing = video.status() != VideoStatus.READY;
    if (video.visibility() == Visibility.PRIVATE) {
      ctx.response().putHeader("X-Accel-Expires", "0");
    } else if (growing) {
      ctx.response().putHeader("X-Accel-Expires", Integer.toString(GROWING_EDGE_SECONDS));
    }
    ctx.response().putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", growing ? "no-cache" : PLAYLIST_CACHE)
        .end(text);
  }
}
