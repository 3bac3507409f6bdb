package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
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

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      System.err.println("usage: Backup backup|restore DIR");
      System.exit(2);
    }
    KinoraConfig config = KinoraConfig.load().withDeploymentSecrets();
    Path dir = Path.of(args[1]).toAbsolutePath();
    Report report = "backup".equals(args[0]) ? backup(config, dir) : restore(config, dir);
    System.out.println(report.summary("backup".equals(args[0]) ? "Backed up" : "Restored"));
    System.exit(report.problems().isEmpty() ? 0 : 1);
  }

  static Report backup(KinoraConfig config, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path snapshot = dir.resolve(SNAPSHOT);
    run(List.of("redis-cli", "-u", primaryUrl(config.redis()), "--rdb", snapshot.toString()));
    Vertx vertx = Vertx.vertx();
    try (Served served = Served.storage(vertx, config); SnapshotServer snap = SnapshotServer.on(vertx, dir)) {
      ObjectStorage storage = served.storage();
      List<String> problems = new ArrayList<>();
      Map<String, String> videos = videoOutputs(snap.redis());
      List<String> manifest = new ArrayList<>();
      long bytes = 0;
      for (Map.Entry<String, String> video : videos.entrySet()) {
        String id = video.getKey();
        List<Listed> outputs = storage.list(ObjectStorage.MEDIA, ObjectKeys.outputPrefix(id, video.getValue()));
        if (outputs.isEmpty() && !video.getValue().isEmpty()) {
          problems.add("video " + id + ": its output " + video.getValue() + " is not in storage");
        }
        bytes += copyOut(storage, ObjectStorage.MEDIA, outputs, dir, manifest);
        bytes += copyOut(storage, ObjectStorage.UPLOADS, storage.list(ObjectStorage.UPLOADS, ObjectKeys.original(id)),
            dir, manifest);
      }
      bytes += copyOut(storage, ObjectStorage.MEDIA, storage.list(ObjectStorage.MEDIA, "avatars/"), dir, manifest);
      Files.write(dir.resolve(MANIFEST), manifest);
      int ready = readyVideos(snap.redis()).size();
      return new Report(snap.keys().size(), videos.size(), ready, manifest.size(), bytes, problems);
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
      URI to = URI.create(primaryUrl(config.redis()));
      for (int i = 0; i < keys.size(); i += MIGRATE_BATCH) {
        await(snap.redis().api().migrate(migrate(to, keys.subList(i, Math.min(keys.size(), i + MIGRATE_BATCH)))));
      }
      ObjectStorage storage = served.storage();
      storage.ensureBuckets();
      Map<String, Long> sizes = new LinkedHashMap<>();
      long bytes = 0;
      for (String line : Files.readAllLines(dir.resolve(MANIFEST))) {
        String[] f = line.split("\t");
        Path file = dir.resolve(OBJECTS).resolve(f[0]).resolve(f[1]);
        storage.upload(f[0], f[1], file, contentType(f[1]));
        sizes.put(f[0] + "/" + f[1], Long.parseLong(f[2]));
        bytes += Long.parseLong(f[2]);
      }
      List<String> problems = check(target, storage, sizes);
      Map<String, String> videos = videoOutputs(target);
      return new Report(keys.size(), videos.size(), readyVideos(target).size(), sizes.size(), bytes, problems);
    } finally {
      target.close();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Every ready video has a playlist, and every object the backup listed for it is back at its size. */
  private static List<String> check(RedisStore redis, ObjectStorage storage, Map<String, Long> sizes) {
    List<String> problems = new ArrayList<>();
    Map<String, String> outputs = videoOutputs(redis);
    for (String id : readyVideos(redis)) {
      String prefix = ObjectStorage.MEDIA + "/" + ObjectKeys.outputPrefix(id, outputs.get(id));
      boolean playlist = false;
      for (Map.Entry<String, Long> object : sizes.entrySet()) {
        if (!object.getKey().startsWith(prefix)) {
          continue;
        }
        String key = object.getKey().substring(ObjectStorage.MEDIA.length() + 1);
        Stored stored = storage.stat(ObjectStorage.MEDIA, key);
        if (stored == null || stored.size() != object.getValue()) {
          problems.add("video " + id + ": " + key + (stored == null ? " is missing" : " has the wrong size"));
        }
        playlist |= key.endsWith(".m3u8");
      }
      if (!playlist) {
        problems.add("video " + id + " is ready but has no playlist in storage");
      }
    }
    return problems;
  }

  /** Each video's ID and output prefix (empty for videos made before per-attempt outputs). */
  private static Map<String, String> videoOutputs(RedisStore redis) {
    Map<String, String> videos = new LinkedHashMap<>();
    for (String key : scan(redis, RedisKeys.video("*"))) {
      String id = key.substring(key.indexOf('{') + 1, key.lastIndexOf('}'));
      Response output = await(redis.api().hget(key, VideoFields.OUTPUT));
      videos.put(id, output == null ? "" : output.toString());
    }
    return videos;
  }

  private static List<String> readyVideos(RedisStore redis) {
    List<String> ready = new ArrayList<>();
    for (String key : scan(redis, RedisKeys.video("*"))) {
      Response status = await(redis.api().hget(key, VideoFields.STATUS));
      if (status != null && VideoStatus.READY.wire().equals(status.toString())) {
        ready.add(key.substring(key.indexOf('{') + 1, key.lastIndexOf('}')));
      }
    }
    return ready;
  }

  private static List<String> scan(RedisStore redis, String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      Response page = await(redis.api().scan(List.of(cursor, "MATCH", pattern, "COUNT", "1000", "TYPE", "hash")));
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

  /** The Redis to snapshot or fill: the URL, or with Sentinel the primary the first answering sentinel names. */
  static String primaryUrl(RedisSettings redis) throws IOException, InterruptedException {
    if (!redis.sentinel()) {
      return redis.url();
    }
    URI url = URI.create(redis.url());
    String credentials = url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@";
    for (String sentinel : redis.sentinels()) {
      int colon = sentinel.lastIndexOf(':');
      List<String> answer = run(List.of("redis-cli", "-h", sentinel.substring(0, colon), "-p",
          sentinel.substring(colon + 1), "SENTINEL", "get-master-addr-by-name", redis.masterName())).lines().toList();
      if (answer.size() == 2) {
        return "redis://" + credentials + answer.get(0) + ":" + answer.get(1);
      }
    }
    throw new IllegalStateException("no sentinel of " + redis.sentinels() + " named the primary " + redis.masterName());
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
      for (int i = 0; ; i++) {
        try {
          redis.ping().await(2, TimeUnit.SECONDS);
          break;
        } catch (Exception notYet) {
          if (i == 100 || !process.isAlive()) {
            process.destroy();
            throw new IllegalStateException("could not read the snapshot: see " + dir.resolve("snapshot-server.log"));
          }
          Thread.sleep(100);
        }
      }
      return new SnapshotServer(process, redis);
    }

    List<String> keys() {
      List<String> keys = new ArrayList<>();
      String cursor = "0";
      do {
        Response page = await(redis.api().scan(List.of(cursor, "COUNT", "1000")));
        cursor = page.get(0).toString();
        page.get(1).forEach(key -> keys.add(key.toString()));
      } while (!"0".equals(cursor));
      return keys;
    }

    @Override
    public void close() throws InterruptedException {
      redis.close();
      process.destroy();
      process.waitFor();
    }
  }
}
