package io.kinora.platform.cache;

import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A small thread-safe least-recently-used map bounded by total weight (entries, bytes...), whose
 * entries may also expire. For node-local copies of data that is cheap to lose.
 */
public final class LruCache<V> {

  private record Entry<V>(V value, long weight, long expiresAtMillis) {
  }

  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final long ttlMillis;
  private final LongSupplier clockMillis;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long weight;

  /**
   * @param ttlMillis how long an entry is served; 0 = until evicted
   */
  public LruCache(long maxWeight, ToLongFunction<V> weigher, long ttlMillis, LongSupplier clockMillis) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
    this.ttlMillis = ttlMillis;
    this.clockMillis = clockMillis;
  }

  /** Bounded by count, never expiring. */
  public static <V> LruCache<V> ofEntries(int maxEntries) {
    return new LruCache<>(maxEntries, v -> 1, 0, System::currentTimeMillis);
  }

  public synchronized V get(String key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (ttlMillis > 0 && entry.expiresAtMillis() <= clockMillis.getAsLong()) {
      remove(key);
      return null;
    }
    return entry.value();
  }

  /** Keeps the value unless it alone weighs more than the whole cache; evicts the least recent. */
  public synchronized void put(String key, V value) {
    long w = weigher.applyAsLong(value);
    if (w > maxWeight) {
      return;
    }
    remove(key);
    entries.put(key, new Entry<>(value, w, ttlMillis > 0 ? clockMillis.getAsLong() + ttlMillis : Long.MAX_VALUE));
    weight += w;
    var eldest = entries.entrySet().iterator();
    while (weight > maxWeight && eldest.hasNext()) {
      weight -= eldest.next().getValue().weight();
      eldest.remove();
    }
  }

  public synchronized void remove(String key) {
    Entry<V> gone = entries.remove(key);
    if (gone != null) {
      weight -= gone.weight();
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long weight() {
    return weight;
  }
}
