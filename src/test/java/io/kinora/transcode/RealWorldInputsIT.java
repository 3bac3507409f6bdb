package io.kinora.transcode;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that real cameras, phones, editors and screen recorders produce: each one ends
 * {@code ready} with the ladder the contract promises, and a real HLS client (ffprobe/ffmpeg)
 * plays it through the signed URLs.
 *
 * <p>The node runs the test ladder 480,360,240. Expected rendition sizes follow the contract's
 * rules, computed here by {@link #expectedLadder} (a rung is the output's short side; keep the
 * display aspect ratio; round each side to the nearest even number; never upscale; a source
 * smaller than the lowest rung gets one rendition at its own size) and spelled out per test.
 */
@KinoraTest
class RealWorldInputsIT {

  private static final List<Integer> TEST_LADDER = List.of(480, 360, 240);

  static KinoraClient client;

  @TempDir
  static Path clips;

  @Test
  void rotatedPhoneVideoGetsPortraitRenditionsTheRightWayUp() throws Exception {
    // Coded 640x360 landscape, left half white, right half black. A phone held upright stores
    // exactly this plus a display matrix saying "rotate 90° clockwise to show". ffmpeg 5.1 does
    // not turn -metadata:s:v:0 rotate=90 into a display matrix when encoding (checked: ffprobe
    // shows no rotation), so the matrix is written into the track header as phones do.
    Path coded = Clips.ffmpeg(clips.resolve("phone-coded.mp4"),
        "-f", "lavfi", "-i", "color=black:size=640x360:rate=30:duration=2,"
            + "drawbox=x=0:y=0:w=320:h=360:color=white:t=fill",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    Path phone = clips.resolve("IMG_0042.mp4");
    Files.write(phone, rotateVideoTrack90Clockwise(Files.readAllBytes(coded)));
    String rotation = Clips.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream_side_data=rotation", "-of", "csv=p=0", phone.toString())).trim();
    assertEquals("-90", rotation, "the source clip should carry a 90° display matrix");

    JsonObject video = uploadAndAwaitReady(phone);

    assertEquals(360, video.getInteger("width"), video.encode());
    assertEquals(640, video.getInteger("height"), video.encode());
    // 360p: short side 360 -> 360 x 640*360/360 = 360x640; 240p: 240 x 640*240/360 = 240x426.67 -> 426
    assertRenditions(video, List.of("360p", "240p"), List.of(new int[]{360, 640}, new int[]{240, 426}));
    assertEquals(expectedLadder(360, 640), sizes(video));
    for (Object r : video.getJsonArray("renditions")) {
      JsonObject rendition = (JsonObject) r;
      assertTrue(rendition.getInteger("width") < rendition.getInteger("height"), "not portrait: " + rendition);
    }
    String streams = probeMaster(video.getString("id"));
    assertTrue(streams.contains("360,640"), streams);
    assertTrue(streams.contains("240,426"), streams);

    // the picture itself is upright: the coded left edge is on top after a clockwise turn,
    // not squeezed sideways into a portrait frame and not turned the wrong way
    byte[] gray = firstFrameGray(video.getString("id"), "360p");
    assertEquals(360 * 640, gray.length);
    double top = meanLuma(gray, 360, 40, 280);
    double bottom = meanLuma(gray, 360, 360, 600);
    double left = meanLuma(gray, 360, 0, 640, 20, 160);
    double right = meanLuma(gray, 360, 0, 640, 200, 340);
    assertTrue(top > 200 && bottom < 50, "top half should be white, bottom black: top " + top + ", bottom " + bottom);
    assertTrue(Math.abs(left - right) < 40, "left and right should match: left " + left + ", right " + right);
  }

  @Test
  void oddFrameSizeGetsEvenRenditions() throws Exception {
    // 4:4:4 so x264 accepts odd sides; testsrc (RGB) really is 641x359 (testsrc2 rounds to even)
    Path clip = Clips.ffmpeg(clips.resolve("screen-capture.mp4"),
        "-f", "lavfi", "-i", "testsrc=size=641x359:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p", "-c:a", "aac", "-shortest");
    assertEquals("641,359", probeSize(clip));

    JsonObject video = uploadAndAwaitReady(clip);

    assertEquals(641, video.getInteger("width"), video.encode());
    assertEquals(359, video.getInteger("height"), video.encode());
    // short side 359: 480p and 360p would upscale; 240p: 240*641/359 = 428.5 -> 428
    assertRenditions(video, List.of("240p"), List.of(new int[]{428, 240}));
    assertEquals(expectedLadder(641, 359), sizes(video));
    String streams = probeMaster(video.getString("id"));
    assertTrue(streams.contains("428,240"), streams);
  }

  @Test
  void videoWithoutAudioGetsVideoOnlyRenditions() throws Exception {
    Path clip = Clips.ffmpeg(clips.resolve("silent.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2",
        "-an", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart");

    JsonObject video = uploadAndAwaitReady(clip);

    // 360p: 640x360; 240p: 240*640/360 = 426.67 -> 426
    assertRenditions(video, List.of("360p", "240p"), List.of(new int[]{640, 360}, new int[]{426, 240}));
    String master = master(video.getString("id"));
    assertFalse(master.contains("mp4a"), master);
    List<String> codecs = master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).toList();
    assertEquals(2, codecs.size(), master);
    for (String line : codecs) {
      assertTrue(line.matches(".*CODECS=\"avc1\\.[0-9a-f]{6}\".*"), line);
    }
    String streams = probeMaster(video.getString("id"));
    assertTrue(streams.contains("640,360"), streams);
    assertFalse(streams.contains("audio"), streams);
  }

  @Test
  void webmWithVp9AndOpusPlays() throws Exception {
    Path clip = Clips.ffmpeg(clips.resolve("browser-recording.webm"),
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k",
        "-c:a", "libopus", "-shortest");

    JsonObject video = uploadAndAwaitReady(clip);

    assertRenditions(video, List.of("360p", "240p"), List.of(new int[]{640, 360}, new int[]{426, 240}));
    assertTrue(master(video.getString("id")).contains("mp4a.40.2"));
    String streams = probeMaster(video.getString("id"));
    assertTrue(streams.contains("h264,video,640,360"), streams);
    assertTrue(streams.contains("aac"), streams);
  }

  @Test
  void hevc10BitInMkvBecomes8BitH264AndDecodesCleanly() throws Exception {
    Path clip = Clips.ffmpeg(clips.resolve("camera-hdr.mkv"),
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
        "-pix_fmt", "yuv420p10le", "-c:a", "aac", "-shortest");

    JsonObject video = uploadAndAwaitReady(clip);

    assertRenditions(video, List.of("360p", "240p"), List.of(new int[]{640, 360}, new int[]{426, 240}));
    String id = video.getString("id");
    String streams = probeMaster(id);
    assertTrue(streams.contains("h264,video,640,360"), streams);
    List<String> pixelFormats = Clips.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=pix_fmt", "-of", "csv=p=0", variantUrl(id, "360p")))
        .lines().filter(l -> !l.isBlank()).distinct().toList();
    assertEquals(List.of("yuv420p"), pixelFormats, "browsers only play 8-bit H.264");
    assertEquals("", decodeFully(id, "360p"));
  }

  @Test
  void variableFrameRateKeepsItsDurationAndDecodesCleanly() throws Exception {
    // first second at 15 fps (every other frame dropped), second second at 30 fps
    Path clip = Clips.ffmpeg(clips.resolve("vfr.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-vf", "select='if(lt(t,1),not(mod(n,2)),1)'", "-fps_mode", "vfr",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart");
    String rates = Clips.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=r_frame_rate,avg_frame_rate", "-of", "csv=p=0", clip.toString())).trim();
    assertEquals("30/1,45/2", rates, "the source clip should be variable frame rate");

    JsonObject video = uploadAndAwaitReady(clip);

    assertEquals(2.0, video.getDouble("durationSeconds"), 0.2, video.encode());
    assertRenditions(video, List.of("360p", "240p"), List.of(new int[]{640, 360}, new int[]{426, 240}));
    String id = video.getString("id");
    assertTrue(probeMaster(id).contains("640,360"));
    String variant = client.get("/api/videos/" + id + "/renditions/360p.m3u8").bodyAsString();
    double total = variant.lines().filter(l -> l.startsWith("#EXTINF:"))
        .mapToDouble(l -> Double.parseDouble(l.substring("#EXTINF:".length(), l.indexOf(',')))).sum();
    assertEquals(2.0, total, 0.2, variant);
    assertEquals("", decodeFully(id, "360p"));
  }

  @Test
  void severalAudioTracksBecomeOneAudioRenditionThatEveryVariantShares() throws Exception {
    Path clip = Clips.ffmpeg(clips.resolve("two-languages.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=44100:duration=2",
        "-map", "0:v", "-map", "1:a", "-map", "2:a",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart");
    String audio = Clips.run(List.of("ffprobe", "-v", "error", "-select_streams", "a",
        "-show_entries", "stream=index", "-of", "csv=p=0", clip.toString())).trim();
    assertEquals(2, audio.lines().count(), "the source clip should have two audio tracks: " + audio);

    JsonObject video = uploadAndAwaitReady(clip);

    assertRenditions(video, List.of("360p", "240p"), List.of(new int[]{640, 360}, new int[]{426, 240}));
    String id = video.getString("id");
    assertTrue(master(id).contains("mp4a.40.2"));
    // fMP4: each rung is video only, and the first audio track is the one audio rendition
    String top = Clips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=index,codec_type,width,height",
        "-of", "csv=p=0", variantUrl(id, "360p")));
    assertTrue(top.contains("video,640,360"), top);
    assertEquals(0, top.lines().filter(l -> l.contains("audio")).count(), top);
    // ffprobe lists each stream under the HLS program and again at top level: count distinct indexes
    String sound = Clips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=index,codec_type,sample_rate",
        "-of", "csv=p=0", variantUrl(id, "audio")));
    assertEquals(1, sound.lines().filter(l -> l.contains("audio")).distinct().count(), sound);
    assertTrue(sound.contains("audio,48000"), sound);
    assertEquals(0, sound.lines().filter(l -> l.contains("video")).count(), sound);
  }

  @Test
  void fourKSourceIsScaledDownToTheTopRung() throws Exception {
    Path clip = Clips.ffmpeg(clips.resolve("4k.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=3840x2160:rate=30:duration=1",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart");

    JsonObject video = uploadAndAwaitReady(clip);

    assertEquals(3840, video.getInteger("width"), video.encode());
    assertEquals(2160, video.getInteger("height"), video.encode());
    // 480p: 480*3840/2160 = 853.33 -> 854; 360p: 640; 240p: 426.67 -> 426
    assertRenditions(video, List.of("480p", "360p", "240p"),
        List.of(new int[]{854, 480}, new int[]{640, 360}, new int[]{426, 240}));
    assertEquals(expectedLadder(3840, 2160), sizes(video));
    String streams = probeMaster(video.getString("id"));
    assertTrue(streams.contains("854,480"), streams);
    assertFalse(streams.contains("3840"), streams);
  }

  @Test
  void tinyFrameGetsOneRenditionAtItsOwnSize() throws Exception {
    Path clip = Clips.ffmpeg(clips.resolve("thumbnail.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart");

    JsonObject video = uploadAndAwaitReady(clip);

    JsonArray renditions = video.getJsonArray("renditions");
    assertEquals(1, renditions.size(), video.encode());
    assertEquals(96, renditions.getJsonObject(0).getInteger("width"), video.encode());
    assertEquals(64, renditions.getJsonObject(0).getInteger("height"), video.encode());
    assertEquals(expectedLadder(96, 64), sizes(video));
    String streams = probeMaster(video.getString("id"));
    assertTrue(streams.contains("96,64"), streams);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static JsonObject uploadAndAwaitReady(Path clip) throws Exception {
    return client.uploadReady(clip);
  }

  private static void assertRenditions(JsonObject video, List<String> names, List<int[]> sizes) {
    JsonArray renditions = video.getJsonArray("renditions");
    assertEquals(names, renditions.stream().map(r -> ((JsonObject) r).getString("name")).toList(), video.encode());
    List<String> actual = renditions.stream()
        .map(r -> ((JsonObject) r).getInteger("width") + "x" + ((JsonObject) r).getInteger("height")).toList();
    assertEquals(sizes.stream().map(s -> s[0] + "x" + s[1]).toList(), actual, video.encode());
  }

  private static List<String> sizes(JsonObject video) {
    return video.getJsonArray("renditions").stream()
        .map(r -> ((JsonObject) r).getInteger("width") + "x" + ((JsonObject) r).getInteger("height")).toList();
  }

  /** The contract's ladder rules, written out independently of the main code. */
  static List<String> expectedLadder(int displayWidth, int displayHeight) {
    int shortSide = Math.min(displayWidth, displayHeight);
    int longSide = Math.max(displayWidth, displayHeight);
    boolean landscape = displayWidth >= displayHeight;
    List<String> out = new ArrayList<>();
    for (int rung : TEST_LADDER) {
      if (rung <= shortSide) {
        int other = nearestEven((double) rung * longSide / shortSide);
        out.add(landscape ? other + "x" + nearestEven(rung) : nearestEven(rung) + "x" + other);
      }
    }
    if (out.isEmpty()) {
      out.add(nearestEven(displayWidth) + "x" + nearestEven(displayHeight));
    }
    return out;
  }

  private static int nearestEven(double value) {
    return (int) (2 * Math.round(value / 2));
  }

  private static String master(String id) {
    HttpResponse<Buffer> master = client.get("/api/videos/" + id + "/master.m3u8");
    assertEquals(200, master.statusCode(), master.bodyAsString());
    return master.bodyAsString();
  }

  private static String variantUrl(String id, String rendition) {
    return client.baseUrl() + "/api/videos/" + id + "/renditions/" + rendition + ".m3u8";
  }

  /** ffprobe through the master playlist and the signed URLs: one line per stream of every variant. */
  private static String probeMaster(String id) throws IOException {
    return Clips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height",
        "-of", "csv=p=0", client.baseUrl() + "/api/videos/" + id + "/master.m3u8"));
  }

  private static String probeSize(Path file) throws IOException {
    return Clips.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
        "-of", "csv=p=0", file.toString())).trim();
  }

  /** Decodes a whole rendition; returns ffmpeg's error output (empty when clean). */
  private static String decodeFully(String id, String rendition) throws IOException {
    return Clips.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", variantUrl(id, rendition),
        "-f", "null", "-")).trim();
  }

  private static byte[] firstFrameGray(String id, String rendition) throws IOException {
    Path raw = Clips.ffmpeg(clips.resolve(id + "-" + rendition + ".gray"), "-i", variantUrl(id, rendition),
        "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray");
    return Files.readAllBytes(raw);
  }

  private static double meanLuma(byte[] gray, int width, int fromRow, int toRow) {
    return meanLuma(gray, width, fromRow, toRow, 0, width);
  }

  private static double meanLuma(byte[] gray, int width, int fromRow, int toRow, int fromCol, int toCol) {
    long sum = 0;
    long n = 0;
    for (int y = fromRow; y < toRow; y++) {
      for (int x = fromCol; x < toCol; x++) {
        sum += gray[y * width + x] & 0xff;
        n++;
      }
    }
    return (double) sum / n;
  }

  /**
   * Writes a 90° clockwise display matrix into the video track's {@code tkhd} box (the track
   * header whose width is non-zero), the way phone cameras record portrait video.
   */
  static byte[] rotateVideoTrack90Clockwise(byte[] mp4) {
    byte[] out = mp4.clone();
    ByteBuffer buf = ByteBuffer.wrap(out);
    byte[] tkhd = "tkhd".getBytes(StandardCharsets.US_ASCII);
    for (int i = 4; i + 4 <= out.length; i++) {
      if (out[i] != tkhd[0] || out[i + 1] != tkhd[1] || out[i + 2] != tkhd[2] || out[i + 3] != tkhd[3]) {
        continue;
      }
      int box = i - 4;
      int version = out[i + 4];
      int matrix = box + (version == 1 ? 60 : 48);
      int width = buf.getInt(matrix + 36) >>> 16;
      int height = buf.getInt(matrix + 40) >>> 16;
      if (width == 0) {
        continue;
      }
      int[] values = {0, 0x10000, 0, -0x10000, 0, 0, height << 16, 0, 0x40000000};
      for (int k = 0; k < values.length; k++) {
        buf.putInt(matrix + 4 * k, values[k]);
      }
      return out;
    }
    throw new AssertionError("no video tkhd box found");
  }
}
