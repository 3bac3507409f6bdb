package io.kinora.playback;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CMAF delivery end to end: one upload becomes fMP4 segments with an init file per
 * rendition and the audio in a rendition of its own; the same files play over HLS (EXT-X-MAP) and
 * over DASH (a SegmentList of signed URLs), both decoded to the last frame by ffmpeg. ffmpeg exits
 * 0 even when a segment answers 403, so every playback test counts the decoded frames.
 */
@KinoraTest
class CmafDeliveryIT {

  /** 6 s at 15 fps. */
  private static final int FRAMES = 90;
  private static final Pattern FRAME = Pattern.compile("frame=\\s*(\\d+)");
  private static final Pattern TIME = Pattern.compile("time=(\\d\\d):(\\d\\d):(\\d\\d\\.\\d+)");

  static KinoraClient client;
  static RedisServer redis;
  private static String videoId;

  @TempDir
  static Path clips;

  @BeforeAll
  static void uploadAClip() throws Exception {
    videoId = client.upload(Clips.mp4(clips, "cmaf.mp4", 640, 360, 6, 15));
    client.awaitReady(videoId);
  }

  @Test
  void theRecordSaysFmp4AndOffersTheDashManifest() {
    JsonObject video = client.video(videoId);

    assertEquals("fmp4", video.getString("segmentFormat"), video.encode());
    assertEquals("/api/videos/" + videoId + "/manifest.mpd", video.getString("dashUrl"));
    // the audio rendition is not a quality of its own
    assertFalse(video.getJsonArray("renditions").encode().contains("audio"), video.encode());
  }

  @Test
  void theMasterPlaylistNamesTheAudioGroupAndEveryVariantUsesIt() {
    String master = client.get("/api/videos/" + videoId + "/master.m3u8").bodyAsString();

    assertTrue(master.contains("#EXT-X-VERSION:7"), master);
    assertTrue(master.contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\""), master);
    assertTrue(master.contains("URI=\"/api/videos/" + videoId + "/renditions/audio.m3u8\""), master);
    List<String> streams = master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).toList();
    assertEquals(2, streams.size(), master); // 360p and 240p
    streams.forEach(s -> assertTrue(s.contains(",mp4a.40.2\"") && s.endsWith(",AUDIO=\"aud\""), s));
  }

  @Test
  void variantPlaylistsSignTheirInitFileAndEverySegment() {
    for (String rendition : List.of("360p", "audio")) {
      String text = client.get("/api/videos/" + videoId + "/renditions/" + rendition + ".m3u8").bodyAsString();
      String map = text.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).findFirst().orElseThrow(() -> new AssertionError(text));
      assertTrue(map.matches("#EXT-X-MAP:URI=\"/media/" + videoId + "/" + rendition + "/init_r1_" + rendition
          + "\\.mp4\\?expires=\\d+&sig=[A-Za-z0-9_-]{22}\""), map);
      List<String> uris = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
      assertFalse(uris.isEmpty(), text);
      uris.forEach(uri -> assertTrue(uri.matches("/media/" + videoId + "/" + rendition
          + "/seg_r1_\\d{5}\\.m4s\\?expires=\\d+&sig=[A-Za-z0-9_-]{22}"), uri));
    }
  }

  @Test
  void theDashManifestIsSignedXmlWithEveryUrlOfTheSameFiles() {
    HttpResponse<Buffer> mpd = client.get("/api/videos/" + videoId + "/manifest.mpd");

    assertEquals(200, mpd.statusCode(), mpd.bodyAsString());
    assertEquals("application/dash+xml", mpd.getHeader("Content-Type"));
    String xml = mpd.bodyAsString();
    assertTrue(xml.contains("<Initialization sourceURL=\"/media/" + videoId + "/360p/init_r1_360p.mp4?expires="), xml);
    assertTrue(xml.contains("<Initialization sourceURL=\"/media/" + videoId + "/audio/init_r1_audio.mp4?expires="), xml);
    for (String url : signedUrls(xml)) {
      HttpResponse<Buffer> file = client.head(url);
      assertEquals(200, file.statusCode(), url);
      String type = file.getHeader("Content-Type");
      assertTrue(List.of("video/mp4", "audio/mp4", "video/iso.segment").contains(type), url + " " + type);
    }
  }

  @Test
  void ffmpegPlaysTheHlsMasterToTheLastFrame() throws Exception {
    String out = play("/api/videos/" + videoId + "/master.m3u8");

    assertTrue(out.contains("Input #0, hls"), out);
    assertEquals(FRAMES, lastFrame(out), out);
    assertTrue(lastTime(out) >= 5.9, out);
  }

  @Test
  void ffmpegsDashDemuxerPlaysTheManifestToTheLastFrame() throws Exception {
    String out = play("/api/videos/" + videoId + "/manifest.mpd");

    assertTrue(out.contains("Input #0, dash"), out);
    assertTrue(out.contains("Audio: aac"), out);
    assertEquals(FRAMES, lastFrame(out), out);
    assertTrue(lastTime(out) >= 5.9, out);
  }

  @Test
  void tamperedInitAndMediaUrlsAreRefused() {
    String xml = client.get("/api/videos/" + videoId + "/manifest.mpd").bodyAsString();
    List<String> urls = signedUrls(xml);
    String init = urls.stream().filter(u -> u.contains("/init_")).findFirst().orElseThrow();
    String segment = urls.stream().filter(u -> u.contains("/seg_")).findFirst().orElseThrow();

    for (String url : List.of(init, segment)) {
      assertEquals(200, client.get(url).statusCode(), url);
      assertEquals(403, client.get(tamperSignature(url)).statusCode(), url);
      // the signature of one file does not open another
      assertEquals(403, client.get(url.replace("/360p/", "/240p/").replace("/audio/", "/360p/")
          .replace("init_r1_audio", "init_r1_360p")).statusCode(), url);
      assertEquals(403, client.get(url.substring(0, url.indexOf('?'))).statusCode(), url);
    }
  }

  @Test
  void aVideoFromBeforeCmafHasNoDashManifestAndSaysWhy() throws Exception {
    String old = client.upload(Clips.shortClip());
    client.awaitReady(old);
    // a record written before CMAF delivery has no segmentFormat field (and MPEG-TS segments)
    redis.cli("HDEL", RedisKeys.video(old), "segmentFormat");
    // any edit announces the change, so the nodes read the record again
    assertEquals(200, client.patchJson("/api/videos/" + old, new JsonObject().put("title", "Before CMAF")).statusCode());

    JsonObject video = awaitFormat(old, "ts");
    assertNull(video.getString("dashUrl"));
    HttpResponse<Buffer> mpd = client.get("/api/videos/" + old + "/manifest.mpd");
    assertEquals(409, mpd.statusCode(), mpd.bodyAsString());
    assertTrue(mpd.bodyAsString().contains("plays over HLS only"), mpd.bodyAsString());
    client.delete("/api/videos/" + old);
  }

  @Test
  void aPrivateVideosManifestIsOnlyForItsOwner() {
    assertEquals(200, client.get("/api/videos/" + videoId + "/manifest.mpd").statusCode());
    KinoraClient stranger = KinoraClient.signedUp(client.vertx(), client.port());
    try {
      assertEquals(200, client.patchJson("/api/videos/" + videoId, new JsonObject().put("visibility", "private"))
          .statusCode());
      assertEquals(404, stranger.get("/api/videos/" + videoId + "/manifest.mpd").statusCode());
      assertEquals(200, client.get("/api/videos/" + videoId + "/manifest.mpd").statusCode());
    } finally {
      client.patchJson("/api/videos/" + videoId, new JsonObject().put("visibility", "unlisted"));
      stranger.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static JsonObject awaitFormat(String id, String format) throws InterruptedException {
    // the node caches records until a change is announced: wait for the edited one
    return Await.until(java.time.Duration.ofSeconds(20), "video " + id + " to show segment format " + format,
        () -> client.video(id), video -> format.equals(video.getString("segmentFormat")));
  }

  private static String play(String path) throws Exception {
    return Clips.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i", client.baseUrl() + path,
        "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"));
  }

  private static int lastFrame(String out) {
    Matcher m = FRAME.matcher(out);
    int last = -1;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }

  private static double lastTime(String out) {
    Matcher m = TIME.matcher(out);
    double last = -1;
    while (m.find()) {
      last = Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }
    return last;
  }

  private static List<String> signedUrls(String xml) {
    Matcher m = Pattern.compile("(?:sourceURL|media)=\"([^\"]+)\"").matcher(xml);
    List<String> urls = new ArrayList<>();
    while (m.find()) {
      urls.add(m.group(1).replace("&amp;", "&"));
    }
    assertFalse(urls.isEmpty(), xml);
    return urls;
  }

  private static String tamperSignature(String url) {
    int at = url.indexOf("sig=") + 4;
    char c = url.charAt(at);
    return url.substring(0, at) + (c == 'A' ? 'B' : 'A') + url.substring(at + 1);
  }
}
