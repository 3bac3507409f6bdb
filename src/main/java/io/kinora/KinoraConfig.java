package io.kinora;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a node, read once at start and typed. Sources, later ones winning:
 * {@code conf/kinora.json} inside the jar, the file named by {@code KINORA_CONFIG_FILE},
 * environment variables of the same names, then explicit overrides (tests).
 */
public record KinoraConfig(
    int httpPort,
    Path dataDir,
    String redisUrl,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    int s3Port,
    String s3PublicEndpoint,
    String s3Region,
    String signingSecret,
    int playbackTtlSeconds,
    String webhookToken,
    String clusterHost,
    List<String> clusterMembers,
    int clusterPort,
    int transcodeSlots,
    List<Integer> ladder,
    int segmentSeconds,
    String x264Preset,
    long maxUploadBytes,
    long maxDurationSeconds,
    int maxDimension,
    int uploadUrlTtlSeconds,
    int jobLeaseSeconds,
    int jobMaxAttempts,
    int sseHeartbeatSeconds,
    String corsOrigins,
    String ffmpegDir) {

  private static final String DEFAULTS = "conf/kinora.json";

  public static KinoraConfig load() {
    return load(Map.of());
  }

  public static KinoraConfig load(Map<String, String> overrides) {
    JsonObject merged = readDefaults();
    String file = firstNonBlank(overrides.get("KINORA_CONFIG_FILE"), System.getenv("KINORA_CONFIG_FILE"));
    if (file != null) {
      merged.mergeIn(readFile(Path.of(file)));
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(overrides);
    for (String key : merged.fieldNames().toArray(String[]::new)) {
      String value = env.get(key);
      if (value != null) {
        merged.put(key, value);
      }
    }
    return fromJson(merged);
  }

  static KinoraConfig fromJson(JsonObject c) {
    String s3Endpoint = str(c, "KINORA_S3_ENDPOINT");
    return new KinoraConfig(
        integer(c, "KINORA_HTTP_PORT"),
        Path.of(str(c, "KINORA_DATA_DIR")).toAbsolutePath().normalize(),
        str(c, "KINORA_REDIS_URL"),
        s3Endpoint,
        str(c, "KINORA_S3_ACCESS_KEY"),
        str(c, "KINORA_S3_SECRET_KEY"),
        integer(c, "KINORA_S3_PORT"),
        str(c, "KINORA_S3_PUBLIC_ENDPOINT"),
        str(c, "KINORA_S3_REGION"),
        str(c, "KINORA_SIGNING_SECRET"),
        positive(c, "KINORA_PLAYBACK_TTL_SECONDS"),
        str(c, "KINORA_WEBHOOK_TOKEN"),
        str(c, "KINORA_CLUSTER_HOST"),
        list(str(c, "KINORA_CLUSTER_MEMBERS")),
        integer(c, "KINORA_CLUSTER_PORT"),
        integer(c, "KINORA_TRANSCODE_SLOTS"),
        ladder(c),
        positive(c, "KINORA_SEGMENT_SECONDS"),
        str(c, "KINORA_X264_PRESET"),
        longValue(c, "KINORA_MAX_UPLOAD_BYTES"),
        longValue(c, "KINORA_MAX_DURATION_SECONDS"),
        positive(c, "KINORA_MAX_DIMENSION"),
        positive(c, "KINORA_UPLOAD_URL_TTL_SECONDS"),
        positive(c, "KINORA_JOB_LEASE_SECONDS"),
        positive(c, "KINORA_JOB_MAX_ATTEMPTS"),
        positive(c, "KINORA_SSE_HEARTBEAT_SECONDS"),
        str(c, "KINORA_CORS_ORIGINS"),
        str(c, "KINORA_FFMPEG_DIR"));
  }

  /** True when this node starts the in-process S3 server instead of talking to MinIO. */
  public boolean embeddedS3() {
    return s3Endpoint.isBlank();
  }

  /** Where the node itself reaches storage. */
  public String storageEndpoint() {
    return embeddedS3() ? "http://127.0.0.1:" + s3Port : s3Endpoint;
  }

  /** Where browsers reach storage: presigned URLs are signed for this host. */
  public String browserStorageEndpoint() {
    return s3PublicEndpoint.isBlank() ? storageEndpoint() : s3PublicEndpoint;
  }

  public Path tempDir() {
    return dataDir.resolve("tmp");
  }

  private static JsonObject readDefaults() {
    try (InputStream in = KinoraConfig.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS, e);
    }
  }

  private static JsonObject readFile(Path path) {
    try {
      return new JsonObject(Files.readString(path));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read config file " + path, e);
    }
  }

  private static String str(JsonObject c, String key) {
    Object value = c.getValue(key);
    return value == null ? "" : String.valueOf(value).trim();
  }

  private static int integer(JsonObject c, String key) {
    try {
      return Integer.parseInt(str(c, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + str(c, key) + "'");
    }
  }

  private static long longValue(JsonObject c, String key) {
    try {
      return Long.parseLong(str(c, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + str(c, key) + "'");
    }
  }

  private static List<Integer> ladder(JsonObject c) {
    try {
      List<Integer> rungs = list(str(c, "KINORA_LADDER")).stream().map(Integer::parseInt).toList();
      if (rungs.isEmpty() || rungs.stream().anyMatch(r -> r < 16 || r % 2 != 0)) {
        throw new NumberFormatException();
      }
      return rungs;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("KINORA_LADDER must list even short sides such as 1080,720,480,360, got '"
          + str(c, "KINORA_LADDER") + "'");
    }
  }

  private static int positive(JsonObject c, String key) {
    int value = integer(c, key);
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
    return value;
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }
}
