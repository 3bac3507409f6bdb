package io.kinora.playback;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trunk's promise, end to end on real parts: presigned PUT to the embedded S3, complete,
 * one ffmpeg run, and a real HLS client (ffprobe/ffmpeg) playing the master playlist through the
 * signed URLs the node hands out. One upload for the class; every test only reads it.
 */
@KinoraTest
@Tag("fast")
class PresignedUploadToPlaybackIT {

  static KinoraClient client;
  private static String videoId;

  @TempDir
  static Path clips;

  @BeforeAll
  static void uploadAClipThroughThePresignedUrl() throws Exception {
    videoId = client.upload(Clips.mp4(clips, "clip.mp4", 854, 480, 5));
    client.awaitDone(videoId);
  }

  @Test
  void presignedUploadBecomesReadyWithTheLadderAndMetadata() {
    JsonObject video = client.video(videoId);

    assertEquals("ready", video.getString("status"), video.encode());
    assertEquals(100, video.getInteger("progress"));
    assertEquals(854, video.getInteger("width"));
    assertEquals(480, video.getInteger("height"));
    assertEquals(5.0, video.getDouble("durationSeconds"), 0.2);
    JsonArray renditions = video.getJsonArray("renditions");
    assertEquals(List.of("480p", "360p", "240p"), renditions.stream().map(r -> ((JsonObject) r).getString("name")).toList());
    JsonObject top = renditions.getJsonObject(0);
    assertEquals(854, top.getInteger("width"));
    assertEquals(480, top.getInteger("height"));
    assertTrue(top.getLong("bandwidth") > 100_000, top.encode());
    assertEquals("/api/videos/" + videoId + "/master.m3u8", video.getString("playbackUrl"));
    assertEquals("/api/videos/" + videoId + "/poster.jpg", video.getString("posterUrl"));
  }

  @Test
  void masterPlaylistListsEveryRenditionWithBandwidthResolutionAndCodecs() {
    HttpResponse<Buffer> master = client.get("/api/videos/" + videoId + "/master.m3u8");

    assertEquals(200, master.statusCode());
    assertEquals("application/vnd.apple.mpegurl", master.getHeader("Content-Type"));
    String text = master.bodyAsString();
    assertTrue(text.startsWith("#EXTM3U"), text);
    assertTrue(text.contains("RESOLUTION=854x480,CODECS=\"avc1.64001f,mp4a.40.2\""), text);
    assertTrue(text.contains("RESOLUTION=640x360"), text);
    assertTrue(text.contains("RESOLUTION=428x240"), text);
    assertTrue(text.contains("/api/videos/" + videoId + "/renditions/480p.m3u8"), text);
  }

  @Test
  void variantPlaylistSignsEverySegmentWithAnAbsolutePath() {
    String text = client.get("/api/videos/" + videoId + "/renditions/360p.m3u8").bodyAsString();

    List<String> uris = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    // 5 s: a half-length first segment, then 4 s ones: 2 + 2 + 1 (keyframes at 0, 2, 4)
    assertEquals(3, uris.size(), text);
    for (String uri : uris) {
      assertTrue(uri.matches("/media/" + videoId + "/360p/seg_r1_\\d{5}\\.m4s\\?expires=\\d+&sig=[A-Za-z0-9_-]{22}"), uri);
    }
  }

  @Test
  void ffprobeReadsEveryRenditionThroughTheSignedUrls() throws Exception {
    String out = Clips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,width,height",
        "-of", "csv=p=0", client.baseUrl() + "/api/videos/" + videoId + "/master.m3u8"));

    assertTrue(out.contains("854,480"), out);
    assertTrue(out.contains("640,360"), out);
    assertTrue(out.contains("428,240"), out);
    assertTrue(out.contains("audio"), out);
  }

  @Test
  void ffmpegDecodesTheWholeTopRenditionWithoutErrors() throws Exception {
    String out = Clips.run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i",
        client.baseUrl() + "/api/videos/" + videoId + "/renditions/480p.m3u8", "-f", "null", "-"));

    assertEquals("", out.trim());
  }

  @Test
  void posterIsAJpegAtTheTopRenditionsSize() throws Exception {
    HttpResponse<Buffer> poster = client.get("/api/videos/" + videoId + "/poster.jpg");

    assertEquals(200, poster.statusCode());
    assertEquals("image/jpeg", poster.getHeader("Content-Type"));
    byte[] bytes = poster.body().getBytes();
    assertEquals((byte) 0xFF, bytes[0]);
    assertEquals((byte) 0xD8, bytes[1]);
  }
}
