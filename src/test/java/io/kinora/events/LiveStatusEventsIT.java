package io.kinora.events;

import io.kinora.support.Clips;
import io.kinora.support.NodeFixture;
import io.kinora.support.SseReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SSE at {@code /api/videos/{id}/events}, as the contract describes it. */
@ExtendWith(VertxExtension.class)
class LiveStatusEventsIT {

  private static final Duration QUICK = Duration.ofSeconds(3);
  private static NodeFixture fixture;
  private static Vertx vertx;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    fixture = NodeFixture.start(vertx, Map.of("KINORA_SSE_HEARTBEAT_SECONDS", "1"));
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private SseReader open(String id, String lastEventId) {
    return SseReader.open(vertx, fixture.node.httpPort(), "/api/videos/" + id + "/events", lastEventId);
  }

  @Test
  void firstEventIsTheCurrentStateRightAfterConnecting() throws Exception {
    String id = fixture.client.createUpload("later.mp4", 1000).getString("id");

    try (SseReader sse = open(id, null)) {
      SseReader.Event first = sse.next(QUICK);
      assertEquals("status", first.name());
      assertEquals("1", first.id());
      assertEquals("awaiting_upload", first.json().getString("status"));
    }
  }

  @Test
  void idleStreamGetsHeartbeatComments() throws Exception {
    String id = fixture.client.createUpload("idle.mp4", 1000).getString("id");

    try (SseReader sse = open(id, null)) {
      sse.next(QUICK);
      assertEquals("comment", sse.next(QUICK).name());
    }
  }

  @Test
  void eventsArriveInOrderThroughProcessingAndTheStreamEndsAtReady() throws Exception {
    Path clip = Clips.mp4(clips, "ordered.mp4", 640, 360, 4);
    JsonObject created = fixture.client.createUpload("ordered.mp4", Files.size(clip));
    String id = created.getString("id");

    try (SseReader sse = open(id, null)) {
      assertEquals("awaiting_upload", sse.next(QUICK).json().getString("status"));
      fixture.client.putToStorage(created.getString("uploadUrl"), clip);
      fixture.client.post("/api/videos/" + id + "/complete");
      List<SseReader.Event> events = sse.untilEnd(Duration.ofSeconds(90));

      List<String> statuses = events.stream().map(e -> e.json().getString("status")).distinct().toList();
      assertEquals(List.of("queued", "processing", "ready"), statuses);
      long previous = 1;
      for (SseReader.Event event : events) {
        long seq = Long.parseLong(event.id());
        assertTrue(seq > previous, "ids must increase: " + events);
        previous = seq;
      }
      SseReader.Event last = events.get(events.size() - 1);
      assertEquals("status", last.name());
      assertEquals(100, last.json().getInteger("progress"));
      assertTrue(events.stream().anyMatch(e -> e.name().equals("progress")), "progress events expected: " + events);
    }
  }

  @Test
  void lastEventIdResumesAfterWhatTheClientSaw() throws Exception {
    String id = fixture.client.upload(Clips.mp4(clips, "resume.mp4", 320, 240, 1));
    JsonObject ready = fixture.client.awaitDone(id, Duration.ofSeconds(60));
    assertEquals("ready", ready.getString("status"));
    long lastSeq;
    try (SseReader sse = open(id, null)) {
      List<SseReader.Event> all = sse.untilEnd(QUICK);
      assertEquals(1, all.size(), "a finished video sends its state once and ends: " + all);
      lastSeq = Long.parseLong(all.get(0).id());
    }

    try (SseReader resumed = open(id, Long.toString(lastSeq - 1))) {
      List<SseReader.Event> events = resumed.untilEnd(QUICK);
      assertEquals(1, events.size());
      assertEquals(Long.toString(lastSeq), events.get(0).id());
    }
    try (SseReader upToDate = open(id, Long.toString(lastSeq))) {
      assertNull(upToDate.next(QUICK), "nothing newer than Last-Event-ID: the stream just ends");
    }
  }

  @Test
  void streamOfAVideoThatIsDeletedEndsAtTheNextHeartbeat() throws Exception {
    String id = fixture.client.createUpload("doomed.mp4", 1000).getString("id");

    try (SseReader sse = open(id, null)) {
      sse.next(QUICK);
      assertEquals(204, fixture.client.delete("/api/videos/" + id).statusCode());
      List<SseReader.Event> rest = sse.untilEnd(QUICK);

      assertEquals("deleted", rest.get(rest.size() - 1).name());
    }
  }

  @Test
  void unknownVideoAnswers404WithJson() {
    var response = fixture.client.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA/events");

    assertEquals(404, response.statusCode());
    assertTrue(response.bodyAsJsonObject().containsKey("error"));
  }
}
