package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.Ports;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment backed up while its node runs, restored onto a new, empty one (its own Redis and
 * data directory, no node running), plays there: same video, same comments, every segment.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BackupRestoreIT {

  @TempDir
  Path dir;

  @Test
  void aRestoredDeploymentPlaysWhatTheBackedUpOneHad(Vertx vertx) throws Exception {
    Path backup = dir.resolve("backup");
    String id;
    try (RedisServer redis = RedisServer.start(); TestNode before = TestNode.start(vertx, redis, Map.of())) {
      KinoraClient owner = KinoraClient.signedUp(vertx, before.httpPort());
      id = owner.uploadReady(Clips.shortClip()).getString("id");
      assertEquals(200, owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "public")).statusCode());
      assertEquals(201, owner.postJson("/api/videos/" + id + "/comments", new JsonObject().put("text", "kept")).statusCode());

      Backup.Report saved = Backup.backup(before.config(), backup);

      assertTrue(saved.problems().isEmpty(), saved.problems().toString());
      assertTrue(saved.objects() > 3, "the original, playlists, segments and poster: " + saved.objects());
      owner.close();
    }

    try (RedisServer empty = RedisServer.start()) {
      KinoraConfig fresh = TestNode.config(empty.url(), Map.of("KINORA_S3_PORT", Integer.toString(Ports.free())));

      Backup.Report restored = Backup.restore(fresh, backup);

      assertTrue(restored.problems().isEmpty(), restored.problems().toString());
      assertEquals(1, restored.readyVideos());
      try (TestNode after = TestNode.start(vertx, empty, Map.of(
          "KINORA_DATA_DIR", fresh.dataDir().toString(),
          "KINORA_S3_PORT", Integer.toString(fresh.storage().embeddedPort())))) {
        KinoraClient viewer = new KinoraClient(vertx, after.httpPort());
        JsonObject video = viewer.video(id);
        assertEquals("ready", video.getString("status"));
        assertTrue(viewer.get("/api/videos/" + id + "/comments").bodyAsString().contains("kept"));
        String rendition = video.getJsonArray("renditions").getJsonObject(0).getString("name");
        HttpResponse<Buffer> segment = viewer.get(viewer.firstSegment(id, rendition));
        assertEquals(200, segment.statusCode());
        assertTrue(segment.body().length() > 0);
        viewer.close();
      }
    }
  }

  @Test
  void aRestoreRefusesARedisThatHoldsData(Vertx vertx) throws Exception {
    Path backup = dir.resolve("backup");
    try (RedisServer redis = RedisServer.start(); TestNode node = TestNode.start(vertx, redis, Map.of())) {
      Backup.backup(node.config(), backup);

      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> Backup.restore(node.config(), backup));

      assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
      assertTrue(Files.exists(backup.resolve(Backup.SNAPSHOT)));
    }
  }
}
