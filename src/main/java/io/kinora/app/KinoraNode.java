package io.kinora.app;

import io.kinora.app.config.KinoraConfig;
import io.kinora.events.EventsApi;
import io.kinora.events.SseVerticle;
import io.kinora.jobs.JobQueue;
import io.kinora.jobs.JobReaperVerticle;
import io.kinora.jobs.JobSettings;
import io.kinora.jobs.JobWorkerVerticle;
import io.kinora.ops.HealthApi;
import io.kinora.packaging.PackagingApi;
import io.kinora.platform.cluster.ClusterView;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.SecurityHeaders;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.EmbeddedS3;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.playback.PlaybackApi;
import io.kinora.transcode.FfmpegBinaries;
import io.kinora.transcode.FfmpegTranscoder;
import io.kinora.platform.files.TempFiles;
import io.kinora.ui.WebUi;
import io.kinora.upload.UploadApi;
import io.kinora.upload.UploadCompletionVerticle;
import io.kinora.video.StatusPublisher;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoApi;
import io.kinora.video.VideoRepository;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One Kinora node on a given Vert.x, and the only place that knows every feature: it builds the
 * platform (storage, Redis), hands each feature what it uses, and deploys the four roles (http,
 * webhook, transcode, sse) as verticles.
 */
public final class KinoraNode {

  private static final Logger LOG = LoggerFactory.getLogger(KinoraNode.class);
  private static final int HTTP_INSTANCES = 2;

  private final Vertx vertx;
  private final Platform platform;
  private final FfmpegTranscoder transcoder;
  private final List<String> deployments;

  private KinoraNode(Vertx vertx, Platform platform, FfmpegTranscoder transcoder, List<String> deployments) {
    this.vertx = vertx;
    this.platform = platform;
    this.transcoder = transcoder;
    this.deployments = deployments;
  }

  /** What a node sets up on its own disk before it talks to anyone (blocking, so on a worker). */
  private record LocalSetup(EmbeddedS3 embeddedS3, Path ffmpegDir) {
  }

  /** The shared services every feature is built from, and what stopping the node closes. */
  private record Platform(ClusterView cluster, RedisStore redis, ObjectStorage storage, EmbeddedS3 embeddedS3,
                          VideoRepository videos, StatusPublisher publisher, UrlSigner signer) {
  }

  /** A node on a Vert.x without a cluster manager: a cluster of one (tests, tools). */
  public static Future<KinoraNode> start(Vertx vertx, KinoraConfig config) {
    return start(vertx, config, ClusterView.standalone());
  }

  public static Future<KinoraNode> start(Vertx vertx, KinoraConfig config, ClusterView cluster) {
    return vertx.executeBlocking(() -> prepareLocal(config))
        .compose(local -> startPlatform(vertx, config, cluster, local)
            .compose(platform -> {
              FfmpegTranscoder transcoder = config.jobs().slots() > 0
                  ? FfmpegTranscoder.create(vertx, config.transcode(), platform.storage(), config.limits(),
                      local.ffmpegDir())
                  : null;
              return deployRoles(vertx, config, platform, transcoder)
                  .map(ids -> new KinoraNode(vertx, platform, transcoder, ids))
                  .onFailure(err -> vertx.executeBlocking(() -> close(platform, transcoder)));
            }));
  }

  private static LocalSetup prepareLocal(KinoraConfig config) throws Exception {
    // what a crashed run of this node left behind (the data dir is per node)
    TempFiles.deleteRecursively(config.tempDir());
    Files.createDirectories(config.tempDir());
    Path ffmpegDir = FfmpegBinaries.prepare(config.transcode().ffmpegDir(), config.dataDir());
    if (!config.storage().embedded()) {
      return new LocalSetup(null, ffmpegDir);
    }
    // loopback only, unless browsers on other machines are told to PUT to it
    String bind = config.storage().publicEndpoint().isBlank() ? "127.0.0.1" : "0.0.0.0";
    return new LocalSetup(EmbeddedS3.start(config.storage(), bind), ffmpegDir);
  }

  private static Future<Platform> startPlatform(Vertx vertx, KinoraConfig config, ClusterView cluster,
                                                LocalSetup local) {
    RedisStore redis = RedisStore.connect(vertx, config.redisUrl());
    ObjectStorage storage = new ObjectStorage(vertx, config.storage());
    VideoRepository videos = new VideoRepository(redis);
    return storage.ensureBucketsAsync()
        .compose(v -> signingSecret(config, redis))
        .map(secret -> new Platform(cluster, redis, storage, local.embeddedS3(), videos,
            new StatusPublisher(vertx, videos),
            new UrlSigner(secret, config.signing().ttlSeconds(), Clock.systemUTC())))
        .onFailure(err -> vertx.executeBlocking(() -> close(new Platform(cluster, redis, storage, local.embeddedS3(),
            videos, null, null), null)));
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

  /** The roles as verticles; returns their deployment IDs in start order. */
  private static Future<List<String>> deployRoles(Vertx vertx, KinoraConfig config, Platform p,
                                                  FfmpegTranscoder transcoder) {
    JobSettings jobs = config.jobs();
    JobQueue queue = new JobQueue(p.redis());
    List<Future<String>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new SseVerticle()));
    deployed.add(vertx.deployVerticle(new JobReaperVerticle(queue, jobs)));
    deployed.add(vertx.deployVerticle(new UploadCompletionVerticle(p.videos(), queue, p.storage(), p.publisher(),
        config.limits())));
    if (transcoder != null) {
      deployed.add(vertx.deployVerticle(() -> new JobWorkerVerticle(queue, transcoder, p.publisher(), p.storage(),
              jobs, p.cluster().nodeId()),
          new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(jobs.slots())));
    }
    List<Feature> api = apiFeatures(vertx, config, p);
    SecurityHeaders headers = new SecurityHeaders(config.storage().browserEndpoint());
    // the HTTP server last: a node takes requests only once everything behind them is up
    return Future.all(deployed)
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(config.http(), headers, api, new WebUi()),
            new DeploymentOptions().setInstances(HTTP_INSTANCES)))
        .map(http -> {
          List<String> ids = new ArrayList<>(deployed.stream().map(Future::result).toList());
          ids.add(http);
          return ids;
        });
  }

  /** Every API feature, in mount order (see {@link HttpVerticle}). */
  private static List<Feature> apiFeatures(Vertx vertx, KinoraConfig config, Platform p) {
    VideoAccess access = new VideoAccess(p.videos());
    return List.of(
        new VideoApi(p.videos(), access, p.storage(), config.limits()),
        new UploadApi(vertx, p.videos(), p.storage(), config.limits(), config.upload()),
        new EventsApi(vertx, access, p.videos(), config.sseHeartbeatSeconds()),
        new PackagingApi(access, p.videos(), p.signer()),
        new PlaybackApi(access, p.videos(), p.storage(), p.signer()),
        new HealthApi(p.redis(), p.storage(), p.cluster()));
  }

  /** Undeploys the roles (a running job is handed back), then closes the worker pools, Redis and storage. */
  public Future<Void> stop() {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      undeployed.add(vertx.undeploy(deployments.get(i)).otherwiseEmpty());
    }
    return Future.join(undeployed).otherwiseEmpty()
        .compose(v -> vertx.executeBlocking(() -> close(platform, transcoder)))
        .onSuccess(v -> LOG.info("node {} stopped", platform.cluster().nodeId()));
  }

  /** Blocking (Jetty, worker pools): call on a worker thread. */
  private static Void close(Platform platform, FfmpegTranscoder transcoder) {
    if (transcoder != null) {
      transcoder.close();
    }
    platform.storage().close();
    platform.redis().close();
    if (platform.embeddedS3() != null) {
      platform.embeddedS3().stop();
    }
    return null;
  }
}
