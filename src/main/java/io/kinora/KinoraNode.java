package io.kinora;

import io.kinora.events.SseVerticle;
import io.kinora.events.StatusPublisher;
import io.kinora.playback.UrlSigner;
import io.kinora.store.EmbeddedS3;
import io.kinora.store.JobQueue;
import io.kinora.store.ObjectStorage;
import io.kinora.store.RedisStore;
import io.kinora.store.VideoRepository;
import io.kinora.transcode.FfmpegBinaries;
import io.kinora.transcode.Limits;
import io.kinora.transcode.MediaProbe;
import io.kinora.transcode.TranscodePipeline;
import io.kinora.transcode.TranscodeVerticle;
import io.kinora.upload.UploadCompletionVerticle;
import io.kinora.web.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * One Kinora node on a given Vert.x: storage (embedded S3 unless an endpoint is configured),
 * Redis, then the four roles (http, webhook, transcode, sse) as verticles.
 */
public final class KinoraNode {

  private static final Logger LOG = LoggerFactory.getLogger(KinoraNode.class);

  private final Vertx vertx;
  private final KinoraServices services;
  private final EmbeddedS3 embeddedS3;
  private final List<String> deployments;

  private KinoraNode(Vertx vertx, KinoraServices services, EmbeddedS3 embeddedS3, List<String> deployments) {
    this.vertx = vertx;
    this.services = services;
    this.embeddedS3 = embeddedS3;
    this.deployments = deployments;
  }

  /** What a node sets up on its own disk before it talks to anyone (blocking, so on a worker). */
  private record LocalSetup(EmbeddedS3 embeddedS3, Path ffmpegDir) {
  }

  private static LocalSetup prepareLocal(KinoraConfig config) throws Exception {
    // what a crashed run of this node left behind (the data dir is per node)
    TranscodePipeline.deleteRecursively(config.tempDir());
    Files.createDirectories(config.tempDir());
    Path ffmpegDir = FfmpegBinaries.prepare(config.ffmpegDir(), config.dataDir());
    if (!config.embeddedS3()) {
      return new LocalSetup(null, ffmpegDir);
    }
    // loopback only, unless browsers on other machines are told to PUT to it
    String bind = config.s3PublicEndpoint().isBlank() ? "127.0.0.1" : "0.0.0.0";
    return new LocalSetup(EmbeddedS3.start(config.dataDir(), bind, config.s3Port(), config.s3AccessKey(),
        config.s3SecretKey(), List.of(config.corsOrigins().split(","))), ffmpegDir);
  }

  public static Future<KinoraNode> start(Vertx vertx, KinoraConfig config) {
    return vertx.executeBlocking(() -> prepareLocal(config)).compose(local -> {
      EmbeddedS3 embedded = local.embeddedS3();
      RedisStore redis = RedisStore.connect(vertx, config.redisUrl());
      VideoRepository videos = new VideoRepository(redis);
      ObjectStorage storage = new ObjectStorage(vertx, config.storageEndpoint(), config.browserStorageEndpoint(),
          config.s3Region(), config.s3AccessKey(), config.s3SecretKey());
      return storage.ensureBucketsAsync()
          .compose(v -> signingSecret(config, videos))
          .map(secret -> services(vertx, config, redis, videos, storage, secret))
          .compose(services -> deployRoles(vertx, services, local.ffmpegDir())
              .map(ids -> new KinoraNode(vertx, services, embedded, ids)))
          .onFailure(err -> {
            redis.close();
            if (embedded != null) {
              embedded.stop();
            }
          });
    });
  }

  private static Future<String> signingSecret(KinoraConfig config, VideoRepository videos) {
    if (!config.signingSecret().isBlank()) {
      return Future.succeededFuture(config.signingSecret());
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    // set-if-absent in Redis: the first node's secret becomes everyone's
    return videos.signingSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  private static KinoraServices services(Vertx vertx, KinoraConfig config, RedisStore redis,
                                         VideoRepository videos, ObjectStorage storage, String secret) {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    String nodeId = cluster != null ? cluster.getNodeId() : UUID.randomUUID().toString();
    return new KinoraServices(config, nodeId, redis, videos, new JobQueue(redis), storage,
        new StatusPublisher(vertx, videos), new UrlSigner(secret, config.playbackTtlSeconds(), Clock.systemUTC()),
        new Limits(config.maxUploadBytes(), config.maxDurationSeconds(), config.maxDimension()));
  }

  private static Future<List<String>> deployRoles(Vertx vertx, KinoraServices s, Path ffmpegDir) {
    KinoraConfig c = s.config();
    List<Future<String>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new SseVerticle()));
    deployed.add(vertx.deployVerticle(new UploadCompletionVerticle(s.videos(), s.queue(), s.storage(),
        s.publisher(), s.limits())));
    if (c.transcodeSlots() > 0) {
      TranscodePipeline pipeline = new TranscodePipeline(s.storage(), new MediaProbe(ffmpegDir, s.limits()),
          ffmpegDir, c.tempDir(), c.ladder(), c.segmentSeconds(), c.x264Preset(), s.limits());
      deployed.add(vertx.deployVerticle(() -> new TranscodeVerticle(s.queue(), s.publisher(), pipeline,
              s.storage(), c.jobLeaseSeconds(), c.jobMaxAttempts(), c.transcodeSlots(), s.nodeId()),
          new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(c.transcodeSlots())));
    }
    // the HTTP server last: a node takes requests only once everything behind them is up
    return Future.all(deployed)
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(s), new DeploymentOptions().setInstances(2)))
        .map(http -> {
          List<String> ids = new ArrayList<>(deployed.stream().map(Future::result).toList());
          ids.add(http);
          return ids;
        });
  }

  public KinoraServices services() {
    return services;
  }

  /** Undeploys the roles (a running job is handed back), then closes Redis and storage. */
  public Future<Void> stop() {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      undeployed.add(vertx.undeploy(deployments.get(i)).otherwiseEmpty());
    }
    return Future.join(undeployed).otherwiseEmpty().compose(v -> vertx.executeBlocking(() -> {
      services.storage().close();
      services.redis().close();
      if (embeddedS3 != null) {
        embeddedS3.stop();
      }
      LOG.info("node {} stopped", services.nodeId());
      return null;
    }));
  }
}
