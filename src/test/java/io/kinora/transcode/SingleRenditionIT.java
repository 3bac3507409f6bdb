package io.kinora.transcode;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source below the lowest rung and without audio makes ffmpeg write ONE variant stream: the
 * smallest output there is, and still a playable one (master, variant playlist, init file, segment).
 */
@KinoraTest
class SingleRenditionIT {

  static KinoraClient client;

  @TempDir
  static Path clips;

  @Test
  void aTinySilentVideoPlaysThroughItsOnlyRendition() throws Exception {
    Path silent = Clips.ffmpeg(clips.resolve("tiny-silent.mp4"),
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-an");

    JsonObject video = client.uploadReady(silent);
    String id = video.getString("id");
    assertEquals(1, video.getJsonArray("renditions").size(), video.encode());
    String rendition = video.getJsonArray("renditions").getJsonObject(0).getString("name");

    HttpResponse<Buffer> master = client.get("/api/videos/" + id + "/master.m3u8");
    assertEquals(200, master.statusCode(), master.bodyAsString());
    HttpResponse<Buffer> variant = client.get("/api/videos/" + id + "/renditions/" + rendition + ".m3u8");
    assertEquals(200, variant.statusCode(), variant.bodyAsString());
    assertFalse(variant.bodyAsString().contains("%v"), variant.bodyAsString());

    String init = variant.bodyAsString().lines().filter(l -> l.startsWith("#EXT-X-MAP:")).findFirst()
        .map(l -> l.substring(l.indexOf("URI=\"") + 5, l.lastIndexOf('"'))).orElseThrow();
    assertEquals(200, client.get(init).statusCode(), "init file " + init);
    HttpResponse<Buffer> segment = client.get(client.firstSegment(id, rendition));
    assertEquals(200, segment.statusCode());
    assertTrue(segment.body().length() > 0);
  }
}
