package io.kinora.app;

import io.kinora.account.AccountApi;
import io.kinora.app.config.DeploymentSecrets;
import io.kinora.captions.CaptionsApi;
import io.kinora.captions.ChaptersApi;
import io.kinora.app.config.KinoraConfig;
import io.kinora.events.EventsApi;
import io.kinora.events.SseVerticle;
import io.kinora.jobs.JobAdminApi;
import io.kinora.jobs.JobQueue;
import io.kinora.jobs.JobReaperVerticle;
import io.kinora.jobs.JobSettings;
import io.kinora.jobs.JobWorkerVerticle;
import io.kinora.jobs.NodeHeartbeatVerticle;
import io.kinora.ops.HealthApi;
import io.kinora.ops.MetricsApi;
import io.kinora.packaging.DownloadsApi;
import io.kinora.packaging.PackagingApi;
import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.http.ConnectionGuard;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.HttpSettings;
import io.kinora.platform.http.InFlightLimit;
import io.kinora.platform.http.SecurityHeaders;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.platform.migrations.Migrations;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.EmbeddedS3;
import io.kinora.platform.s3.MultipartStorage;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.s3.StorageSettings;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.playback.PlaybackApi;
import io.kinora.transcode.FfmpegBinaries;
import io.kinora.transcode.FfmpegTranscoder;
import io.kinora.platform.files.TempFiles;
import io.kinora.social.Catalogue;
import io.kinora.social.CatalogueIndex;
import io.kinora.social.CatalogueVerticle;
import io.kinora.social.Profiles;
import io.kinora.social.VideoCards;
import io.kinora.social.comments.CommentCleanupVerticle;
import io.kinora.social.comments.CommentsApi;
import io.kinora.social.ratings.Ratings;
import io.kinora.social.ratings.RatingsApi;
import io.kinora.social.ratings.ViewCounter;
import io.kinora.social.search.SearchApi;
import io.kinora.social.search.SearchIndex;
import io.kinora.social.search.Searcher;
import io.kinora.social.playlists.PlaylistsApi;
import io.kinora.social.channels.ChannelsApi;
import io.kinora.ui.ApiDocs;
import io.kinora.ui.WebUi;
import io.kinora.upload.UploadApi;
import io.kinora.upload.PartsApi;
import io.kinora.upload.UploadCompletionVerticle;
import io.kinora.upload.UploadSweeperVerticle;
import io.kinora.video.StatusPublisher;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoApi;
import io.kinora.video.VideoCache;
import io.kinora.video.VideoCacheVerticle;
import io.kinora.video.VideoChanges;
import io.kinora.video.VideoRemoval;
import io.kinora.video.VideoRepository;
import io.kinora.video.captions.CaptionStore;
import io.kinora.webhooks.WebhookDeliveryVerticle;
import io.kinora.webhooks.WebhookEventsVerticle;
import io.kinora.webhooks.WebhooksApi;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

/**
 * One Kinora node on a given Vert.x, and the only place that knows every feature: it builds the
 * platform (storage, Redis), hands each feature what it uses, and deploys the roles (http,
 * webhook, transcode, sse) as verticles.
 */
public final class KinoraNode {

  private static final Logger LOG = LoggerFactory.getLogger(KinoraNode.class);

  private final Vertx vertx;
  private final String nodeId;
  private final Opened opened;

  private KinoraNode(Vertx vertx, String nodeId, Opened opened) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.opened = opened;
  }

  /** What a node sets up on its own disk before it talks to anyone (blocking, so on a worker). */
  private record LocalSetup(EmbeddedS3 embeddedS3, Path ffmpegDir) {
  }

  /** The shared services every feature is built from. */
  private record Platform(ClusterView cluster, RedisStore redis, ObjectStorage storage, MultipartStorage multipart,
                          VideoRepository videos, VideoCache videoCache, VideoChanges changes, VideoAccess access,
                          VideoRemoval removal, StatusPublisher publisher, UrlSigner signer, KinoraMetrics metrics) {
  }

  /** The features that are built once per node and hold resources (worker pools). */
  private record Services(AccountApi accounts, FfmpegTranscoder transcoder, Social social, ChannelsApi channels) {
  }

  /** The social layer's shared parts: what others may list, profiles, and how lists become videos. */
  private record Social(Catalogue catalogue, Profiles profiles, VideoCards cards, Ratings ratings, ViewCounter views,
                        List<CatalogueIndex> indexes) {
  }

  /** What the node opened, closed on stop (or on a failed start) in reverse order. */
  private static final class Opened {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<String> deployments = new ArrayList<>();
    /** The API features the HTTP verticles mount, once the roles are deployed. */
    private List<Feature> apiFeatures = List.of();

    /** Undeploys the roles, last first (a running job is handed back), then closes the rest. */
    Future<Void> close(Vertx vertx) {
      List<Future<Void>> undeployed = new ArrayList<>();
      for (int i = deployments.size() - 1; i >= 0; i--) {
        undeployed.add(vertx.undeploy(deployments.get(i)).otherwiseEmpty());
      }
      return Future.join(undeployed).otherwiseEmpty()
          .compose(v -> vertx.executeBlocking(this::closeAll))
          .mapEmpty();
    }

    <T> T add(T resource, AutoCloseable close) {
      resources.push(close);
      return resource;
    }

    Void closeAll() {
      while (!resources.isEmpty()) {
        try {
          resources.pop().close();
        } catch (Exception e) {
          LOG.warn("could not close a resource cleanly", e);
        }
      }
      return null;
    }
  }

  /** A node on a Vert.x without a cluster manager: a cluster of one (tests, tools). */
  public static Future<KinoraNode> start(Vertx vertx, KinoraConfig config) {
    if (vertx.isClustered()) {
      return Future.failedFuture(new IllegalArgumentException(
          "a clustered Vert.x needs its ClusterView: call start(vertx, config, ClusterView.of(manager, settings))"));
    }
    return start(vertx, config, ClusterView.standalone());
  }

  /** A node whose metrics are its own and the JVM's (its Vert.x reports none). */
  public static Future<KinoraNode> start(Vertx vertx, KinoraConfig config, ClusterView cluster) {
    return start(vertx, config, cluster, KinoraMetrics.standalone());
  }

  /**
   * Starts a node: local setup, then the HTTP server (answering 503 while the node starts), then
   * the platform, waiting as long as it takes for storage and Redis to answer, then the roles.
   * The future fails only for what waiting cannot fix (bad settings, a failed migration).
   */
  public static Future<KinoraNode> start(Vertx vertx, KinoraConfig config, ClusterView cluster,
                                         KinoraMetrics metrics) {
    Opened opened = new Opened();
    WaitingForParts parts = new WaitingForParts(vertx);
    Promise<HttpVerticle.Routes> routes = Promise.promise();
    return vertx.executeBlocking(() -> prepareLocal(config, opened))
        .compose(ffmpegDir -> listen(vertx, config, cluster, routes.future(), parts, opened)
            .compose(v -> startPlatform(vertx, config, cluster, metrics, parts, opened))
            .compose(platform -> parts.retry("reading the view counter's secret from Redis",
                    () -> ViewCounter.loadSecret(platform.redis()))
                .compose(viewsSecret -> {
                  Services services = services(vertx, config, platform, ffmpegDir, viewsSecret, opened);
                  return deployRoles(vertx, config, platform, services, opened);
                })))
        // from here on the HTTP server answers with the node's routes
        .onSuccess(routes::complete)
        .map(v -> new KinoraNode(vertx, cluster.nodeId(), opened))
        // a failed start leaves nothing behind: roles undeployed, ports and pools closed, then the error
        .recover(err -> opened.close(vertx).transform(closed -> Future.failedFuture(err)));
  }

  /** The HTTP server, up before anything it serves: while the node starts it answers 503. */
  private static Future<Void> listen(Vertx vertx, KinoraConfig config, ClusterView cluster,
                                     Future<HttpVerticle.Routes> routes, WaitingForParts parts, Opened opened) {
    SecurityHeaders headers = new SecurityHeaders(config.storage().browserEndpoint());
    HttpSettings http = config.http();
    // one of each per node, shared by every HTTP verticle: the limits are the node's
    ConnectionGuard connections = new ConnectionGuard(http.maxConnectionsPerAddress(), http.headerTimeoutSeconds());
    InFlightLimit inFlight = new InFlightLimit(http.maxInFlight());
    return vertx.deployVerticle(() -> new HttpVerticle(http, connections, inFlight, headers, routes,
                HealthApi.whileStarting(cluster.nodeId(), parts::waitingFor)),
            new DeploymentOptions().setInstances(http.instances()))
        .onSuccess(opened.deployments::add)
        .mapEmpty();
  }

  /** Returns where the ffmpeg to run is (null = from PATH). */
  private static Path prepareLocal(KinoraConfig config, Opened opened) throws Exception {
    // what a crashed run of this node left behind (the data dir is per node)
    TempFiles.deleteRecursively(config.tempDir());
    Files.createDirectories(config.tempDir());
    Path ffmpegDir = FfmpegBinaries.prepare(config.transcode().ffmpegDir(), config.dataDir());
    if (config.storage().embedded()) {
      EmbeddedS3 s3 = startEmbeddedS3(config.storage());
      opened.add(s3, s3::stop);
    }
    return ffmpegDir;
  }

  /**
   * The embedded S3 as the settings say; never beyond loopback with the key everyone can read in
   * conf/kinora.json ({@link KinoraConfig#withDeploymentSecrets} replaces it with the node's own).
   */
  static EmbeddedS3 startEmbeddedS3(StorageSettings storage) throws Exception {
    String host = storage.embeddedBindHost();
    if (!host.equals("127.0.0.1") && DeploymentSecrets.publishedS3Key(storage)) {
      throw new IllegalArgumentException("the embedded S3 would listen beyond loopback (KINORA_S3_PUBLIC_ENDPOINT is "
          + "set) with the published default KINORA_S3_SECRET_KEY: leave it unset so the node makes its own keys, "
          + "or set KINORA_S3_ACCESS_KEY and KINORA_S3_SECRET_KEY");
    }
    return EmbeddedS3.start(storage, host);
  }

  /** The MinIO SDK's clients, which take a while to build (class loading, OkHttp): built on a worker. */
  private record StorageClients(ObjectStorage objects, MultipartStorage multipart) {
  }

  private static Future<Platform> startPlatform(Vertx vertx, KinoraConfig config, ClusterView cluster,
                                                KinoraMetrics metrics, WaitingForParts parts, Opened opened) {
    RedisStore redis = RedisStore.connect(vertx, config.redis());
    opened.add(redis, redis::close);
    VideoCache cache = new VideoCache();
    VideoChanges changes = new VideoChanges(vertx.eventBus(), cache);
    VideoRepository videos = new VideoRepository(redis, changes);
    return vertx.executeBlocking(() -> {
          ObjectStorage objects = new ObjectStorage(vertx, config.storage());
          opened.add(objects, objects::close);
          return new StorageClients(objects, new MultipartStorage(vertx, config.storage(), objects));
        })
        .compose(clients -> parts.retry("reaching storage at " + config.storage().nodeEndpoint(),
                clients.objects()::ensureBucketsAsync)
            // before this node writes to Redis, which would make a new deployment look like data
            .compose(v -> parts.retry("reaching Redis and bringing its schema up to date",
                () -> migrateSchema(vertx, cluster, redis, videos)))
            .compose(v -> parts.retry("reading the signing secret from Redis", () -> signingSecret(config, redis)))
            .map(secret -> new Platform(cluster, redis, clients.objects(), clients.multipart(), videos, cache,
                changes, new VideoAccess(videos, cache), new VideoRemoval(videos, clients.objects(), clients.multipart(), changes),
                new StatusPublisher(videos, changes),
                new UrlSigner(secret, config.signing().ttlSeconds(), Clock.systemUTC()), metrics)));
  }

  /** Runs the migrations this deployment has not run yet, or waits for the node that does. */
  private static Future<Void> migrateSchema(Vertx vertx, ClusterView cluster, RedisStore redis, VideoRepository videos) {
    return new Migrations(vertx, redis, cluster.nodeId(), SchemaMigrations.all(redis, videos), Migrations.Timing.DEFAULT)
        .run().mapEmpty();
  }

  private static Future<String> signingSecret(KinoraConfig config, RedisStore redis) {
    if (!config.signing().secret().isBlank()) {
      return Future.succeededFuture(config.signing().secret());
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    // set-if-absent in Redis: the first node's secret becomes everyone's
    return redis.getOrSet(RedisKeys.SIGNING_SECRET, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  private static Services services(Vertx vertx, KinoraConfig config, Platform p, Path ffmpegDir, byte[] viewsSecret,
                                   Opened opened) {
    AccountApi accounts = new AccountApi(vertx, p.redis(), config.accounts(), p.videos(), p.removal(), p.metrics());
    opened.add(accounts, accounts::close);
    FfmpegTranscoder transcoder = null;
    if (config.jobs().slots() > 0) {
      transcoder = FfmpegTranscoder.create(vertx, config.transcode(), config.jobs().slots(), p.storage(),
          config.limits(), ffmpegDir);
      opened.add(transcoder, transcoder::close);
    }
    Social social = social(p, accounts, viewsSecret);
    ChannelsApi channels = new ChannelsApi(vertx, p.redis(), p.storage(), social.catalogue(), social.profiles(),
        social.cards(), config.tempDir(), ffmpegCommand(config));
    opened.add(channels, channels::close);
    return new Services(accounts, transcoder, social, channels);
  }

  private static Social social(Platform p, AccountApi accounts, byte[] viewsSecret) {
    Catalogue catalogue = new Catalogue(p.redis());
    Profiles profiles = new Profiles(p.redis(), accounts.directory());
    return new Social(catalogue, profiles, new VideoCards(p.access(), p.videos()), new Ratings(p.redis()),
        new ViewCounter(p.redis(), viewsSecret), catalogueIndexes(catalogue, p.redis(), p.videos()));
  }

  /** Every index of the public, ready videos: what the catalogue verticle keeps in step and a migration fills. */
  static List<CatalogueIndex> catalogueIndexes(Catalogue catalogue, RedisStore redis, VideoRepository videos) {
    return List.of(catalogue, new SearchIndex(redis, videos));
  }

  /**
   * The roles as verticles, each deployment noted in {@code opened} as it succeeds; then what the
   * HTTP server is to serve, once everything behind it is up.
   */
  private static Future<HttpVerticle.Routes> deployRoles(Vertx vertx, KinoraConfig config, Platform p, Services s, Opened opened) {
    JobSettings jobs = config.jobs();
    JobQueue queue = new JobQueue(p.redis());
    List<Future<String>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new VideoCacheVerticle(p.videoCache())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new SseVerticle()).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new JobReaperVerticle(queue, jobs, p.metrics(), p.cluster())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new NodeHeartbeatVerticle(p.redis(), p.cluster().nodeId(),
        config.cluster().host() + ":" + config.http().port(), jobs.slots())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new UploadCompletionVerticle(p.videos(), queue, p.storage(), p.multipart(),
        p.publisher(), config.limits(), p.metrics())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new UploadSweeperVerticle(p.videos(), p.removal(), p.multipart(), p.redis(), config.upload(),
        p.cluster().nodeId())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new CatalogueVerticle(s.social().catalogue(), s.social().indexes()))
        .onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new CommentCleanupVerticle(p.redis())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new WebhookEventsVerticle(p.redis(), p.videos())).onSuccess(opened.deployments::add));
    deployed.add(vertx.deployVerticle(new WebhookDeliveryVerticle(p.redis(), config.webhooks()))
        .onSuccess(opened.deployments::add));
    if (s.transcoder() != null) {
      deployed.add(vertx.deployVerticle(() -> new JobWorkerVerticle(queue, s.transcoder(), p.publisher(), p.storage(),
              new CaptionStore(p.redis(), p.changes()), jobs, p.metrics(), p.cluster().nodeId()),
          new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(jobs.slots()))
          .onSuccess(opened.deployments::add));
    }
    List<Feature> api = apiFeatures(vertx, config, p, s, queue);
    opened.apiFeatures = api;
    return Future.all(deployed).map(v -> new HttpVerticle.Routes(s.accounts().authenticator(), api, new WebUi()));
  }

  /** Every API feature, in mount order (see {@link HttpVerticle}). */
  private static List<Feature> apiFeatures(Vertx vertx, KinoraConfig config, Platform p, Services s, JobQueue queue) {
    VideoAccess access = p.access();
    return List.of(
        new VideoApi(p.videos(), access, p.removal(), config.limits(), s.social().ratings()),
        s.accounts(),
        new UploadApi(vertx, p.videos(), access, p.storage(), p.multipart(), config.limits(), config.upload()),
        new PartsApi(access, p.multipart(), p.removal(), config.upload()),
        new JobAdminApi(queue, p.videos(), p.publisher(), p.redis(), vertx.eventBus()),
        new EventsApi(vertx, access, config.sseHeartbeatSeconds(), p.metrics()),
        new CommentsApi(vertx, p.redis(), access, p.changes(), s.social().profiles()),
        new PackagingApi(access, p.videos(), p.signer()),
        new CaptionsApi(vertx, p.redis(), access, p.changes()),
        new ChaptersApi(p.redis(), access, p.changes()),
        new DownloadsApi(access, p.signer()),
        new PlaybackApi(access, p.storage(), p.signer(), config.playback(), p.metrics()),
        new HealthApi(p.redis(), p.storage(), p.cluster()),
        new MetricsApi(p.metrics(), config.ops()),
        new WebhooksApi(vertx, p.redis(), config.webhooks()),
        new RatingsApi(access, s.social().ratings(), s.social().views(), p.changes()),
        new SearchApi(new Searcher(p.redis()), s.social().cards(), p.redis(), p.signer()),
        new PlaylistsApi(p.redis(), access, s.social().profiles(), s.social().cards()),
        s.channels(),
        new ApiDocs());
  }

  /** The ffmpeg that resizes avatars: the configured one, else the one on the PATH. */
  private static String ffmpegCommand(KinoraConfig config) {
    String dir = config.transcode().ffmpegDir();
    return dir.isBlank() ? "ffmpeg" : Path.of(dir, "ffmpeg").toString();
  }

  /** Mounts this node's routes on {@code router} exactly as its HTTP verticles do (the contract test reads them). */
  public void mountRoutes(Router router) {
    HttpVerticle.mountRoutes(router, opened.apiFeatures, new WebUi());
  }

  /** Undeploys the roles (a running job is handed back), then closes worker pools, Redis and storage. */
  public Future<Void> stop() {
    return opened.close(vertx).onSuccess(v -> LOG.info("node {} stopped", nodeId));
  }
}
