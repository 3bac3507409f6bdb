package io.kinora.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kinora's own measurements, named {@code kinora_*} in Prometheus, in the registry that also holds
 * Vert.x's (HTTP server and client, event bus, pools) when the node's Vert.x was built with it,
 * and the JVM's. Features record through the named methods here, so every metric name and label
 * is spelled in one place and every label has a bounded set of values.
 */
public final class KinoraMetrics {

  /** How a transcode run ended: the {@code outcome} label. */
  public enum Outcome {
    READY,
    /** The input was refused (not a video, over a limit): failed for good. */
    REJECTED,
    /** A server-side error; the job runs again later. */
    RETRIED,
    /** A server-side error on the last attempt: failed for good. */
    FAILED,
    /** The node stopped or lost the job's lease: another run takes it over. */
    HANDED_BACK
  }

  /** Why a video ended {@code failed}: the {@code reason} label. */
  public enum FailureReason {
    /** The file is not a video Kinora can take (bad input, over a limit). */
    INPUT,
    /** The upload itself was refused when completed (empty, too large, over quota). */
    UPLOAD,
    /** Server-side errors until the attempts ran out. */
    SERVER,
    /** The job was interrupted (nodes stopped) until the attempts ran out. */
    INTERRUPTED
  }

  private final PrometheusMeterRegistry registry;
  private final AtomicLong queueDepth = new AtomicLong();
  private final AtomicInteger jobsRunning = new AtomicInteger();
  private final AtomicInteger sseConnections = new AtomicInteger();
  private final Counter uploadedBytes;
  private final Counter signInFailures;

  public KinoraMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("kinora.queue.depth", queueDepth, AtomicLong::get)
        .description("Jobs waiting in the cluster's queue, as this node last read it").register(registry);
    Gauge.builder("kinora.jobs.running", jobsRunning, AtomicInteger::get)
        .description("Transcodes running on this node").register(registry);
    Gauge.builder("kinora.sse.connections", sseConnections, AtomicInteger::get)
        .description("Live status streams open on this node").register(registry);
    uploadedBytes = Counter.builder("kinora.upload.bytes").baseUnit("bytes")
        .description("Bytes of originals accepted into storage").register(registry);
    signInFailures = Counter.builder("kinora.signin.failures")
        .description("Sign-ins refused: wrong name or password, or too many tries").register(registry);
  }

  /** A registry of its own with the JVM's metrics bound: for a node whose Vert.x has no metrics (tests, tools). */
  public static KinoraMetrics standalone() {
    return new KinoraMetrics(withJvmMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  /** Binds the JVM's memory, GC, threads, class loading, CPU and uptime to the registry. */
  public static PrometheusMeterRegistry withJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void queueDepth(long jobs) {
    queueDepth.set(jobs);
  }

  public void jobStarted() {
    jobsRunning.incrementAndGet();
  }

  /** A run on this node ended; {@code took} is its wall time. */
  public void jobEnded(Outcome outcome, Duration took) {
    jobsRunning.decrementAndGet();
    Timer.builder("kinora.transcode.duration")
        .description("Wall time of a transcode run, by how it ended")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofHours(4))
        .register(registry)
        .record(took);
  }

  /** A run on this node made its video playable while processing, {@code took} after it began. */
  public void firstSegmentsStored(Duration took) {
    Timer.builder("kinora.time.to.playable")
        .description("Wall time from the start of a transcode run until its video plays (every rendition's first segment stored)")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(500))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry)
        .record(took);
  }

  public void videoFailed(FailureReason reason) {
    Counter.builder("kinora.video.failures").description("Videos that ended failed, by reason")
        .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry).increment();
  }

  public void uploaded(long bytes) {
    uploadedBytes.increment(bytes);
  }

  public void sseOpened() {
    sseConnections.incrementAndGet();
  }

  public void sseClosed() {
    sseConnections.decrementAndGet();
  }

  /** A signed media URL refused: 403 (bad signature) or 410 (expired). */
  public void signedUrlRejected(int status) {
    Counter.builder("kinora.signed.url.rejections").description("Signed media URLs refused, by HTTP status")
        .tag("status", status == 410 ? "410" : "403").register(registry).increment();
  }

  public void signInFailed() {
    signInFailures.increment();
  }
}
