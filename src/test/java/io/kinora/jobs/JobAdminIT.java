package io.kinora.jobs;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Administrators see the jobs (running with their node and progress, failed with the reason,
 * node and attempts), run a failed one again, and see the nodes. Everyone else is refused. The
 * class's client is the node's first account, so its administrator.
 */
@KinoraTest(group = "jobs-admin")
class JobAdminIT {

  static KinoraClient client;
  static TestNode node;

  private static JsonArray items(String state) {
    HttpResponse<Buffer> listed = client.get("/api/admin/jobs?state=" + state);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject().getJsonArray("items");
  }

  private static JsonObject jobIn(String state, String id) {
    return items(state).stream().map(JsonObject.class::cast).filter(j -> id.equals(j.getString("videoId")))
        .findFirst().orElse(null);
  }

  private static JsonObject await(String what, Supplier<JsonObject> probe,
                                  Predicate<JsonObject> done) throws InterruptedException {
    return Await.until(KinoraClient.PROCESSING, what, probe::get, last -> last != null && done.test(last));
  }

  private static String uploadNotAVideo() throws Exception {
    byte[] noise = new byte[50_000];
    new Random(7).nextBytes(noise);
    Path file = Files.write(Files.createTempFile("not-a-video-", ".mp4"), noise);
    return client.upload(file);
  }

  @Test
  void aFailedJobIsListedWithItsReasonNodeAndAttempts() throws Exception {
    String id = uploadNotAVideo();
    JsonObject video = client.awaitDone(id);
    assertEquals("failed", video.getString("status"));

    JsonObject job = jobIn("failed", id);

    assertEquals(video.getString("error"), job.getString("error"));
    assertEquals(1, job.getInteger("attempts"), "bad input is not retried");
    assertTrue(job.getString("node") != null && !job.getString("node").isBlank(), job.encode());
    assertEquals(client.username(), job.getJsonObject("owner").getString("username"));
    assertTrue(job.getString("log").toLowerCase().contains("ffprobe") || job.getString("log").contains("Invalid"),
        "what the tool said is kept for the administrator: " + job.getString("log"));
  }

  @Test
  void retryingAFailedJobRunsItAgain() throws Exception {
    String id = uploadNotAVideo();
    client.awaitDone(id);
    String before = client.video(id).getString("updatedAt");

    HttpResponse<Buffer> retried = client.post("/api/admin/jobs/" + id + "/retry");

    assertEquals(202, retried.statusCode(), retried.bodyAsString());
    assertEquals("queued", retried.bodyAsJsonObject().getString("status"));
    // it runs again (and fails again, being no video): a new run, so a new failure
    JsonObject again = await("the retried job to fail again", () -> client.video(id),
        v -> "failed".equals(v.getString("status")) && !before.equals(v.getString("updatedAt")));
    assertTrue(again.getString("error").length() > 10);
    assertEquals(1, jobIn("failed", id).getInteger("attempts"), "attempts start again from zero");
  }

  @Test
  void onlyAFailedJobCanBeRetried() throws Exception {
    String id = client.upload(Clips.shortClip());
    client.awaitReady(id);
    assertEquals(409, client.post("/api/admin/jobs/" + id + "/retry").statusCode());
    assertEquals(404, client.post("/api/admin/jobs/AAAAAAAAAAAAAAAAAAAAAA/retry").statusCode());
  }

  @Test
  void aRunningJobShowsItsNodeAndProgressInTheJobsAndTheCluster() throws Exception {
    Path clip = Clips.mp4(Files.createTempDirectory("kinora-admin-"), "long.mp4", 640, 360, 20);
    String id = client.upload(clip);

    JsonObject job = await("the job to run", () -> jobIn("running", id), j -> j.getString("node") != null);
    assertEquals("processing", job.getString("status"));
    JsonObject cluster = client.get("/api/admin/cluster").bodyAsJsonObject();
    JsonObject self = cluster.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("id").equals(job.getString("node"))).findFirst()
        .orElseThrow(() -> new AssertionError("the running node is not in " + cluster.encode()));
    assertEquals(1, self.getInteger("slots"));
    assertTrue(self.getString("address").endsWith(":" + node.httpPort()), self.encode());
    assertTrue(cluster.containsKey("queueDepth"));
    await("the cluster view to list the job with progress", () -> client.get("/api/admin/cluster").bodyAsJsonObject(),
        c -> c.encode().contains(id));
    client.awaitReady(id);
  }

  @Test
  void jobsEndedThisMinuteAreCountedWithTheirTimeToReady() throws Exception {
    JsonArray before = client.get("/api/admin/stats?minutes=5").bodyAsJsonObject().getJsonArray("minutes");
    int readyBefore = before.stream().mapToInt(m -> ((JsonObject) m).getInteger("ready")).sum();
    int failedBefore = before.stream().mapToInt(m -> ((JsonObject) m).getInteger("failed")).sum();

    client.uploadReady(Clips.shortClip());
    client.awaitDone(uploadNotAVideo());

    JsonArray after = client.get("/api/admin/stats?minutes=5").bodyAsJsonObject().getJsonArray("minutes");
    assertEquals(5, after.size());
    assertEquals(readyBefore + 1, after.stream().mapToInt(m -> ((JsonObject) m).getInteger("ready")).sum());
    assertEquals(failedBefore + 1, after.stream().mapToInt(m -> ((JsonObject) m).getInteger("failed")).sum());
    JsonObject last = after.getJsonObject(after.size() - 1).getInteger("ready") > 0
        ? after.getJsonObject(after.size() - 1) : after.getJsonObject(after.size() - 2);
    double median = last.getDouble("medianSecondsToReady");
    assertTrue(median > 0 && median < KinoraClient.PROCESSING.toSeconds(), last.encode());
    assertEquals(400, client.get("/api/admin/stats?minutes=500").statusCode());
  }

  @Test
  void aStateOutsideTheThreeIsRefused() {
    assertEquals(400, client.get("/api/admin/jobs?state=done").statusCode());
    assertEquals(400, client.get("/api/admin/jobs").statusCode());
  }

  @Test
  void nonAdministratorsAreRefused() {
    KinoraClient user = KinoraClient.signedUp(client.vertx(), client.port());
    KinoraClient stranger = new KinoraClient(client.vertx(), client.port());
    for (String path : new String[] {"/api/admin/jobs?state=failed", "/api/admin/cluster", "/api/admin/stats"}) {
      assertEquals(403, user.get(path).statusCode(), path);
      assertEquals(401, stranger.get(path).statusCode(), path);
    }
    assertEquals(403, user.post("/api/admin/jobs/AAAAAAAAAAAAAAAAAAAAAA/retry").statusCode());
  }
}
