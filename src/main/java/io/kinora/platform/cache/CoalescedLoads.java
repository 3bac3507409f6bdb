package io.kinora.platform.cache;

import io.kinora.platform.async.Futures;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads of the same key that overlap share one backend read: a thousand viewers arriving at once
 * cost one round trip. A load that was {@link #cancel cancelled} while in flight (its data
 * changed) still answers the readers that joined it, but its result is not handed on to be kept.
 */
public final class CoalescedLoads<V> {

  private final Map<String, Future<V>> running = new ConcurrentHashMap<>();

  /**
   * The running load of {@code key}, or a new one from {@code load}; when a new one succeeds
   * without having been cancelled, {@code keep} gets its value (to cache it).
   */
  public Future<V> get(String key, Supplier<Future<V>> load, Consumer<V> keep) {
    Promise<V> mine = Promise.promise();
    Future<V> joined = running.putIfAbsent(key, mine.future());
    if (joined != null) {
      return Futures.onCallersContext(joined);
    }
    Future<V> loading;
    try {
      loading = load.get();
    } catch (RuntimeException e) {
      loading = Future.failedFuture(e);
    }
    loading.onComplete(result -> {
      if (running.remove(key, mine.future()) && result.succeeded()) {
        keep.accept(result.result());
      }
      mine.handle(result);
    });
    return mine.future();
  }

  /** The data of {@code key} changed: a load now in flight must not be kept, and later reads start afresh. */
  public void cancel(String key) {
    running.remove(key);
  }
}
