package io.kinora.jobs;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job whose ffmpeg dies after it stored some segments continues in its next attempt after them,
 * instead of starting again from zero, and the video it ends with is whole: every frame once, the
 * timestamps running on across the join in HLS, in DASH and in the downloads. The first attempt is
 * paced (ffmpeg reads at the clip's own speed) so the kill lands mid-way; the second runs at full speed.
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedJobContinuesIT {

  private static final int FPS = 25;
  private static final int SECONDS = 20;
  private static final double FRAME = 1.0 / FPS;
  private static final double AAC_FRAME = 1024 / 48000.0;
  private static final List<String> RUNGS = List.of("480p", "360p", "240p");
  private static final Pattern DASH_SEGMENT = Pattern.compile("<S t=\"(\\d+)\" d=\"(\\d+)\"/>");

  private Path work;
  private RedisServer redis;
  private TestNode node;
  private KinoraClient client;
  private Path clip;
  private Path otherEncoder;
  private String id;
  /** The fewest segments the first attempt had stored in a video rendition when it was killed. */
  private int storedBeforeKill;

  @BeforeAll
  void interruptATranscodeMidWay(Vertx vertx) throws Exception {
    work = Files.createTempDirectory("kinora-continue-");
    redis = RedisServer.start();
    Path pacing = Files.createFile(work.resolve("pace"));
    otherEncoder = work.resolve("other-encoder");
    // loudness normalisation on, as in production: the audio, encoded again from zero, must still join
    node = TestNode.start(vertx, redis, Map.of(
        "KINORA_FFMPEG_DIR", PacedFfmpeg.whilePresent(work, pacing, otherEncoder).toString(),
        "KINORA_LOUDNESS_TARGET", "-16"));
    client = KinoraClient.signedUp(vertx, node.httpPort());
    // a keyframe only every 10 s in the source: continuing at 8 s or 12 s decodes from the one before
    clip = Clips.ffmpeg(work.resolve("twenty-seconds.mp4"),
        "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=" + FPS + ":duration=" + SECONDS,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "250", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    id = client.upload(clip);

    Await.until(Duration.ofSeconds(60), "three segments of every rendition in storage", () -> fewestStored(id) >= 3);
    storedBeforeKill = fewestStored(id);
    Files.delete(pacing);
    killFfmpeg();

    JsonObject video = client.awaitDone(id, Duration.ofMinutes(2));
    assertEquals("ready", video.getString("status"), video.encode());
    assertEquals("2", redis.cli("HGET", RedisKeys.video(id), "attempts"), "the job ran a second time");
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    redis.close();
    Clips.run(List.of("rm", "-rf", work.toString()));
  }

  @Test
  void theSecondAttemptKeepsTheSegmentsTheFirstStoredAndAddsItsOwnAfterThem() {
    for (String rung : RUNGS) {
      List<String> files = segmentUrls(variant(rung)).stream().map(url -> url.replaceAll(".*/|\\?.*", "")).toList();
      long kept = files.stream().takeWhile(f -> f.startsWith("seg_r1_")).count();
      assertTrue(kept >= storedBeforeKill && kept < files.size(), rung + ": " + files);
      assertTrue(files.subList((int) kept, files.size()).stream().allMatch(f -> f.startsWith("seg_r2_")), rung + ": " + files);
      for (int i = 0; i < files.size(); i++) {
        assertTrue(files.get(i).endsWith(String.format("_%05d.m4s", i)), "numbered on across the join: " + files);
      }
    }
  }

  @Test
  void aContinuingRunWhoseEncoderWritesOtherParameterSetsStartsOverAndTheVideoIsWhole() throws Exception {
    Path pacing = Files.createFile(work.resolve("pace"));
    String other = client.upload(clip);
    Await.until(Duration.ofSeconds(60), "two segments of every rendition in storage", () -> fewestStored(other) >= 2);
    Files.createFile(otherEncoder);
    try {
      Files.delete(pacing);
      killFfmpeg();

      JsonObject video = client.awaitDone(other, Duration.ofMinutes(2));
      assertEquals("ready", video.getString("status"), video.encode());
      assertEquals("2", redis.cli("HGET", RedisKeys.video(other), "attempts"));
      for (String rung : RUNGS) {
        String playlist = variant(other, rung);
        assertTrue(playlist.contains("/init_r2_") && !playlist.contains("_r1_"), "started over: " + playlist);
        assertEquals(SECONDS * FPS, packets(wholeRendition(other, rung), "v").size(), rung + ": every frame, once");
      }
    } finally {
      Files.deleteIfExists(otherEncoder);
    }
  }

  @Test
  void everyRenditionPlaysEveryFrameOnceWithTimestampsThatRunOnAcrossTheJoin() throws Exception {
    for (String rung : RUNGS) {
      List<double[]> packets = packets(wholeRendition(rung), "v");
      assertEquals(SECONDS * FPS, packets.size(), rung + ": every frame, once");
      List<Double> pts = packets.stream().map(p -> p[0]).sorted().toList();
      for (int i = 1; i < pts.size(); i++) {
        assertEquals(FRAME, pts.get(i) - pts.get(i - 1), 0.002, rung + ": frame " + i + " follows the one before");
      }
      for (int i = 1; i < packets.size(); i++) {
        assertTrue(packets.get(i)[1] > packets.get(i - 1)[1], rung + ": decode times rise at packet " + i);
      }
    }
  }

  @Test
  void theAudioRunsOnWithoutAGapOrARepeat() throws Exception {
    List<double[]> packets = packets(wholeRendition("audio"), "a");
    for (int i = 1; i < packets.size(); i++) {
      assertEquals(AAC_FRAME, packets.get(i)[0] - packets.get(i - 1)[0], 0.0005, "audio frame " + i);
    }
    double end = packets.get(packets.size() - 1)[0] + AAC_FRAME;
    assertEquals(SECONDS, end, 0.05, "the audio lasts as long as the video");
  }

  @Test
  void theDashTimelineSaysWhereEachSegmentsFramesReallyAre() throws Exception {
    String mpd = client.get("/api/videos/" + id + "/manifest.mpd").bodyAsString();
    String representation = mpd.substring(mpd.indexOf("<Representation id=\"" + RUNGS.get(0) + "\""));
    representation = representation.substring(0, representation.indexOf("</Representation>"));
    List<long[]> timeline = new ArrayList<>();
    Matcher s = DASH_SEGMENT.matcher(representation);
    while (s.find()) {
      timeline.add(new long[] {Long.parseLong(s.group(1)), Long.parseLong(s.group(2))});
    }
    List<String> urls = new ArrayList<>();
    Matcher url = Pattern.compile("<SegmentURL media=\"([^\"]+)\"").matcher(representation);
    while (url.find()) {
      urls.add(url.group(1).replace("&amp;", "&"));
    }
    Matcher init = Pattern.compile("<Initialization sourceURL=\"([^\"]+)\"").matcher(representation);
    assertTrue(init.find(), representation);
    byte[] initBytes = fetch(init.group(1).replace("&amp;", "&"));
    assertEquals(urls.size(), timeline.size());
    double first = Double.NaN;
    for (int i = 0; i < urls.size(); i++) {
      Path segment = work.resolve("dash-" + i + ".mp4");
      Files.write(segment, concat(initBytes, fetch(urls.get(i))));
      double start = packets(segment, "v").stream().mapToDouble(p -> p[0]).min().orElseThrow();
      first = i == 0 ? start : first;
      assertEquals(timeline.get(i)[0] / 1000.0, start - first, FRAME, "segment " + i + " starts where the timeline says");
      if (i > 0) {
        assertEquals(timeline.get(i - 1)[0] + timeline.get(i - 1)[1], timeline.get(i)[0], "no gap in the timeline");
      }
    }
  }

  @Test
  void theDownloadsCoverTheWholeVideo() throws Exception {
    for (String rung : RUNGS) {
      HttpResponse<Buffer> redirect = client.get("/api/videos/" + id + "/download?rendition=" + rung);
      assertEquals(302, redirect.statusCode(), redirect.bodyAsString());
      Path mp4 = work.resolve("download-" + rung + ".mp4");
      Files.write(mp4, fetch(redirect.getHeader("Location")));
      assertEquals(SECONDS * FPS, packets(mp4, "v").size(), rung + " download: every frame");
      List<double[]> audio = packets(mp4, "a");
      assertEquals(SECONDS, audio.get(audio.size() - 1)[0] + AAC_FRAME, 0.05, rung + " download: all the audio");
    }
  }

  // ---- helpers ----

  /** What the OOM killer would do to the node's ffmpeg; the sh running pkill cannot match [f]. */
  private void killFfmpeg() throws IOException {
    Clips.run(List.of("sh", "-c", "pkill -9 -f '[f]fmpeg.*" + node.dataDir() + "' || true"));
  }

  /** The fewest segments any video rendition of {@code video} has in the playlists it plays from now. */
  private int fewestStored(String video) throws IOException, InterruptedException {
    int fewest = Integer.MAX_VALUE;
    for (String rung : RUNGS) {
      String playlist = redis.cli("HGET", RedisKeys.playlists(video), rung);
      fewest = Math.min(fewest, (int) playlist.lines().filter(l -> l.startsWith("#EXTINF")).count());
    }
    return fewest;
  }

  private String variant(String rendition) {
    return variant(id, rendition);
  }

  private String variant(String video, String rendition) {
    HttpResponse<Buffer> playlist = client.get("/api/videos/" + video + "/renditions/" + rendition + ".m3u8");
    assertEquals(200, playlist.statusCode(), playlist.bodyAsString());
    return playlist.bodyAsString();
  }

  private static List<String> segmentUrls(String playlist) {
    return playlist.lines().filter(l -> l.startsWith("/media/")).toList();
  }

  /** The init file and every segment of a rendition, one after the other: what a player feeds its decoder. */
  private Path wholeRendition(String rendition) throws IOException {
    return wholeRendition(id, rendition);
  }

  private Path wholeRendition(String video, String rendition) throws IOException {
    String playlist = variant(video, rendition);
    Matcher map = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(playlist);
    assertTrue(map.find(), playlist);
    assertTrue(!map.find(), "one init file behind every segment: " + playlist);
    map.reset().find();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(fetch(map.group(1)));
    for (String url : segmentUrls(playlist)) {
      all.write(fetch(url));
    }
    Path file = work.resolve(video + "-" + rendition + ".mp4");
    Files.write(file, all.toByteArray());
    return file;
  }

  private byte[] fetch(String url) {
    HttpResponse<Buffer> response = client.get(url);
    assertEquals(200, response.statusCode(), url);
    return response.body().getBytes();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** Each packet's presentation and decode time of the file's first {@code v} or {@code a} stream, in file order. */
  private static List<double[]> packets(Path file, String stream) throws IOException {
    String csv = Clips.run(List.of("ffprobe", "-v", "error", "-select_streams", stream + ":0", "-show_entries",
        "packet=pts_time,dts_time", "-of", "csv=p=0", file.toString()));
    List<double[]> packets = new ArrayList<>();
    for (String line : csv.lines().filter(l -> !l.isBlank()).toList()) {
      String[] times = line.split(",");
      packets.add(new double[] {Double.parseDouble(times[0]), Double.parseDouble(times[1])});
    }
    return packets;
  }
}
