package io.kinora.platform.redis;

/**
 * Every Redis key Kinora uses, in one place, so scripts and readers agree and a reader of this
 * file sees the whole schema. The strings are unchanged since the first release: existing
 * deployments keep their data. Each key has one owner that writes it:
 * <ul>
 *   <li>{@code kinora:video:{id}} (hash) and {@code kinora:video:{id}:playlists} (hash rendition →
 *       variant playlist): {@code video.VideoRepository}; the job scripts of {@code jobs.JobQueue}
 *       change a video's status fields in the same atomic step as the queue.</li>
 *   <li>{@code kinora:videos} (sorted set, id by creation time in ms), {@code kinora:videos:public}
 *       (the same, public videos only) and {@code kinora:user:{id}:videos} (the same, one owner's):
 *       {@code video.VideoRepository}. It also keeps the {@code usedBytes} field of each user hash,
 *       atomically with the videos it counts, and reads {@code quotaBytes} there.</li>
 *   <li>{@code kinora:videos:awaiting-upload} (sorted set, id by creation time in ms, of videos
 *       created awaiting their upload; pruned once they have it): {@code video.VideoRepository}.
 *       A multipart upload's {@code uploadId}, {@code partSize} and {@code assemblingSince} are
 *       fields of the video hash.</li>
 *   <li>{@code kinora:uploads:sweeper} (string with TTL naming the node): the one node sweeping
 *       expired uploads, {@code upload.UploadSweeperVerticle}.</li>
 *   <li>{@code kinora:jobs:queue} (list), {@code kinora:jobs:running} (set),
 *       {@code kinora:jobs:lease:{id}} (string with TTL naming the worker), {@code kinora:jobs:failed}
 *       (sorted set, id by the time its job failed, for administrators): {@code jobs.JobQueue}.</li>
 *   <li>{@code kinora:stats:jobs:{epoch minute}} (hash ready/failed counts) and
 *       {@code kinora:stats:jobs:{epoch minute}:ready-seconds} (list), both expiring after two
 *       hours: written by {@code jobs.JobQueue} as a job ends, read by {@code jobs.JobStats}.</li>
 *   <li>{@code kinora:nodes} (set of node IDs) and {@code kinora:node:{id}} (hash with a short TTL,
 *       renewed while the node runs: address, slots, startedAt): {@code jobs.NodeHeartbeatVerticle}.</li>
 *   <li>{@code kinora:signing-secret}: set once, if absent, by the first node ({@code app}).</li>
 *   <li>{@code kinora:user:{id}} (hash), {@code kinora:users} (sorted set, id by creation time),
 *       {@code kinora:users:by-name} (hash lower-case username → id): {@code account.AccountRepository}.</li>
 *   <li>{@code kinora:session:{sha256 of the cookie}} (hash with an idle TTL) and
 *       {@code kinora:user:{id}:sessions} (set of those hashes): {@code account.SessionStore}.</li>
 *   <li>{@code kinora:token:{sha256 of the token}} (hash) and {@code kinora:user:{id}:tokens}
 *       (hash token id → sha256): {@code account.TokenStore}.</li>
 *   <li>{@code kinora:throttle:signin:{account|address}:{key}} (counter with a TTL):
 *       {@code account.SignInThrottle}.</li>
 *   <li>Outgoing webhooks, all written by {@code webhooks.EndpointStore} (endpoints) and
 *       {@code webhooks.DeliveryQueue} (the rest): {@code kinora:webhook:{id}} (hash: owner, url,
 *       signing secret), {@code kinora:user:{id}:webhooks} (sorted set of endpoint ids by creation),
 *       {@code kinora:webhook:{id}:log} (list of the last attempts' JSON), {@code kinora:webhooks:due}
 *       (sorted set, delivery id by next attempt in ms), {@code kinora:webhooks:delivery:{id}} (hash,
 *       one event for one endpoint) and {@code kinora:webhooks:seen:{event}} (string with TTL: the
 *       event was already turned into deliveries).</li>
 * </ul>
 */
public final class RedisKeys {

  public static final String VIDEOS_BY_DATE = "kinora:videos";
  public static final String JOB_QUEUE = "kinora:jobs:queue";
  public static final String JOBS_RUNNING = "kinora:jobs:running";
  public static final String LEASE_PREFIX = "kinora:jobs:lease:";
  public static final String JOBS_FAILED = "kinora:jobs:failed";
  public static final String NODES = "kinora:nodes";
  public static final String SIGNING_SECRET = "kinora:signing-secret";
  public static final String VIDEO_PREFIX = "kinora:video:";
  public static final String PUBLIC_VIDEOS = "kinora:videos:public";
  public static final String AWAITING_UPLOAD = "kinora:videos:awaiting-upload";
  public static final String UPLOAD_SWEEPER_LOCK = "kinora:uploads:sweeper";

  private RedisKeys() {
  }

  public static String video(String id) {
    return VIDEO_PREFIX + id;
  }

  public static String playlists(String id) {
    return VIDEO_PREFIX + id + ":playlists";
  }

  public static String lease(String id) {
    return LEASE_PREFIX + id;
  }

  public static String jobStats(long epochMinute) {
    return "kinora:stats:jobs:" + epochMinute;
  }

  public static String jobReadySeconds(long epochMinute) {
    return jobStats(epochMinute) + ":ready-seconds";
  }

  public static String node(String id) {
    return "kinora:node:" + id;
  }

  public static final String USERS = "kinora:users";
  public static final String USERS_BY_NAME = "kinora:users:by-name";

  public static String user(String id) {
    return "kinora:user:" + id;
  }

  public static String userSessions(String userId) {
    return "kinora:user:" + userId + ":sessions";
  }

  public static String userVideos(String userId) {
    return "kinora:user:" + userId + ":videos";
  }

  public static String userTokens(String userId) {
    return "kinora:user:" + userId + ":tokens";
  }

  /** A session by the SHA-256 of its cookie value, so a copy of Redis holds no usable cookie. */
  public static String session(String digest) {
    return "kinora:session:" + digest;
  }

  /** A token by its SHA-256: the token itself is shown once and never stored. */
  public static String token(String digest) {
    return "kinora:token:" + digest;
  }

  public static String signInFailures(String kind, String key) {
    return "kinora:throttle:signin:" + kind + ":" + key;
  }

  public static final String WEBHOOKS_DUE = "kinora:webhooks:due";
  public static final String WEBHOOK_DELIVERY_PREFIX = "kinora:webhooks:delivery:";

  public static String webhook(String endpointId) {
    return "kinora:webhook:" + endpointId;
  }

  public static String webhookLog(String endpointId) {
    return "kinora:webhook:" + endpointId + ":log";
  }

  public static String userWebhooks(String userId) {
    return "kinora:user:" + userId + ":webhooks";
  }

  public static String webhookDelivery(String deliveryId) {
    return WEBHOOK_DELIVERY_PREFIX + deliveryId;
  }

  public static String webhookEventSeen(String eventKey) {
    return "kinora:webhooks:seen:" + eventKey;
  }
}
