package io.kinora.video;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VideoCacheTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";

  private final AtomicLong now = new AtomicLong(0);
  private final VideoCache cache = new VideoCache(now::get);
  private final List<Promise<Video>> redisReads = new ArrayList<>();

  private Future<Video> find() {
    return cache.find(ID, id -> {
      Promise<Video> read = Promise.promise();
      redisReads.add(read);
      return read.future();
    });
  }

  private static Video video(VideoStatus status, String title) {
    return Video.fromHash(Map.of("id", ID, "status", status.wire(), "title", title, "visibility", "unlisted"));
  }

  /** Reads once from "Redis", answering with {@code video}; returns what the cache answered. */
  private Video readThrough(Video video) {
    Future<Video> answer = find();
    if (!answer.isComplete()) {
      redisReads.get(redisReads.size() - 1).complete(video);
    }
    return answer.result();
  }

  @Test
  void aReadyVideoIsReadFromRedisOnceThenFromMemory() {
    readThrough(video(VideoStatus.READY, "talk"));

    Video second = readThrough(video(VideoStatus.READY, "never read"));

    assertEquals(1, redisReads.size());
    assertEquals("talk", second.title());
  }

  @Test
  void aFailedVideoIsKeptToo() {
    readThrough(video(VideoStatus.FAILED, "broken"));
    readThrough(video(VideoStatus.FAILED, "broken"));

    assertEquals(1, redisReads.size());
  }

  @Test
  void aVideoStillProcessingIsReadFromRedisEveryTime() {
    readThrough(video(VideoStatus.PROCESSING, "talk"));
    readThrough(video(VideoStatus.PROCESSING, "talk"));

    assertEquals(2, redisReads.size());
  }

  @Test
  void anUnknownIdIsNotRemembered() {
    assertNull(readThrough(null));
    readThrough(null);

    assertEquals(2, redisReads.size());
  }

  @Test
  void anAnnouncedChangeIsReadFromRedisAgain() {
    readThrough(video(VideoStatus.READY, "old title"));

    cache.invalidate(ID);
    Video after = readThrough(video(VideoStatus.READY, "new title"));

    assertEquals("new title", after.title());
    assertEquals(2, redisReads.size());
  }

  @Test
  void aReadInFlightDuringAChangeIsNotKept() {
    Future<Video> before = find();
    cache.invalidate(ID);
    redisReads.get(0).complete(video(VideoStatus.READY, "old title"));

    Video next = readThrough(video(VideoStatus.READY, "new title"));

    assertEquals("old title", before.result().title());
    assertEquals("new title", next.title());
  }

  @Test
  void aReadThatOverlapsAnyAnnouncedChangeIsNotKept() {
    Future<Video> before = find();
    cache.invalidate("BBBBBBBBBBBBBBBBBBBBBB");
    redisReads.get(0).complete(video(VideoStatus.READY, "talk"));

    readThrough(video(VideoStatus.READY, "talk"));

    assertEquals("talk", before.result().title());
    assertEquals(2, redisReads.size(), "read again: the first read was not kept");
  }

  @Test
  void aKeptVideoIsReadAgainAfterItsTimeToLive() {
    readThrough(video(VideoStatus.READY, "talk"));

    now.addAndGet(VideoCache.TTL_MILLIS);
    readThrough(video(VideoStatus.READY, "talk"));

    assertEquals(2, redisReads.size());
  }
}
