package io.kinora.events;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.SseReader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSE at {@code /api/videos/{id}/events}, as the contract describes it. The test node sends a
 * heartbeat every second, so idle streams and deleted videos show within {@link #QUICK}.
 */
@KinoraTest
class LiveStatusEventsIT {

  private static final Duration QUICK = Duration.ofSeconds(3);

  static KinoraClient client;

  @TempDir
  static Path clips;

  private SseReader open(String id, String lastEventId) {
    return client.events(id, lastEventId);
  }

  @Test
  void firstEventIsTheCurrentStateRightAfterConnecting() throws Exception {
    String id = client.createUpload("later.mp4", 1000).getString("id");

    try (SseReader sse = open(id, null)) {
      SseReader.Event first = sse.next(QUICK);
      assertEquals("status", first.name());
      assertEquals("1", first.id());
      assertEquals("awaiting_upload", first.json().getString("status"));
    }
  }

  @Test
  void idleStreamGetsHeartbeatComments() throws Exception {
    String id = client.createUpload("idle.mp4", 1000).getString("id");

    try (SseReader sse = open(id, null)) {
      sse.next(QUICK);
      assertEquals("comment", sse.next(QUICK).name());
    }
  }

  @Test
  void eventsArriveInOrderThroughProcessingAndTheStreamEndsAtReady() throws Exception {
    Path clip = Clips.mp4(clips, "ordered.mp4", 640, 360, 4);
    JsonObject created = client.createUpload("ordered.mp4", Files.size(clip));
    String id = created.getString("id");

    try (SseReader sse = open(id, null)) {
      assertEquals("awaiting_upload", sse.nextEvent(QUICK).json().getString("status"));
      client.putToStorage(created.getString("uploadUrl"), clip);
      client.post("/api/videos/" + id + "/complete");
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
  void manyViewersOfOneVideoEachGetEveryEventOnceAndInOrder() throws Exception {
    Path clip = Clips.mp4(clips, "crowd.mp4", 320, 240, 2);
    JsonObject created = client.createUpload("crowd.mp4", Files.size(clip));
    String id = created.getString("id");
    List<SseReader> viewers = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        SseReader viewer = open(id, null);
        assertEquals("awaiting_upload", viewer.nextEvent(QUICK).json().getString("status"));
        viewers.add(viewer);
      }
      client.putToStorage(created.getString("uploadUrl"), clip);
      client.post("/api/videos/" + id + "/complete");

      List<String> first = null;
      for (SseReader viewer : viewers) {
        List<SseReader.Event> events = viewer.untilEnd(Duration.ofSeconds(90));
        List<String> ids = events.stream().map(SseReader.Event::id).toList();
        assertEquals(ids.stream().distinct().sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList(), ids,
            "each event once, in order");
        assertEquals("ready", events.get(events.size() - 1).json().getString("status"));
        // every viewer ends on the same last event; the earlier ones may differ by what a
        // heartbeat caught up with, but none is missing the end
        first = first == null ? ids : first;
        assertEquals(first.get(first.size() - 1), ids.get(ids.size() - 1));
      }
    } finally {
      for (SseReader viewer : viewers) {
        viewer.close();
      }
    }
  }

  @Test
  void lastEventIdResumesAfterWhatTheClientSaw() throws Exception {
    String id = client.uploadReady(Clips.shortClip()).getString("id");
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
    String id = client.createUpload("doomed.mp4", 1000).getString("id");

    try (SseReader sse = open(id, null)) {
      sse.next(QUICK);
      assertEquals(204, client.delete("/api/videos/" + id).statusCode());
      List<SseReader.Event> rest = sse.untilEnd(QUICK);

      assertEquals("deleted", rest.get(rest.size() - 1).name());
    }
  }

  @Test
  void unknownVideoAnswers404WithJson() {
    var response = client.get("/api/videos/AAAAAAAAAAAAAAAAAAAAAA/events");

    assertEquals(404, response.statusCode());
    assertTrue(response.bodyAsJsonObject().containsKey("error"));
  }
}
