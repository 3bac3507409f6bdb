package io.kinora.transcode;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segments reach storage as ffmpeg finishes them, not after the whole ladder: with
 * ffmpeg reading at the clip's own pace (12 s of video take 12 s), every rendition's init file and
 * first segment are in storage while the video is still processing, and the finished video plays to
 * its last frame. Its own node: the paced ffmpeg is a node setting.
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
class SegmentsDuringEncodeIT {

  @TempDir
  static Path work;

  @Test
  void everyRenditionsFirstSegmentIsInStorageWhileTheVideoIsStillProcessing(Vertx vertx) throws Exception {
    try (RedisServer redis = RedisServer.start();
         TestNode node = TestNode.start(vertx, redis, Map.of("KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString()))) {
      KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
      var s3 = node.config().storage();
      MinioClient storage = MinioClient.builder().endpoint(s3.nodeEndpoint()).region(s3.region())
          .credentials(s3.accessKey(), s3.secretKey()).build();
      String id = client.upload(Clips.mp4(work, "twelve-seconds.mp4", 640, 360, 12, 15));

      record Seen(List<String> keys, String status) {
      }
      // whichever comes first: the first segments in storage, or the end of the encode
      Seen seen = Await.until(java.time.Duration.ofSeconds(60), "the first segments or the end of the encode",
          () -> new Seen(keys(storage, id), client.video(id).getString("status")),
          s -> hasFirstSegments(s.keys()) || Set.of("ready", "failed").contains(s.status()));
      List<String> keys = seen.keys();
      assertTrue(hasFirstSegments(keys), "in storage: " + keys);
      assertEquals("processing", seen.status(), "the first segments must be stored before the video is ready: " + keys);
      assertTrue(keys.stream().noneMatch(k -> k.endsWith("poster.jpg") || k.endsWith("seg_r1_00002.m4s")),
          "a third of the way in, only the first segments exist: " + keys);

      JsonObject ready = client.awaitReady(id);
      assertEquals(12.0, ready.getDouble("durationSeconds"), 0.2);
      String out = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i",
          client.baseUrl() + "/api/videos/" + id + "/master.m3u8", "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"));
      Matcher frames = Pattern.compile("frame=\\s*(\\d+)").matcher(out);
      int last = -1;
      while (frames.find()) {
        last = Integer.parseInt(frames.group(1));
      }
      assertEquals(180, last, out);
      String variant = client.get("/api/videos/" + id + "/renditions/360p.m3u8").bodyAsString();
      assertTrue(variant.contains("#EXT-X-PLAYLIST-TYPE:VOD") && variant.contains("#EXT-X-ENDLIST"), variant);
      client.close();
    }
  }

  private static boolean hasFirstSegments(List<String> keys) {
    for (String rendition : List.of("360p", "240p", "audio")) {
      if (keys.stream().noneMatch(k -> k.endsWith("/" + rendition + "/seg_r1_00000.m4s"))
          || keys.stream().noneMatch(k -> k.endsWith("/" + rendition + "/init_r1_" + rendition + ".mp4"))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> keys(MinioClient storage, String id) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> item : storage.listObjects(ListObjectsArgs.builder().bucket("media").prefix(id + "/")
        .recursive(true).build())) {
      keys.add(item.get().objectName());
    }
    return keys;
  }
}
