package io.kinora.playback;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a ready video offers beside the stream, on real parts: a storyboard track whose cues cover
 * the video and whose sheet URLs are signed, and per rendition a progressive MP4 (moov before
 * mdat) that ffmpeg plays to its last frame. One upload for the class.
 */
@KinoraTest
class DownloadAndStoryboardIT {

  private static final int SECONDS = 9;
  private static final int FPS = 15;
  private static final Pattern CUE = Pattern.compile(
      "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n(\\S+)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)\\n");

  static KinoraClient client;
  static RedisServer redis;
  private static String videoId;

  @TempDir
  static Path dir;

  @BeforeAll
  static void uploadAClip() throws Exception {
    videoId = client.upload(Clips.mp4(dir, "extras.mp4", 854, 480, SECONDS, FPS));
    client.awaitDone(videoId);
    assertEquals(200, client.patchJson("/api/videos/" + videoId, new JsonObject().put("title", "Tide \"pool\" é"))
        .statusCode());
  }

  private static KinoraClient stranger() {
    return new KinoraClient(client.vertx(), client.port());
  }

  // ---- storyboard ----

  @Test
  void theStoryboardsCuesCoverTheWholeDurationWithSignedSheetTiles() throws Exception {
    JsonObject video = client.video(videoId);
    assertEquals("/api/videos/" + videoId + "/storyboard.vtt", video.getString("storyboardUrl"));
    long duration = Math.round(video.getDouble("durationSeconds") * 1000);

    HttpResponse<Buffer> track = stranger().get(video.getString("storyboardUrl"));

    assertEquals(200, track.statusCode(), track.bodyAsString());
    assertTrue(track.getHeader("Content-Type").startsWith("text/vtt"), track.getHeader("Content-Type"));
    String vtt = track.bodyAsString();
    assertTrue(vtt.startsWith("WEBVTT\n"), vtt);
    Matcher m = CUE.matcher(vtt);
    long expectedFrom = 0;
    int cues = 0;
    String sheet = null;
    while (m.find()) {
      assertEquals(expectedFrom, millis(m, 1), vtt);
      expectedFrom = millis(m, 5);
      assertTrue(m.group(9).matches("/media/" + videoId + "/storyboard/sheet_001\\.jpg\\?expires=\\d+&sig=[A-Za-z0-9_-]{22}"),
          m.group(9));
      assertEquals((cues % 10) * 160, Integer.parseInt(m.group(10)));
      assertEquals(List.of("160", "90"), List.of(m.group(12), m.group(13)));
      sheet = m.group(9);
      cues++;
    }
    assertEquals(duration, expectedFrom, "the last cue ends at the video's end: " + vtt);
    assertEquals((SECONDS + 1) / 2, cues, vtt);

    HttpResponse<Buffer> image = stranger().get(sheet);
    assertEquals(200, image.statusCode());
    assertEquals("image/jpeg", image.getHeader("Content-Type"));
    BufferedImage sheetImage = ImageIO.read(new ByteArrayInputStream(image.body().getBytes()));
    assertEquals(1600, sheetImage.getWidth());
    assertEquals(900, sheetImage.getHeight());
    // the first tile is a picture, an unused tile is black
    assertTrue(brightness(sheetImage, 80, 45) > 20, "the first tile shows a frame");
    assertTrue(brightness(sheetImage, 1520, 855) < 10, "the last tile is unused and black");

    assertEquals(403, stranger().get(tampered(sheet)).statusCode());
  }

  @Test
  void aPrivateVideosStoryboardAndDownloadAreHiddenFromStrangers() {
    assertEquals(200, client.patchJson("/api/videos/" + videoId, new JsonObject().put("visibility", "private"))
        .statusCode());
    try {
      assertEquals(404, stranger().get("/api/videos/" + videoId + "/storyboard.vtt").statusCode());
      assertEquals(404, stranger().get("/api/videos/" + videoId + "/download?rendition=480p").statusCode());
      assertEquals(200, client.get("/api/videos/" + videoId + "/storyboard.vtt").statusCode());
      assertEquals(302, client.get("/api/videos/" + videoId + "/download?rendition=480p").statusCode());
    } finally {
      assertEquals(200, client.patchJson("/api/videos/" + videoId, new JsonObject().put("visibility", "unlisted"))
          .statusCode());
    }
  }

  // ---- download ----

  @Test
  void everyRenditionHasADownloadListedWithItsSize() {
    JsonArray downloads = client.video(videoId).getJsonArray("downloads");

    assertEquals(List.of("480p", "360p", "240p"), downloads.stream().map(d -> ((JsonObject) d).getString("rendition")).toList());
    for (Object o : downloads) {
      JsonObject d = (JsonObject) o;
      assertEquals("/api/videos/" + videoId + "/download?rendition=" + d.getString("rendition"), d.getString("url"));
      assertTrue(d.getLong("sizeBytes") > 10_000, d.encode());
    }
  }

  @Test
  void theDownloadIsAProgressiveMp4WithMoovFirstThatPlaysToTheLastFrame() throws Exception {
    HttpResponse<Buffer> redirect = stranger().get("/api/videos/" + videoId + "/download?rendition=480p");

    assertEquals(302, redirect.statusCode(), redirect.bodyAsString());
    String location = redirect.getHeader("Location");
    assertTrue(location.matches("/media/" + videoId + "/downloads/480p\\.mp4\\?expires=\\d+&sig=[A-Za-z0-9_-]{22}"),
        location);
    HttpResponse<Buffer> file = stranger().get(location);
    assertEquals(200, file.statusCode());
    assertEquals("video/mp4", file.getHeader("Content-Type"));
    assertEquals("attachment; filename=\"Tide _pool_ _-480p.mp4\"; filename*=UTF-8''Tide%20%22pool%22%20%C3%A9-480p.mp4",
        file.getHeader("Content-Disposition"));
    byte[] bytes = file.body().getBytes();
    long listed = client.video(videoId).getJsonArray("downloads").getJsonObject(0).getLong("sizeBytes");
    assertEquals(listed, bytes.length);

    List<String> boxes = topLevelBoxes(bytes);
    assertEquals("ftyp", boxes.get(0), boxes.toString());
    assertEquals("moov", boxes.get(1), boxes.toString());
    assertTrue(boxes.contains("mdat"), boxes.toString());
    assertFalse(boxes.contains("moof"), "not fragmented: " + boxes);

    Path mp4 = Files.write(dir.resolve("download.mp4"), bytes);
    assertEquals("", Clips.run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i", mp4.toString(),
        "-f", "null", "-")).trim());
    String frames = Clips.run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_entries",
        "stream=codec_type,codec_name,nb_read_frames,width,height", "-of", "csv=p=0", mp4.toString()));
    assertTrue(frames.contains("h264,video,854,480," + SECONDS * FPS), frames);
    assertTrue(frames.contains("aac,audio"), frames);
  }

  @Test
  void aDownloadServesRangesAndHeadAndRefusesATamperedSignature() {
    String location = stranger().get("/api/videos/" + videoId + "/download?rendition=240p").getHeader("Location");

    HttpResponse<Buffer> part = stranger().get(location, "Range", "bytes=4-11");
    assertEquals(206, part.statusCode());
    assertEquals("ftypisom", part.bodyAsString());
    assertTrue(part.getHeader("Content-Range").startsWith("bytes 4-11/"), part.getHeader("Content-Range"));
    assertEquals(403, stranger().get(tampered(location)).statusCode());
    assertEquals(403, stranger().get(location.replace("240p.mp4", "360p.mp4")).statusCode());

    HttpResponse<Buffer> head = stranger().head(location);
    assertEquals(200, head.statusCode());
    assertEquals(client.video(videoId).getJsonArray("downloads").getJsonObject(2).getLong("sizeBytes"),
        Long.parseLong(head.getHeader("Content-Length")));
    assertTrue(head.getHeader("Content-Disposition").startsWith("attachment;"), head.getHeader("Content-Disposition"));
  }

  @Test
  void anUnknownOrMissingRenditionIsRefusedWithASentence() {
    HttpResponse<Buffer> unknown = client.get("/api/videos/" + videoId + "/download?rendition=1080p");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.bodyAsString().contains("no 1080p rendition; it has 480p, 360p, 240p"), unknown.bodyAsString());

    HttpResponse<Buffer> missing = client.get("/api/videos/" + videoId + "/download");
    assertEquals(400, missing.statusCode());
    assertTrue(missing.bodyAsString().contains("?rendition=720p"), missing.bodyAsString());
    assertEquals(400, client.get("/api/videos/" + videoId + "/download?rendition=../x").statusCode());
  }

  @Test
  void aVideoProcessedBeforeDownloadsSaysHowToGetOne() throws Exception {
    String id = "OldVideoNoExtras000001";
    redis.cli("HSET", RedisKeys.video(id), "id", id, "title", "Old", "description", "", "filename", "old.mp4",
        "size", "1000", "status", "ready", "progress", "100", "error", "", "durationSeconds", "5.0",
        "width", "640", "height", "360", "createdAt", "2026-01-01T00:00:00Z", "updatedAt", "2026-01-01T00:00:00Z",
        "seq", "3", "attempts", "1", "visibility", "unlisted", "output", "r1",
        "renditions", "[{\"name\":\"360p\",\"width\":640,\"height\":360,\"bandwidth\":800000}]");
    try {
      JsonObject old = client.video(id);
      assertEquals(0, old.getJsonArray("downloads").size());
      assertEquals(null, old.getString("storyboardUrl"));

      HttpResponse<Buffer> download = client.get("/api/videos/" + id + "/download?rendition=360p");
      assertEquals(409, download.statusCode());
      assertTrue(download.bodyAsString().contains("processed before downloads existed"), download.bodyAsString());
      assertTrue(download.bodyAsString().contains("Upload it again"), download.bodyAsString());
      HttpResponse<Buffer> track = client.get("/api/videos/" + id + "/storyboard.vtt");
      assertEquals(404, track.statusCode());
      assertTrue(track.bodyAsString().contains("before storyboards existed"), track.bodyAsString());
    } finally {
      redis.cli("DEL", RedisKeys.video(id));
    }
  }

  // ---- helpers ----

  /** The MP4's top-level boxes in file order: 32-bit size and type, a 64-bit size after size 1. */
  static List<String> topLevelBoxes(byte[] bytes) {
    List<String> boxes = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long at = 0;
    while (at + 8 <= bytes.length) {
      long size = Integer.toUnsignedLong(in.getInt((int) at));
      String type = new String(bytes, (int) at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (size == 1) {
        size = in.getLong((int) at + 8);
      } else if (size == 0) {
        size = bytes.length - at;
      }
      assertTrue(size >= 8, "box " + type + " at " + at + " has size " + size);
      boxes.add(type);
      at += size;
    }
    assertEquals(bytes.length, at, "the boxes end where the file ends");
    return boxes;
  }

  private static String tampered(String url) {
    int sig = url.indexOf("sig=") + 4;
    char c = url.charAt(sig);
    return url.substring(0, sig) + (c == 'A' ? 'B' : 'A') + url.substring(sig + 1);
  }

  private static long millis(Matcher m, int at) {
    return ((Long.parseLong(m.group(at)) * 60 + Long.parseLong(m.group(at + 1))) * 60
        + Long.parseLong(m.group(at + 2))) * 1000 + Long.parseLong(m.group(at + 3));
  }

  private static int brightness(BufferedImage image, int x, int y) {
    int rgb = image.getRGB(x, y);
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
  }
}
