package io.kinora.video;

import io.kinora.platform.cache.CoalescedLoads;
import io.kinora.platform.cache.LruCache;
import io.vertx.core.Future;

import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * This node's copy of finished video records, for the read paths a crowd of viewers hits: a
 * shared link to a ready video costs Redis nothing after the first request. Only ready and failed
 * videos are kept: they change only when someone edits or deletes them, and every such change is
 * announced ({@link VideoChanges}), here at once and on other nodes over the event bus. Entries
 * also expire after {@link #TTL_MILLIS}, a bound on staleness should an announcement be lost.
 * <p>
 * Reads of the same video that overlap share one Redis read, whatever its status, so a burst of
 * viewers of a video still processing costs one read per round trip rather than one per viewer.
 * A read that was in flight when the video changed is never kept.
 */
public final class VideoCache {

  static final int CAPACITY = 4096;
  static final long TTL_MILLIS = 30_000;

  private final LruCache<Video> kept;
  private final CoalescedLoads<Video> loads = new CoalescedLoads<>();
  /** Counts announced changes, of any video; guarded by this. */
  private long generation;

  public VideoCache() {
    this(System::currentTimeMillis);
  }

  VideoCache(LongSupplier clockMillis) {
    this.kept = new LruCache<>(CAPACITY, video -> 1, TTL_MILLIS, clockMillis);
  }

  /** The video (null when there is none), from this node's copy or through {@code load}. */
  public Future<Video> find(String id, Function<String, Future<Video>> load) {
    Video video = kept.get(id);
    if (video != null) {
      return Future.succeededFuture(video);
    }
    return loads.get(id, () -> {
      long before = generation();
      return load.apply(id).onSuccess(found -> keepIfUnchanged(id, found, before));
    }, found -> { });
  }

  /** Forgets the video here, and makes any read of it now in flight unkeepable. */
  public synchronized void invalidate(String id) {
    // a read that began before this may already be past the point where it could be cancelled
    generation++;
    loads.cancel(id);
    kept.remove(id);
  }

  private synchronized long generation() {
    return generation;
  }

  /** Keeps a finished video read from Redis, unless any change was announced since the read began. */
  private synchronized void keepIfUnchanged(String id, Video found, long before) {
    if (generation == before && found != null && found.status().terminal()) {
      kept.put(id, found);
    }
  }
}
