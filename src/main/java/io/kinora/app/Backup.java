package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
import io.kinora.platform.redis.RedisHealth;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisSettings;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.EmbeddedS3;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.s3.ObjectStorage.Listed;
import io.kinora.platform.s3.ObjectStorage.Stored;
import io.kinora.video.VideoFields;
import io.kinora.video.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/kinora-backup DIR} and {@code bin/kinora-restore DIR}: a deployment's state is Redis and
 * storage, and a backup is both, consistent with each other.
 * <ul>
 *   <li>Backup: a point-in-time snapshot of Redis ({@code redis-cli --rdb}, which a running Redis
 *   answers like a replica's first sync), then, read from that snapshot, every object it
 *   references: each video's original and its outputs, and the channel pictures. They are copied
 *   to {@code DIR/objects/} and listed in {@code DIR/objects.tsv}. Outputs are immutable once
 *   written (each attempt has its own prefix), so copying them after the snapshot is consistent
 *   with it; an object deleted in between is reported as missing.</li>
 *   <li>Restore, onto an empty deployment (a Redis without keys, a node not running): the
 *   snapshot's keys are moved into the Redis ({@code MIGRATE … COPY} from a temporary server on
 *   the snapshot), the objects are uploaded, then every ready video is checked: each object it
 *   references is back, at its size, and it has a playlist.</li>
 * </ul>
 * With the embedded S3 (no {@code KINORA_S3_ENDPOINT}), a stopped node's storage is served by
 * this tool itself while it runs; a running node's is used as it is.
 */
public final class Backup {

  private static final Logger LOG = LoggerFactory.getLogger(Backup.class);

  static final String SNAPSHOT = "redis.rdb";
  static final String OBJECTS = "objects";
  static final String MANIFEST = "objects.tsv";
  private static final int MIGRATE_BATCH = 200;
  private static final long WAIT_SECONDS = 120;

  /** What a backup or restore did, for the operator. */
  record Report(int keys, int videos, int readyVideos, long objects, long bytes, List<String> problems) {

    String summary(String verb) {
      return verb + " " + keys + " Redis keys (" + videos + " videos, " + readyVideos + " ready) and " + objects
          + " objects (" + bytes / (1024 * 1024) + " MiB)" + (problems.isEmpty() ? "; nothing is missing."
          : "; " + problems.size() + " problems:\n  " + String.join("\n  ", problems));
    }
  }

  private Backup() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !List.of("backup", "restore").contains(args[0])) {
      LOG.error("usage: Backup backup|restore DIR");
      System.exit(2);
    }
    KinoraConfig config = KinoraConfig.load().withDeploymentSecrets();
    Path dir = Path.of(args[1]).toAbsolutePath();
    Report report = "backup".equals(args[0]) ? backup(config, dir) : restore(config, dir);
    String summary = report.summary("backup".equals(args[0]) ? "Backed up" : "Restored");
    if (report.problems().isEmpty()) {
      LOG.info(summary);
    } else {
      LOG.error(summary);
    }
    System.exit(report.problems().isEmpty() ? 0 : 1);
  }

  static Report backup(KinoraConfig config, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path snapshot = dir.resolve(SNAPSHOT);
    Vertx vertx = Vertx.vertx();
    try {
      run(List.of("redis-cli", "-u", primaryUrl(vertx, config.redis()), "--rdb", snapshot.toString()));
      try (Served served = Served.storage(vertx, config); SnapshotServer snap = SnapshotServer.on(vertx, dir)) {
        ObjectStorage storage = served.storage();
        List<String> problems = new ArrayList<>();
        List<VideoOutput> videos = videos(snap.redis());
        List<String> manifest = new ArrayList<>();
        long bytes = 0;
        for (VideoOutput video : videos) {
          List<Listed> outputs = storage.list(ObjectStorage.MEDIA, video.prefix());
          if (outputs.isEmpty() && !video.output().isEmpty()) {
            problems.add("video " + video.id() + ": its output " + video.output() + " is not in storage");
          }
          bytes += copyOut(storage, ObjectStorage.MEDIA, outputs, dir, manifest);
          bytes += copyOut(storage, ObjectStorage.UPLOADS,
              storage.list(ObjectStorage.UPLOADS, ObjectKeys.original(video.id())), dir, manifest);
        }
        bytes += copyOut(storage, ObjectStorage.MEDIA, storage.list(ObjectStorage.MEDIA, "avatars/"), dir, manifest);
        Files.write(dir.resolve(MANIFEST), manifest);
        return new Report(snap.keys().size(), videos.size(), ready(videos), manifest.size(), bytes, problems);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  static Report restore(KinoraConfig config, Path dir) throws Exception {
    if (!Files.isRegularFile(dir.resolve(SNAPSHOT)) || !Files.isRegularFile(dir.resolve(MANIFEST))) {
      throw new IllegalArgumentException(dir + " holds no backup (" + SNAPSHOT + " and " + MANIFEST + ")");
    }
    Vertx vertx = Vertx.vertx();
    RedisStore target = RedisStore.connect(vertx, config.redis());
    try (Served served = Served.storage(vertx, config); SnapshotServer snap = SnapshotServer.on(vertx, dir)) {
      long existing = await(target.api().dbsize()).toLong();
      if (existing > 0) {
        throw new IllegalStateException("Redis already holds " + existing + " keys: restore only into an empty one "
            + "(a new deployment), so nothing there is overwritten");
      }
      List<String> keys = snap.keys();
      URI to = URI.create(primaryUrl(vertx, config.redis()));
      for (int i = 0; i < keys.size(); i += MIGRATE_BATCH) {
        await(snap.redis().api().migrate(migrate(to, keys.subList(i, Math.min(keys.size(), i + MIGRATE_BATCH)))));
      }
      ObjectStorage storage = served.storage();
      storage.ensureBuckets();
      TreeMap<String, Long> mediaSizes = new TreeMap<>();
      long bytes = 0;
      int objects = 0;
      for (String line : Files.readAllLines(dir.resolve(MANIFEST))) {
        String[] f = line.split("\t");
        Path file = dir.resolve(OBJECTS).resolve(f[0]).resolve(f[1]);
        storage.upload(f[0], f[1], file, contentType(f[1]));
        if (f[0].equals(ObjectStorage.MEDIA)) {
          mediaSizes.put(f[1], Long.parseLong(f[2]));
        }
        bytes += Long.parseLong(f[2]);
        objects++;
      }
      List<VideoOutput> videos = videos(target);
      return new Report(keys.size(), videos.size(), ready(videos), objects, bytes, check(videos, storage, mediaSizes));
    } finally {
      target.close();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Every ready video has a playlist, and every object the backup listed for it is back at its size. */
  private static List<String> check(List<VideoOutput> videos, ObjectStorage storage, TreeMap<String, Long> mediaSizes) {
    List<String> problems = new ArrayList<>();
    for (VideoOutput video : videos) {
      if (!video.ready()) {
        continue;
      }
      boolean playlist = false;
      for (Map.Entry<String, Long> object : mediaSizes.subMap(video.prefix(), video.prefix() + Character.MAX_VALUE)
          .entrySet()) {
        Stored stored = storage.stat(ObjectStorage.MEDIA, object.getKey());
        if (stored == null || stored.size() != object.getValue()) {
          problems.add("video " + video.id() + ": " + object.getKey()
              + (stored == null ? " is missing" : " has the wrong size"));
        }
        playlist |= object.getKey().endsWith(".m3u8");
      }
      if (!playlist) {
        problems.add("video " + video.id() + " is ready but has no playlist in storage");
      }
    }
    return problems;
  }

  /** A video as a backup needs it: where its current output is in storage, and whether it is ready. */
  private record VideoOutput(String id, String output, boolean ready) {

    String prefix() {
      return ObjectKeys.outputPrefix(id, output);
    }
  }

  /** Every video in {@code redis}, read in one pass. */
  private static List<VideoOutput> videos(RedisStore redis) {
    List<VideoOutput> videos = new ArrayList<>();
    for (String key : scan(redis, "MATCH", RedisKeys.video("*"), "TYPE", "hash")) {
      Response fields = await(redis.api().hmget(List.of(key, VideoFields.OUTPUT, VideoFields.STATUS)));
      Response output = fields.get(0);
      Response status = fields.get(1);
      videos.add(new VideoOutput(key.substring(key.indexOf('{') + 1, key.lastIndexOf('}')),
          output == null ? "" : output.toString(),
          status != null && VideoStatus.READY.wire().equals(status.toString())));
    }
    return videos;
  }

  private static int ready(List<VideoOutput> videos) {
    return (int) videos.stream().filter(VideoOutput::ready).count();
  }

  /** Every key matching {@code filter} (SCAN's MATCH, TYPE…), a thousand at a time. */
  private static List<String> scan(RedisStore redis, String... filter) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<String> args = new ArrayList<>(List.of(cursor, "COUNT", "1000"));
      args.addAll(List.of(filter));
      Response page = await(redis.api().scan(args));
      cursor = page.get(0).toString();
      page.get(1).forEach(key -> keys.add(key.toString()));
    } while (!"0".equals(cursor));
    return keys;
  }

  private static long copyOut(ObjectStorage storage, String bucket, List<Listed> objects, Path dir, List<String> manifest)
      throws IOException {
    long bytes = 0;
    for (Listed object : objects) {
      Path file = dir.resolve(OBJECTS).resolve(bucket).resolve(object.key()).normalize();
      if (!file.startsWith(dir.resolve(OBJECTS))) {
        throw new IllegalStateException("an object key leaves the backup directory: " + object.key());
      }
      Files.createDirectories(file.getParent());
      storage.download(bucket, object.key(), file);
      manifest.add(bucket + "\t" + object.key() + "\t" + object.size());
      bytes += object.size();
    }
    return bytes;
  }

  private static List<String> migrate(URI to, List<String> keys) {
    List<String> args = new ArrayList<>(List.of(to.getHost(), Integer.toString(to.getPort()), "", "0", "60000", "COPY"));
    String userInfo = to.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? "" : userInfo.substring(0, colon);
      String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
      args.addAll(user.isEmpty() ? List.of("AUTH", password) : List.of("AUTH2", user, password));
    }
    args.add("KEYS");
    args.addAll(keys);
    return args;
  }

  /** The Redis to snapshot or fill: the URL, or with Sentinel the primary the sentinels name (as /health shows it). */
  static String primaryUrl(Vertx vertx, RedisSettings redis) {
    if (!redis.sentinel()) {
      return redis.url();
    }
    RedisStore store = RedisStore.connect(vertx, redis);
    try {
      RedisHealth health = await(store.health());
      if (health.primary() == null) {
        throw new IllegalStateException("no sentinel named the primary " + redis.masterName() + ": "
            + health.sentinelError());
      }
      String userInfo = URI.create(redis.url()).getRawUserInfo();
      return "redis://" + (userInfo == null ? "" : userInfo + "@") + health.primary();
    } finally {
      store.close();
    }
  }

  private static String contentType(String key) {
    return key.endsWith(".m3u8") ? "application/vnd.apple.mpegurl"
        : key.endsWith(".mpd") ? "application/dash+xml"
        : key.endsWith(".jpg") ? "image/jpeg"
        : key.endsWith(".vtt") ? "text/vtt"
        : key.endsWith(".mp4") || key.endsWith(".m4s") ? "video/mp4"
        : "application/octet-stream";
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command.subList(0, 1)) + " failed: " + out.trim());
    }
    return out;
  }

  /** The deployment's storage, served by this tool (the embedded S3 of a stopped node) when needed. */
  private record Served(ObjectStorage storage, EmbeddedS3 embedded) implements AutoCloseable {

    static Served storage(Vertx vertx, KinoraConfig config) throws Exception {
      EmbeddedS3 embedded = null;
      if (config.storage().embedded() && !listening(config.storage().embeddedPort())) {
        embedded = KinoraNode.startEmbeddedS3(config.storage());
      }
      return new Served(new ObjectStorage(vertx, config.storage()), embedded);
    }

    private static boolean listening(int port) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() {
      storage.close();
      if (embedded != null) {
        embedded.stop();
      }
    }
  }

  /** A redis-server of our own on the snapshot, to read it (and move its keys) without touching the deployment's. */
  private record SnapshotServer(Process process, RedisStore redis) implements AutoCloseable {

    static SnapshotServer on(Vertx vertx, Path dir) throws IOException, InterruptedException {
      int port;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--dir", dir.toString(), "--dbfilename", SNAPSHOT, "--save", "", "--appendonly", "no")
          .redirectErrorStream(true).redirectOutput(dir.resolve("snapshot-server.log").toFile()).start();
      RedisStore redis = RedisStore.connect(vertx, "redis://127.0.0.1:" + port);
      try {
        await(answered(vertx, redis, process, 100));
      } catch (IllegalStateException e) {
        redis.close();
        process.destroy();
        throw new IllegalStateException("could not read the snapshot: see " + dir.resolve("snapshot-server.log"), e);
      }
      return new SnapshotServer(process, redis);
    }

    /** Pings until the server answers (it loads the snapshot first), every 100 ms, {@code tries} times. */
    private static Future<Void> answered(Vertx vertx, RedisStore redis, Process process, int tries) {
      return redis.ping().recover(notYet -> tries <= 1 || !process.isAlive()
          ? Future.failedFuture(notYet)
          : vertx.timer(100).compose(t -> answered(vertx, redis, process, tries - 1)));
    }

    List<String> keys() {
      return scan(redis);
    }

    @Override
    public void close() throws InterruptedException {
      redis.close();
      process.destroy();
      process.waitFor();
    }
  }
}
