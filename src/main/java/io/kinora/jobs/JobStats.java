package io.kinora.jobs;

import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Jobs ended per minute, cluster-wide, for the administrators' charts of the last hour: how many
 * became ready and how many failed, and how long each ready one took from its upload's creation.
 * {@link JobQueue}'s finishing script counts them in the same step that ends the job; they are
 * kept in Redis for two hours, so every node answers the same and a restart loses nothing.
 */
final class JobStats {

  static final int MAX_MINUTES = 120;
  static final long KEEP_MILLIS = (MAX_MINUTES + 5) * 60_000L;
  /** Ready times kept per minute: plenty for a median, bounded whatever the load. */
  static final int SAMPLES_PER_MINUTE = 200;

  private final RedisStore redis;

  JobStats(RedisStore redis) {
    this.redis = redis;
  }

  /** The last {@code minutes} minutes, oldest first: {at, ready, failed, medianSecondsToReady|null}. */
  Future<JsonArray> lastMinutes(int minutes) {
    long current = System.currentTimeMillis() / 60_000;
    List<Long> range = new ArrayList<>();
    for (long m = current - minutes + 1; m <= current; m++) {
      range.add(m);
    }
    List<Future<Response>> counts = new ArrayList<>();
    List<Future<Response>> samples = new ArrayList<>();
    for (long m : range) {
      counts.add(redis.api().hgetall(RedisKeys.jobStats(m)));
      samples.add(redis.api().lrange(RedisKeys.jobReadySeconds(m), "0", "-1"));
    }
    return Future.all(Future.all(counts), Future.all(samples)).map(done -> {
      JsonArray series = new JsonArray();
      for (int i = 0; i < range.size(); i++) {
        Map<String, String> count = Replies.hash(counts.get(i).result());
        List<Double> seconds = new ArrayList<>();
        Replies.strings(samples.get(i).result()).forEach(s -> seconds.add(Double.parseDouble(s)));
        series.add(new JsonObject()
            .put("at", Instant.ofEpochMilli(range.get(i) * 60_000).toString())
            .put("ready", Integer.parseInt(count.getOrDefault("ready", "0")))
            .put("failed", Integer.parseInt(count.getOrDefault("failed", "0")))
            .put("medianSecondsToReady", median(seconds)));
      }
      return series;
    });
  }

  private static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    Collections.sort(values);
    int mid = values.size() / 2;
    double median = values.size() % 2 == 1 ? values.get(mid) : (values.get(mid - 1) + values.get(mid)) / 2;
    return Math.round(median * 10) / 10.0;
  }
}
