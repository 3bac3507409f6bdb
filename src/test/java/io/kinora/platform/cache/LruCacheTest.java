package io.kinora.platform.cache;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LruCacheTest {

  private final AtomicLong now = new AtomicLong(1_000);

  private LruCache<String> byLength(long maxBytes, long ttlMillis) {
    return new LruCache<>(maxBytes, String::length, ttlMillis, now::get);
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedWhenTheWeightIsExceeded() {
    LruCache<String> cache = byLength(10, 0);
    cache.put("a", "aaaa");
    cache.put("b", "bbbb");
    cache.get("a");

    cache.put("c", "cccc");

    assertEquals("aaaa", cache.get("a"));
    assertNull(cache.get("b"));
    assertEquals("cccc", cache.get("c"));
    assertEquals(8, cache.weight());
  }

  @Test
  void aValueHeavierThanTheWholeCacheIsNotKept() {
    LruCache<String> cache = byLength(10, 0);
    cache.put("a", "aaaa");

    cache.put("big", "x".repeat(11));

    assertNull(cache.get("big"));
    assertEquals("aaaa", cache.get("a"));
  }

  @Test
  void replacingAnEntryCountsOnlyTheNewValue() {
    LruCache<String> cache = byLength(10, 0);
    cache.put("a", "aaaa");
    cache.put("a", "aa");

    assertEquals(2, cache.weight());
    assertEquals(1, cache.size());
  }

  @Test
  void anEntryExpiresAfterItsTimeToLive() {
    LruCache<String> cache = byLength(10, 500);
    cache.put("a", "aaaa");

    now.addAndGet(499);
    assertEquals("aaaa", cache.get("a"));
    now.addAndGet(1);
    assertNull(cache.get("a"));
    assertEquals(0, cache.weight());
  }

  @Test
  void removeForgetsAnEntryAndItsWeight() {
    LruCache<String> cache = byLength(10, 0);
    cache.put("a", "aaaa");

    cache.remove("a");

    assertNull(cache.get("a"));
    assertEquals(0, cache.weight());
  }
}
