package io.kinora.packaging;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.RedisServer;
import io.kinora.support.SseReader;
import io.kinora.support.TestNode;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A video plays while it is still processing: once every rendition's first segment is
 * in storage the record says {@code playable}, the playlists answer with what exists so far (EVENT,
 * growing, every URL signed, never cached long), a player that starts then runs on to the last
 * frame, and a retry after a killed ffmpeg replaces the first attempt's segments cleanly. Its own
 * node, with ffmpeg reading at the clip's own pace so there is a "while".
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
class PlayableWhileProcessingIT {

  /** 8 s at 15 fps in 2 s segments: four segments, the first stored about 2 s into the paced encode. */
  private static final int SECONDS = 8;
  private static final int SEGMENT_SECONDS = 2;
  private static final int FPS = 15;
  private static final Pattern SIGNED = Pattern.compile("\\?expires=\\d+&sig=[A-Za-z0-9_-]{22}");

  @TempDir
  static Path work;

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static KinoraClient client;
  private static Path clip;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of("KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString(),
        "KINORA_SEGMENT_SECONDS", Integer.toString(SEGMENT_SECONDS)));
    client = KinoraClient.signedUp(vertx, node.httpPort());
    clip = Clips.mp4(work, "eight-seconds.mp4", 640, 360, SECONDS, FPS);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    node.close();
    redis.close();
    vertx.close().await();
  }

  @Test
  void aVideoStillProcessingBecomesPlayableWithGrowingSignedPlaylists() throws Exception {
    String id = client.upload(clip);

    JsonObject video = awaitPlayable(id);
    assertEquals("processing", video.getString("status"), video.encode());
    assertEquals("/api/videos/" + id + "/master.m3u8", video.getString("playbackUrl"));
    assertEquals(SECONDS, video.getDouble("durationSeconds"), 0.2, "the page can show the length already");
    assertNull(video.getString("dashUrl"), "DASH once ready: a growing MPD would be a dynamic one");

    HttpResponse<Buffer> master = client.get("/api/videos/" + id + "/master.m3u8");
    assertEquals(200, master.statusCode(), master.bodyAsString());
    assertEquals("no-cache", master.getHeader("Cache-Control"));
    assertTrue(master.bodyAsString().contains("/api/videos/" + id + "/renditions/360p.m3u8"), master.bodyAsString());

    HttpResponse<Buffer> variant = client.get("/api/videos/" + id + "/renditions/360p.m3u8");
    assertEquals("no-cache", variant.getHeader("Cache-Control"));
    String playlist = variant.bodyAsString();
    assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:EVENT"), playlist);
    assertFalse(playlist.contains("#EXT-X-ENDLIST"), "no end while the video grows: " + playlist);
    List<String> uris = mediaUris(playlist);
    assertTrue(uris.size() >= 2, "the init file and the segments stored so far: " + playlist);
    for (String uri : uris) {
      assertTrue(uri.matches("/media/" + id + "/360p/(init_r1_360p\\.mp4|seg_r1_\\d{5}\\.m4s)" + SIGNED.pattern()), uri);
      assertEquals(200, client.get(uri).statusCode(), "listed means stored: " + uri);
    }

    JsonObject ready = client.awaitReady(id);
    assertTrue(ready.getBoolean("playable"), ready.encode());
    String done = client.get("/api/videos/" + id + "/renditions/360p.m3u8").bodyAsString();
    assertTrue(done.contains("#EXT-X-PLAYLIST-TYPE:VOD") && done.contains("#EXT-X-ENDLIST"), done);
  }

  @Test
  void theLiveStreamSaysPlayableWhileTheVideoIsStillProcessing() throws Exception {
    String id = client.upload(clip);
    try (SseReader events = client.events(id, null)) {
      JsonObject playable = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (playable == null && System.nanoTime() < deadline) {
        SseReader.Event event = events.nextEvent(Duration.ofSeconds(30));
        if (event != null && List.of("status", "progress").contains(event.name())
            && event.json().getBoolean("playable", false)) {
          playable = event.json();
        }
      }
      assertTrue(playable != null, "no event said playable");
      assertEquals("processing", playable.getString("status"), playable.encode());
    }
    client.awaitReady(id);
  }

  @Test
  void ffmpegStartedWhileTheVideoIsProcessingPlaysOnToTheLastFrame() throws Exception {
    String id = client.upload(clip);
    awaitPlayable(id);

    // a live HLS reader: from the first segment, reloading the playlist until it ends
    String out = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-live_start_index", "0",
        "-i", client.baseUrl() + "/api/videos/" + id + "/master.m3u8",
        "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"));

    assertEquals(SECONDS * FPS, lastFrame(out), out);
    // the playlists end with the last segment, while the job still makes the downloads
    client.awaitReady(id);
  }

  @Test
  void aRetryAfterAKilledFfmpegKeepsTheSegmentsViewersHadAndPlaysToTheLastFrame() throws Exception {
    String id = client.upload(clip);
    awaitPlayable(id);

    // what the OOM killer would do to the encode the viewers are watching
    Clips.run(List.of("sh", "-c", "pkill -9 -f '[f]fmpeg.*" + id + "' || true"));

    JsonObject ready = client.awaitDone(id, Duration.ofMinutes(2));
    assertEquals("ready", ready.getString("status"), ready.encode());
    assertEquals("2", redis.cli("HGET", RedisKeys.video(id), "attempts"));
    for (String rendition : List.of("360p", "240p", "audio")) {
      String playlist = client.get("/api/videos/" + id + "/renditions/" + rendition + ".m3u8").bodyAsString();
      List<String> uris = mediaUris(playlist);
      assertTrue(uris.get(0).contains("/init_r1_") && uris.get(1).contains("/seg_r1_00000.m4s"),
          "the first attempt's init file and first segment, which viewers already had: " + playlist);
      assertTrue(uris.get(uris.size() - 1).contains("/seg_r2_"), "the second attempt's segments after them: " + playlist);
    }
    // the kept files moved to the second attempt's prefix; the first's is removed once the video is ready
    Await.until(Duration.ofSeconds(20), "the first attempt's prefix to be removed", () -> storedKeys(id),
        keys -> keys.stream().noneMatch(key -> key.startsWith(id + "/r1/")));
    String out = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostdin",
        "-i", client.baseUrl() + "/api/videos/" + id + "/master.m3u8",
        "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"));
    assertEquals(SECONDS * FPS, lastFrame(out), out);
  }

  private static JsonObject awaitPlayable(String id) throws InterruptedException {
    return Await.until(Duration.ofSeconds(60), "video " + id + " to be playable", () -> {
      JsonObject video = client.video(id);
      assertFalse("failed".equals(video.getString("status")), video.encode());
      return video;
    }, video -> video.getBoolean("playable", false));
  }

  private static List<String> mediaUris(String playlist) {
    List<String> uris = new ArrayList<>();
    Matcher map = Pattern.compile("URI=\"([^\"]+)\"").matcher(playlist);
    while (map.find()) {
      uris.add(map.group(1));
    }
    playlist.lines().filter(line -> line.startsWith("/media/")).forEach(uris::add);
    return uris;
  }

  private static int lastFrame(String ffmpegOutput) {
    Matcher frames = Pattern.compile("frame=\\s*(\\d+)").matcher(ffmpegOutput);
    int last = -1;
    while (frames.find()) {
      last = Integer.parseInt(frames.group(1));
    }
    return last;
  }

  private static List<String> storedKeys(String id) throws Exception {
    var s3 = node.config().storage();
    MinioClient storage = MinioClient.builder().endpoint(s3.nodeEndpoint()).region(s3.region())
        .credentials(s3.accessKey(), s3.secretKey()).build();
    List<String> keys = new ArrayList<>();
    for (Result<Item> item : storage.listObjects(ListObjectsArgs.builder().bucket("media").prefix(id + "/")
        .recursive(true).build())) {
      keys.add(item.get().objectName());
    }
    return keys;
  }
}
