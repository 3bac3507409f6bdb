package io.kinora.app.config;

import io.kinora.account.AccountSettings;
import io.kinora.account.PasswordHasher;
import io.kinora.jobs.JobSettings;
import io.kinora.ops.OpsSettings;
import io.kinora.platform.cluster.ClusterSettings;
import io.kinora.platform.http.HttpSettings;
import io.kinora.platform.http.TrustedProxies;
import io.kinora.platform.redis.RedisSettings;
import io.kinora.playback.PlaybackSettings;
import io.kinora.platform.s3.StorageSettings;
import io.kinora.platform.signing.SigningSettings;
import io.kinora.transcode.LoudnessTarget;
import io.kinora.transcode.TranscodeSettings;
import io.kinora.upload.UploadSettings;
import io.kinora.video.VideoLimits;
import io.kinora.webhooks.WebhookSettings;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a node, read once at start and typed, grouped by who uses it: each feature
 * receives its own settings record, never the whole configuration. Sources, later ones winning:
 * {@code conf/kinora.json} inside the jar, the file named by {@code KINORA_CONFIG_FILE},
 * environment variables of the same names, then explicit overrides (tests).
 */
public record KinoraConfig(
    Path dataDir,
    RedisSettings redis,
    HttpSettings http,
    StorageSettings storage,
    ClusterSettings cluster,
    SigningSettings signing,
    UploadSettings upload,
    JobSettings jobs,
    TranscodeSettings transcode,
    VideoLimits limits,
    AccountSettings accounts,
    PlaybackSettings playback,
    OpsSettings ops,
    int sseHeartbeatSeconds,
    WebhookSettings webhooks) {

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
    if (positive(c, "KINORA_SSE_HEARTBEAT_SECONDS") >= positive(c, "KINORA_HTTP_IDLE_TIMEOUT_SECONDS")) {
      throw new IllegalArgumentException("KINORA_SSE_HEARTBEAT_SECONDS must be shorter than "
          + "KINORA_HTTP_IDLE_TIMEOUT_SECONDS, or idle live-status streams would be closed");
    }
    Path dataDir = Path.of(str(c, "KINORA_DATA_DIR")).toAbsolutePath().normalize();
    Path tempDir = dataDir.resolve("tmp");
    int slots = integer(c, "KINORA_TRANSCODE_SLOTS");
    return new KinoraConfig(
        dataDir,
        new RedisSettings(str(c, "KINORA_REDIS_URL"), list(str(c, "KINORA_REDIS_SENTINELS")),
            str(c, "KINORA_REDIS_MASTER_NAME"), Duration.ofMillis(atLeastZero(c, "KINORA_REDIS_REPLICA_WAIT_MILLIS"))),
        new HttpSettings(integer(c, "KINORA_HTTP_PORT"), positive(c, "KINORA_HTTP_IDLE_TIMEOUT_SECONDS"),
            httpInstances(c), positive(c, "KINORA_HTTP_MAX_IN_FLIGHT"),
            atLeastZero(c, "KINORA_HTTP_MAX_CONNECTIONS_PER_ADDRESS"), positive(c, "KINORA_HTTP_HEADER_TIMEOUT_SECONDS"),
            trustedProxies(c)),
        new StorageSettings(
            str(c, "KINORA_S3_ENDPOINT"),
            str(c, "KINORA_S3_ACCESS_KEY"),
            str(c, "KINORA_S3_SECRET_KEY"),
            integer(c, "KINORA_S3_PORT"),
            str(c, "KINORA_S3_PUBLIC_ENDPOINT"),
            str(c, "KINORA_S3_REGION"),
            list(str(c, "KINORA_CORS_ORIGINS")),
            dataDir,
            str(c, "KINORA_S3_UPLOAD_ACCESS_KEY"),
            str(c, "KINORA_S3_UPLOAD_SECRET_KEY")),
        new ClusterSettings(
            str(c, "KINORA_CLUSTER_HOST"),
            list(str(c, "KINORA_CLUSTER_MEMBERS")),
            integer(c, "KINORA_CLUSTER_PORT"),
            str(c, "KINORA_CLUSTER_SECRET")),
        new SigningSettings(
            str(c, "KINORA_SIGNING_SECRET"),
            positive(c, "KINORA_PLAYBACK_TTL_SECONDS")),
        new UploadSettings(
            positive(c, "KINORA_UPLOAD_URL_TTL_SECONDS"),
            str(c, "KINORA_WEBHOOK_TOKEN"),
            tempDir,
            positive(c, "KINORA_UPLOAD_PART_MB") * 1024L * 1024,
            Duration.ofHours(positive(c, "KINORA_UPLOAD_EXPIRY_HOURS")),
            positive(c, "KINORA_UPLOAD_SWEEP_SECONDS")),
        new JobSettings(
            slots,
            positive(c, "KINORA_JOB_LEASE_SECONDS"),
            positive(c, "KINORA_JOB_MAX_ATTEMPTS")),
        new TranscodeSettings(
            ladder(c),
            positive(c, "KINORA_SEGMENT_SECONDS"),
            str(c, "KINORA_X264_PRESET"),
            str(c, "KINORA_FFMPEG_DIR"),
            tempDir,
            loudness(c)),
        new VideoLimits(
            longValue(c, "KINORA_MAX_UPLOAD_BYTES"),
            longValue(c, "KINORA_MAX_DURATION_SECONDS"),
            positive(c, "KINORA_MAX_DIMENSION")),
        new AccountSettings(
            signUp(c),
            Duration.ofSeconds(positive(c, "KINORA_SESSION_IDLE_SECONDS")),
            Duration.ofSeconds(positive(c, "KINORA_SESSION_MAX_SECONDS")),
            longValue(c, "KINORA_DEFAULT_QUOTA_BYTES"),
            new PasswordHasher.Cost(between(c, "KINORA_PASSWORD_MEMORY_KIB", 1024, 4_194_304),
                between(c, "KINORA_PASSWORD_PASSES", 1, 10))),
        new PlaybackSettings(hotMediaBytes(c)),
        new OpsSettings(str(c, "KINORA_METRICS_TOKEN")),
        positive(c, "KINORA_SSE_HEARTBEAT_SECONDS"),
        new WebhookSettings(bool(c, "KINORA_WEBHOOK_ALLOW_PRIVATE"), positive(c, "KINORA_WEBHOOK_MAX_ENDPOINTS"),
            Duration.ofSeconds(positive(c, "KINORA_WEBHOOK_TIMEOUT_SECONDS")),
            Duration.ofHours(positive(c, "KINORA_WEBHOOK_RETRY_HOURS"))));
  }

  /**
   * This configuration with the secrets a deployment makes for itself filled in: the embedded
   * S3's keys when the published ones are configured, and a single node's cluster secret. They are
   * kept under {@code {dataDir}/secrets/} (owner only) and reused on every start. Refuses, naming
   * the variable to set, a cluster secret that is missing on a node joining others, or published.
   * Blocking: reads and may write files.
   */
  public KinoraConfig withDeploymentSecrets() {
    DeploymentSecrets secrets = new DeploymentSecrets(dataDir);
    return new KinoraConfig(dataDir, redis, http, secrets.storage(storage), secrets.cluster(cluster), signing,
        upload, jobs, transcode, limits, accounts, playback, ops, sseHeartbeatSeconds, webhooks);
  }

  /** Per-job work directories and upload spools; wiped when the node starts. */
  public Path tempDir() {
    return transcode.tempDir();
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

  /** {@code KINORA_LOUDNESS_TARGET} in LUFS, or {@code off}; {@code KINORA_LOUDNESS_TRUE_PEAK} in dBTP. */
  private static LoudnessTarget loudness(JsonObject c) {
    String target = str(c, "KINORA_LOUDNESS_TARGET");
    if (target.equalsIgnoreCase("off")) {
      return LoudnessTarget.OFF;
    }
    return LoudnessTarget.of(decimal(c, "KINORA_LOUDNESS_TARGET"), decimal(c, "KINORA_LOUDNESS_TRUE_PEAK"));
  }

  private static double decimal(JsonObject c, String key) {
    try {
      return Double.parseDouble(str(c, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + str(c, key) + "'");
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

  private static long hotMediaBytes(JsonObject c) {
    return atLeastZero(c, "KINORA_HOT_MEDIA_MB") * 1024L * 1024L;
  }

  private static TrustedProxies trustedProxies(JsonObject c) {
    try {
      return TrustedProxies.parse(str(c, "KINORA_TRUSTED_PROXIES"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("KINORA_TRUSTED_PROXIES lists CIDR ranges such as 10.0.0.0/8,::1/128: "
          + e.getMessage(), e);
    }
  }

  private static int httpInstances(JsonObject c) {
    int value = atLeastZero(c, "KINORA_HTTP_INSTANCES");
    return value == 0 ? Runtime.getRuntime().availableProcessors() : value;
  }

  /** A count where 0 means "off" or "automatic" (the key's description says which). */
  private static int atLeastZero(JsonObject c, String key) {
    int value = integer(c, key);
    if (value < 0) {
      throw new IllegalArgumentException(key + " must be 0 or more, got " + value);
    }
    return value;
  }

  private static boolean signUp(JsonObject c) {
    String value = str(c, "KINORA_SIGNUP");
    if (!value.equals("open") && !value.equals("closed")) {
      throw new IllegalArgumentException("KINORA_SIGNUP must be open or closed, got '" + value + "'");
    }
    return value.equals("open");
  }

  private static boolean bool(JsonObject c, String key) {
    String value = str(c, key);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }
    return value.equals("true");
  }

  private static int positive(JsonObject c, String key) {
    int value = integer(c, key);
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
    return value;
  }

  private static int between(JsonObject c, String key, int min, int max) {
    int value = integer(c, key);
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
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
