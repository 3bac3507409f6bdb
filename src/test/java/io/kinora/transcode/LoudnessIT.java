package io.kinora.transcode;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every video's audio comes out at the loudness target (-16 LUFS integrated by default), however
 * quiet or loud its source, measured by ffmpeg's EBU R128 scanner on the audio players get; the
 * record keeps what the source measured. One quiet and one loud upload for the class, on a node of
 * its own with the production default (the shared test nodes leave loudness alone, for speed).
 */
@ExtendWith(VertxExtension.class)
class LoudnessIT {

  private static final double TARGET = -16;
  private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS");

  private static RedisServer redis;
  private static TestNode node;
  private static KinoraClient client;
  private static String quiet;
  private static String loud;

  @TempDir
  static Path dir;

  @BeforeAll
  static void uploadAQuietAndALoudClip(Vertx vertx) throws Exception {
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of("KINORA_LOUDNESS_TARGET", "-16", "KINORA_LOUDNESS_TRUE_PEAK", "-1.5"));
    client = KinoraClient.signedUp(vertx, node.httpPort());
    quiet = client.upload(clip("whisper.mp4", -30));
    loud = client.upload(clip("shout.mp4", 14));
    client.awaitReady(quiet);
    client.awaitReady(loud);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    redis.close();
  }

  /** A tone over pink noise, {@code gainDb} from the tone's default level (-18 dBFS). */
  private static Path clip(String name, int gainDb) throws Exception {
    return Clips.ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=15:duration=8",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8",
        "-f", "lavfi", "-i", "anoisesrc=d=8:c=pink:a=0.05",
        "-filter_complex", "[1][2]amix=inputs=2:normalize=0,volume=" + gainDb + "dB[a]", "-map", "0:v", "-map", "[a]",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
  }

  @Test
  void aQuietSourceIsBroughtUpToTheTarget() throws Exception {
    assertEquals(TARGET, integratedLoudness(quiet), 1.0);
  }

  @Test
  void aLoudSourceIsBroughtDownToTheTarget() throws Exception {
    assertEquals(TARGET, integratedLoudness(loud), 1.0);
  }

  @Test
  void theRecordKeepsWhatTheSourceMeasured() throws Exception {
    JsonObject whisper = new JsonObject(redis.cli("HGET", RedisKeys.video(quiet), "sourceLoudness"));
    JsonObject shout = new JsonObject(redis.cli("HGET", RedisKeys.video(loud), "sourceLoudness"));

    assertTrue(whisper.getDouble("integratedLufs") < -40, whisper.encode());
    assertTrue(shout.getDouble("integratedLufs") > -12, shout.encode());
    assertTrue(shout.getDouble("truePeakDbtp") > whisper.getDouble("truePeakDbtp"));
  }

  /** The audio rendition as players get it (init file and every segment), through ffmpeg's ebur128. */
  private static double integratedLoudness(String id) throws Exception {
    String playlist = client.get("/api/videos/" + id + "/renditions/audio.m3u8").bodyAsString();
    Matcher map = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(playlist);
    assertTrue(map.find(), playlist);
    ByteArrayOutputStream audio = new ByteArrayOutputStream();
    audio.write(fetch(map.group(1)));
    for (String segment : playlist.lines().filter(l -> l.startsWith("/media/")).toList()) {
      audio.write(fetch(segment));
    }
    Path file = dir.resolve(id + ".mp4");
    Files.write(file, audio.toByteArray());
    String report = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(), "-af", "ebur128",
        "-f", "null", "-"));
    Matcher integrated = INTEGRATED.matcher(report.substring(report.lastIndexOf("Summary:")));
    assertTrue(integrated.find(), report);
    return Double.parseDouble(integrated.group(1));
  }

  private static byte[] fetch(String url) {
    HttpResponse<Buffer> response = client.get(url);
    assertEquals(200, response.statusCode(), url);
    return response.body().getBytes();
  }
}
