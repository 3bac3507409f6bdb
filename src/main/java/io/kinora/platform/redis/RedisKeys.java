package io.kinora.platform.redis;

/**
 * Every Redis key Kinora uses, in one place, so scripts and readers agree and a reader of this
 * file sees the whole schema. A name that changes is renamed in existing deployments by a
 * migration ({@code app.SchemaMigrations}), so they keep their data. Lua scripts ({@link LuaScript}) get every key they touch in
 * {@code KEYS}, made here; none builds a key of its own. Each key has one owner that writes it:
 * <ul>
 *   <li>One video's keys share a hash tag, its ID in braces, so that a Redis Cluster would keep
 *       them in one slot: {@code kinora:video:{ID}} (hash; its fields, each with its writer, are
 *       named in {@code video.VideoFields}), {@code kinora:video:{ID}:playlists} (hash rendition →
 *       variant playlist), {@code kinora:video:{ID}:captions} (hash language → WebVTT, written with
 *       the record's {@code captions} field by {@code captions.CaptionStore}), {@code kinora:video:{ID}:lease}, {@code kinora:video:{ID}:ratings} and
 *       {@code kinora:video:{ID}:comments} (below). (Here {@code {ID}} is literal braces around the
 *       ID; elsewhere in this list {@code {id}} stands for an ID.) Releases before the tag named them
 *       {@code kinora:video:ID…} and {@code kinora:jobs:lease:ID}; migration 1,
 *       {@code video.TagVideoKeys}, renamed them. The hash and the playlists:
 *       {@code video.VideoRepository}; the job scripts of {@code jobs.JobQueue} change a video's
 *       status fields in the same atomic step as the queue.</li>
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
 *       {@code kinora:video:{ID}:lease} (string with TTL naming the worker), {@code kinora:jobs:failed}
 *       (sorted set, id by the time its job failed, for administrators): {@code jobs.JobQueue}.</li>
 *   <li>{@code kinora:stats:jobs:{epoch minute}} (hash ready/failed counts) and
 *       {@code kinora:stats:jobs:{epoch minute}:ready-seconds} (list), both expiring after two
 *       hours: written by {@code jobs.JobQueue} as a job ends, read by {@code jobs.JobStats}.</li>
 *   <li>{@code kinora:nodes} (set of node IDs) and {@code kinora:node:{id}} (hash with a short TTL,
 *       renewed while the node runs: address, slots, startedAt): {@code jobs.NodeHeartbeatVerticle}.</li>
 *   <li>{@code kinora:signing-secret}: set once, if absent, by the first node ({@code app}).</li>
 *   <li>{@code kinora:schema:version} (string: the number of the last migration applied) and
 *       {@code kinora:schema:lock} (string with TTL naming the node migrating):
 *       {@code platform.migrations.Migrations}. A migration that renames keys leaves these two
 *       as they are.</li>
 *   <li>{@code kinora:user:{id}} (hash), {@code kinora:users} (sorted set, id by creation time),
 *       {@code kinora:users:by-name} (hash lower-case username → id) and {@code kinora:users:disabled}
 *       (set of disabled user ids, which listings leave out): {@code account.AccountRepository}.
 *       {@code kinora:users:disabled:indexed} is a flag of releases before the schema version,
 *       deleted by the migration that indexes disabled accounts.</li>
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
 *   <li>The social layer ({@code social} and its sub-packages), each key written by the class named:
 *     <ul>
 *       <li>{@code kinora:catalogue} (sorted set, public <em>and ready</em> video ids by creation ms),
 *           {@code kinora:user:{id}:catalogue} (the same, one owner's):
 *           {@code social.Catalogue}, first filled from {@code kinora:videos:public} by a migration
 *           (which deletes {@code kinora:catalogue:built}, the flag of releases before the schema
 *           version). Every listing others see (channel, feed, home) reads these.</li>
 *       <li>Counters in the video hash, {@code likes}, {@code dislikes}, {@code views},
 *           {@code commentCount}, and the owner's switch {@code commentsOff}: written only by the
 *           social scripts that change them ({@code social.ratings}, {@code social.comments}).</li>
 *       <li>{@code kinora:video:{ID}:ratings} (hash user id → like|dislike) and
 *           {@code kinora:view:{hmac}} (string with a 24 h TTL: this viewer was counted),
 *           {@code kinora:views-from:{hmac}} (counter with a 24 h TTL: anonymous viewers one
 *           address added to one video) and
 *           {@code kinora:views-secret} (set once): {@code social.ratings}.</li>
 *       <li>{@code kinora:profile:{user id}} (hash: displayName, bio, avatar version):
 *           {@code social.Profiles}. {@code kinora:user:{id}:subscriptions} and
 *           {@code kinora:user:{id}:subscribers} (sorted sets of user ids by when they followed):
 *           {@code social.channels}.</li>
 *       <li>{@code kinora:video:{ID}:comments} (sorted set, top-level comment id by created ms),
 *           {@code kinora:comment:{cid}} (hash), {@code kinora:comment:{cid}:replies} (sorted set) and
 *           {@code kinora:throttle:comment:{user id}} (counter with a TTL): {@code social.comments}.</li>
 *       <li>{@code kinora:playlist:{pid}} (hash), {@code kinora:playlist:{pid}:items} (sorted set,
 *           video id by position), {@code kinora:playlist:{pid}:listed} (the entries that are public and
 *           ready, by position: a cache of the items meeting the catalogue, kept seconds),
 *           {@code kinora:user:{id}:playlists} (sorted set by creation) and
 *           {@code kinora:user:{id}:playlists:public} (the same, public playlists only, so a channel's
 *           list is read a page at a time): {@code social.playlists}.</li>
 *       <li>{@code kinora:search:w:{token}} (sorted set, video id by weight and time),
 *           {@code kinora:search:doc:{id}} (the tokens a video is indexed under),
 *           {@code kinora:search:said:{id}} (hash caption word → the seconds it is said at),
 *           {@code kinora:search:tokens} (every token, for prefixes) and {@code kinora:search:q:{query}}
 *           (a result, kept a minute; {@code kinora:search:q:{query}:{c|i|pN|u}} are scratch sets of the
 *           query script, deleted before it ends): {@code social.search}.</li>
 *     </ul></li>
 * </ul>
 */
public final class RedisKeys {

  public static final String VIDEOS_BY_DATE = "kinora:videos";
  public static final String JOB_QUEUE = "kinora:jobs:queue";
  public static final String JOBS_RUNNING = "kinora:jobs:running";
  public static final String JOBS_FAILED = "kinora:jobs:failed";
  public static final String NODES = "kinora:nodes";
  public static final String SIGNING_SECRET = "kinora:signing-secret";
  public static final String PUBLIC_VIDEOS = "kinora:videos:public";
  public static final String AWAITING_UPLOAD = "kinora:videos:awaiting-upload";
  public static final String UPLOAD_SWEEPER_LOCK = "kinora:uploads:sweeper";
  /** The schema version: the number of the last migration applied (see {@code platform.migrations}). */
  public static final String SCHEMA_VERSION = "kinora:schema:version";
  /** The node applying migrations, with a TTL it renews while it works. */
  public static final String SCHEMA_LOCK = "kinora:schema:lock";

  private RedisKeys() {
  }

  /**
   * A video's hash. Every key of one video starts with this one, so they share its hash tag, the
   * id in braces: a Redis Cluster keeps them in one slot, where one script may touch them all
   * (the names before the tag: {@code video.TagVideoKeys}, the migration that renamed them).
   */
  public static String video(String id) {
    return "kinora:video:{" + id + "}";
  }

  public static String playlists(String id) {
    return video(id) + ":playlists";
  }

  /** The WebVTT of each caption track of the video (hash language → file): {@code captions.CaptionStore}. */
  public static String captions(String id) {
    return video(id) + ":captions";
  }

  /** The lease of the video's transcode job (a string with a TTL naming the worker). */
  public static String lease(String id) {
    return video(id) + ":lease";
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
  public static final String DISABLED_USERS = "kinora:users:disabled";
  /**
   * Legacy: set by releases before the schema version once their disabled accounts were indexed;
   * read and then deleted only by the migration that indexes them.
   */
  public static final String DISABLED_USERS_INDEXED = "kinora:users:disabled:indexed";

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

  // the social layer (see the list above)
  public static final String CATALOGUE = "kinora:catalogue";
  /** Legacy: set by releases before the schema version; deleted by the migration that fills the catalogue. */
  public static final String CATALOGUE_BUILT = "kinora:catalogue:built";
  public static final String VIEWS_SECRET = "kinora:views-secret";
  public static final String SEARCH_TOKENS = "kinora:search:tokens";

  public static String userCatalogue(String userId) {
    return "kinora:user:" + userId + ":catalogue";
  }

  public static String ratings(String videoId) {
    return video(videoId) + ":ratings";
  }

  public static String view(String viewerDigest) {
    return "kinora:view:" + viewerDigest;
  }

  public static String viewsFrom(String addressDigest) {
    return "kinora:views-from:" + addressDigest;
  }

  public static String profile(String userId) {
    return "kinora:profile:" + userId;
  }

  public static String subscriptions(String userId) {
    return "kinora:user:" + userId + ":subscriptions";
  }

  public static String subscribers(String userId) {
    return "kinora:user:" + userId + ":subscribers";
  }

  public static String comments(String videoId) {
    return video(videoId) + ":comments";
  }

  public static String comment(String commentId) {
    return "kinora:comment:" + commentId;
  }

  public static String replies(String commentId) {
    return "kinora:comment:" + commentId + ":replies";
  }

  public static String commentThrottle(String userId) {
    return "kinora:throttle:comment:" + userId;
  }

  public static String playlist(String playlistId) {
    return "kinora:playlist:" + playlistId;
  }

  public static String playlistItems(String playlistId) {
    return "kinora:playlist:" + playlistId + ":items";
  }

  public static String playlistListed(String playlistId) {
    return playlist(playlistId) + ":listed";
  }

  public static String userPlaylists(String userId) {
    return "kinora:user:" + userId + ":playlists";
  }

  public static String userPublicPlaylists(String userId) {
    return userPlaylists(userId) + ":public";
  }

  public static String searchWord(String token) {
    return "kinora:search:w:" + token;
  }

  public static String searchDoc(String videoId) {
    return "kinora:search:doc:" + videoId;
  }

  /** Where each caption word of a video is said (hash word → start seconds): {@code social.search}. */
  public static String searchSaid(String videoId) {
    return "kinora:search:said:" + videoId;
  }

  public static String searchQuery(String normalizedQuery) {
    return "kinora:search:q:" + normalizedQuery;
  }

  /** A scratch set of the query script, deleted before it ends (a normalized query has no ':'). */
  public static String searchScratch(String normalizedQuery, String part) {
    return searchQuery(normalizedQuery) + ":" + part;
  }
}
