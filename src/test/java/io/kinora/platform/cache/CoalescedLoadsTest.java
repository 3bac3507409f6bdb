package io.kinora.platform.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescedLoadsTest {

  private final CoalescedLoads<String> loads = new CoalescedLoads<>();
  private final List<Promise<String>> backendReads = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();

  private Future<String> read(String key) {
    return loads.get(key, () -> {
      Promise<String> read = Promise.promise();
      backendReads.add(read);
      return read.future();
    }, kept::add);
  }

  @Test
  void overlappingReadsOfOneKeyShareOneBackendRead() {
    List<Future<String>> readers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      readers.add(read("video"));
    }

    backendReads.get(0).complete("record");

    assertEquals(1, backendReads.size());
    readers.forEach(r -> assertEquals("record", r.result()));
    assertEquals(List.of("record"), kept);
  }

  @Test
  void differentKeysAreReadSeparately() {
    read("a");
    read("b");

    assertEquals(2, backendReads.size());
  }

  @Test
  void aReadThatStartsAfterTheLastOneEndedReadsAgain() {
    read("video");
    backendReads.get(0).complete("old");

    read("video");

    assertEquals(2, backendReads.size());
  }

  @Test
  void aReadInFlightWhenTheDataChangedAnswersItsReadersButIsNotKept() {
    Future<String> before = read("video");
    loads.cancel("video");
    Future<String> after = read("video");

    backendReads.get(0).complete("old");
    backendReads.get(1).complete("new");

    assertEquals("old", before.result());
    assertEquals("new", after.result());
    assertEquals(List.of("new"), kept);
  }

  @Test
  void aFailedReadIsNotKeptAndTheNextReadTriesAgain() {
    Future<String> failed = read("video");
    backendReads.get(0).fail(new IllegalStateException("redis down"));

    Future<String> retried = read("video");

    assertTrue(failed.failed());
    assertNotSame(failed, retried);
    assertEquals(2, backendReads.size());
    assertTrue(kept.isEmpty());
  }

  @Test
  void aLoaderThatThrowsFailsItsReadersInsteadOfThrowing() {
    AtomicInteger calls = new AtomicInteger();
    Future<String> result = loads.get("video", () -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("bad key");
    }, kept::add);

    assertTrue(result.failed());
    assertEquals(1, calls.get());
  }
}
