package io.kinora.transcode;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that can never become a video: each one ends {@code failed} within seconds, with an
 * {@code error} sentence the uploader can act on, the API never answers 5xx on the way, and the
 * node is left healthy with an empty temp directory.
 *
 * <p>A node of its own, with limits small enough to trip with tiny clips (1000 px, 3 s,
 * 300 000 bytes); every clip meant to trip only one limit stays under the others.
 */
@KinoraTest(settings = {"KINORA_MAX_DIMENSION=" + BadInputsIT.MAX_DIMENSION,
    "KINORA_MAX_DURATION_SECONDS=" + BadInputsIT.MAX_DURATION_SECONDS,
    "KINORA_MAX_UPLOAD_BYTES=" + BadInputsIT.MAX_UPLOAD_BYTES})
class BadInputsIT {

  static final int MAX_DIMENSION = 1000;
  static final int MAX_DURATION_SECONDS = 3;
  static final long MAX_UPLOAD_BYTES = 300_000;
  /** "Within seconds": the verdict comes from a probe or a size check, never an encode. */
  private static final Duration VERDICT = Duration.ofSeconds(30);

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path clips;

  @Test
  void aNormalClipUnderEveryLimitStillBecomesReady() throws Exception {
    // control: the small limits of this node do not refuse everything
    Path clip = controlClip();
    assertTrue(Files.size(clip) < MAX_UPLOAD_BYTES, "control clip is " + Files.size(clip) + " bytes");

    String id = upload(clip, Files.size(clip));
    JsonObject video = client.awaitDone(id);

    assertEquals("ready", video.getString("status"), video.encode());
  }

  @Test
  void emptyFileFailsAsEmpty() throws Exception {
    // a presigned URL takes exactly its declared size (at least 1 byte); the API form takes any
    String id = uploadForm(emptyFile());

    assertFailed(id, "empty");
  }

  @Test
  void textFileFailsAsUnreadable() throws Exception {
    Path text = textFile();

    String id = upload(text, Files.size(text));

    JsonObject video = awaitFailed(id);
    String error = video.getString("error").toLowerCase(Locale.ROOT);
    // ffprobe finds no media format in plain text; the "tty" text demuxer is only picked by
    // file extension, which the stored original does not have
    assertTrue(error.contains("could not read") || error.contains("text file"), video.encode());
    assertTrue(error.contains("upload a video file"), video.encode());
  }

  @Test
  void audioOnlyFileFailsSayingItHasOnlyAudio() throws Exception {
    Path audio = audioOnly();

    String id = upload(audio, Files.size(audio));

    assertFailed(id, "only audio");
  }

  @Test
  void stillImageFailsSayingItIsAStillImage() throws Exception {
    Path png = stillImage();

    String id = upload(png, Files.size(png));

    assertFailed(id, "still image");
  }

  @Test
  void truncatedMp4WithItsIndexAtTheEndFailsAsUnreadable() throws Exception {
    Path truncated = truncatedMp4();

    String id = upload(truncated, Files.size(truncated));

    assertFailed(id, "could not read");
  }

  @Test
  void randomBytesFailAsUnreadable() throws Exception {
    Path file = randomBytes();

    String id = upload(file, Files.size(file));

    assertFailed(id, "could not read");
  }

  @Test
  void frameLargerThanTheDimensionLimitFailsNamingTheLimit() throws Exception {
    Path clip = hdClip();
    assertTrue(Files.size(clip) < MAX_UPLOAD_BYTES, "1280x720 clip is " + Files.size(clip) + " bytes");

    String id = upload(clip, Files.size(clip));

    JsonObject video = assertFailed(id, "limit");
    String error = video.getString("error");
    assertTrue(error.contains("1000 px"), video.encode());
    assertTrue(error.contains("1280"), video.encode());
  }

  @Test
  void videoLongerThanTheDurationLimitFailsNamingTheLimit() throws Exception {
    Path clip = longClip();
    assertTrue(Files.size(clip) < MAX_UPLOAD_BYTES, "4 s clip is " + Files.size(clip) + " bytes");

    String id = upload(clip, Files.size(clip));

    JsonObject video = assertFailed(id, "longer");
    String error = video.getString("error");
    assertTrue(error.contains("3 s limit"), video.encode());
    assertTrue(error.contains("4 s"), video.encode());
  }

  @Test
  void fileOverTheUploadLimitIsRefusedAtCreateWith413() throws Exception {
    long size = 400_000;

    HttpResponse<Buffer> response = client.postJson("/api/uploads",
        new JsonObject().put("filename", "too-big.mp4").put("size", size));

    assertEquals(413, response.statusCode(), response.bodyAsString());
    assertTrue(String.valueOf(response.getHeader("Content-Type")).startsWith("application/json"),
        String.valueOf(response.getHeader("Content-Type")));
    String error = response.bodyAsJsonObject().getString("error");
    assertNotNull(error, response.bodyAsString());
    assertTrue(error.contains("limit"), error);
    assertTrue(error.contains("larger"), error);
  }

  @Test
  void fileOverTheUploadLimitThatLiedAboutItsSizeNeverReachesStorage() throws Exception {
    HttpResponse<Buffer> created = client.postJson("/api/uploads",
        new JsonObject().put("filename", "declared-small.mp4").put("size", 1000));
    String id = created.bodyAsJsonObject().getString("id");
    int put;
    try {
      put = client.putToStorage(created.bodyAsJsonObject().getString("uploadUrl"), oversized());
    } catch (RuntimeException cutOff) {
      put = -1; // storage refused and closed the connection mid-send
    }

    assertTrue(put != 200, "the URL is signed for 1,000 bytes: " + put);
    assertEquals(409, client.post("/api/videos/" + id + "/complete").statusCode(), "nothing reached storage");
  }

  @Test
  void afterEveryKindOfBadInputTheNodeIsHealthyAndLeavesNoTempFilesBehind() throws Exception {
    // every input of this class once more, all in the queue at once, and each verdict awaited
    List<String> ids = new ArrayList<>();
    for (Path file : List.of(controlClip(), textFile(), audioOnly(), stillImage(), truncatedMp4(), randomBytes(),
        hdClip(), longClip())) {
      ids.add(upload(file, Files.size(file)));
    }
    ids.add(uploadForm(emptyFile()));
    for (String id : ids) {
      client.awaitDone(id);
    }

    HttpResponse<Buffer> health = client.get("/health");
    assertEquals(200, health.statusCode(), health.bodyAsString());
    assertEquals("UP", health.bodyAsJsonObject().getString("status"), health.bodyAsString());
    Path temp = node.tempDir();
    Await.until(Duration.ofSeconds(10), "nothing left in " + temp, () -> leftovers(temp), List::isEmpty);
  }

  // --- the inputs ------------------------------------------------------------------------------

  private static Path controlClip() throws IOException {
    return Clips.ffmpeg(clips.resolve("control.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=1",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", "-movflags", "+faststart");
  }

  private static Path emptyFile() throws IOException {
    return Files.write(clips.resolve("empty.mp4"), new byte[0]);
  }

  private static Path textFile() throws IOException {
    return Files.writeString(clips.resolve("notes.mp4"),
        "Meeting notes, 23 November\n- ship the uploader\n- fix the player\n".repeat(20), StandardCharsets.UTF_8);
  }

  private static Path audioOnly() throws IOException {
    return Clips.ffmpeg(clips.resolve("voice-memo.m4a"),
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2", "-c:a", "aac", "-b:a", "64k");
  }

  private static Path stillImage() throws IOException {
    return Clips.ffmpeg(clips.resolve("screenshot.png"),
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1");
  }

  /** The first half of an MP4 whose index (the moov atom) comes after the media data. */
  private static Path truncatedMp4() throws IOException {
    // no +faststart: the moov atom is written after the media data
    Path whole = Clips.ffmpeg(clips.resolve("whole.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest");
    byte[] bytes = Files.readAllBytes(whole);
    int moov = indexOf(bytes, "moov".getBytes(StandardCharsets.US_ASCII));
    assertTrue(moov > bytes.length / 2, "moov should be in the second half, at " + moov + " of " + bytes.length);
    return Files.write(clips.resolve("interrupted-transfer.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
  }

  private static Path randomBytes() throws IOException {
    byte[] noise = new byte[200 * 1024];
    new Random(20261123L).nextBytes(noise);
    return Files.write(clips.resolve("noise.mp4"), noise);
  }

  private static Path hdClip() throws IOException {
    return Clips.ffmpeg(clips.resolve("hd.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=10:duration=1",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", "-pix_fmt", "yuv420p", "-movflags", "+faststart");
  }

  private static Path longClip() throws IOException {
    return Clips.ffmpeg(clips.resolve("long.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=15:duration=4",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "35", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", "-movflags", "+faststart");
  }

  /** 400 000 random bytes, over the 300 000-byte limit, for a client that declares 1000. */
  private static Path oversized() throws IOException {
    byte[] bytes = new byte[400_000];
    new Random(7L).nextBytes(bytes);
    return Files.write(clips.resolve("declared-small.mp4"), bytes);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * The presigned flow with a declared size (which may differ from the file's), checking that no
   * step answers 5xx. Completion may answer 202 with the video already failed (size checks).
   */
  /** {@code POST /api/videos} as curl -F sends it: the form takes a file of any size, even none. */
  private static String uploadForm(Path file) {
    HttpResponse<Buffer> sent = KinoraClient.await(client.request(HttpMethod.POST, "/api/videos")
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", file.getFileName().toString(),
            file.toString(), "video/mp4")));
    assertEquals(202, sent.statusCode(), "form upload: " + sent.bodyAsString());
    return sent.bodyAsJsonObject().getString("id");
  }

  private static String upload(Path file, long declaredSize) throws IOException {
    HttpResponse<Buffer> created = client.postJson("/api/uploads",
        new JsonObject().put("filename", file.getFileName().toString()).put("size", declaredSize));
    assertEquals(201, created.statusCode(), "create: " + created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");
    int put = client.putToStorage(created.bodyAsJsonObject().getString("uploadUrl"), file);
    assertEquals(200, put, "PUT to storage");
    HttpResponse<Buffer> complete = client.post("/api/videos/" + id + "/complete");
    assertEquals(202, complete.statusCode(), "complete: " + complete.bodyAsString());
    return id;
  }

  private static JsonObject awaitFailed(String id) throws InterruptedException {
    JsonObject video = client.awaitDone(id, VERDICT);
    assertEquals("failed", video.getString("status"), video.encode());
    String error = video.getString("error");
    assertNotNull(error, video.encode());
    assertTrue(error.length() > 20 && error.endsWith("."), "not a sentence: " + video.encode());
    assertFalse(error.contains("Exception") || error.contains("\tat "), "leaks internals: " + video.encode());
    // a failed video never makes the playback API answer 5xx
    HttpResponse<Buffer> master = client.get("/api/videos/" + id + "/master.m3u8");
    assertTrue(master.statusCode() >= 400 && master.statusCode() < 500,
        "master of a failed video: " + master.statusCode() + " " + master.bodyAsString());
    return video;
  }

  private static JsonObject assertFailed(String id, String words) throws InterruptedException {
    JsonObject video = awaitFailed(id);
    assertTrue(video.getString("error").toLowerCase(Locale.ROOT).contains(words),
        "error should say \"" + words + "\": " + video.encode());
    return video;
  }

  private static List<Path> leftovers(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).toList();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
