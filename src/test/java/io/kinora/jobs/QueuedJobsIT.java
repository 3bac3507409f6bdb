package io.kinora.jobs;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** On a node that never transcodes, jobs stay queued: administrators see them next first. */
@KinoraTest(group = "jobs-queued", settings = "KINORA_TRANSCODE_SLOTS=0")
class QueuedJobsIT {

  static KinoraClient client;

  @Test
  void queuedJobsAreListedNextFirstWithTheQueueDepth() throws Exception {
    String first = client.upload(Clips.shortClip());
    String second = client.upload(Clips.shortClip());

    JsonObject listed = client.get("/api/admin/jobs?state=queued").bodyAsJsonObject();

    List<String> ids = listed.getJsonArray("items").stream().map(j -> ((JsonObject) j).getString("videoId")).toList();
    assertEquals(List.of(first, second), ids.subList(ids.indexOf(first), ids.indexOf(first) + 2));
    assertEquals("queued", listed.getJsonArray("items").getJsonObject(ids.indexOf(first)).getString("status"));
    JsonObject cluster = client.get("/api/admin/cluster").bodyAsJsonObject();
    assertEquals(listed.getLong("total"), cluster.getLong("queueDepth"));
    assertEquals(0, cluster.getJsonArray("nodes").getJsonObject(0).getInteger("slots"));
  }
}
