package io.kinora.ops;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.metrics.KinoraMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;


/** {@code GET /metrics}: this node's metrics in Prometheus' text format, behind an optional bearer token. */
public final class MetricsApi implements Feature {

  private final OpsSettings settings;
  private final Handler<RoutingContext> scrape;

  public MetricsApi(KinoraMetrics metrics, OpsSettings settings) {
    this.settings = settings;
    this.scrape = PrometheusScrapingHandler.create(metrics.registry());
  }

  @Override
  public void mount(Router router) {
    router.get("/metrics").handler(this::authorize).handler(scrape);
  }

  private void authorize(RoutingContext ctx) {
    String token = settings.metricsToken();
    if (!token.isBlank()) {
      if (!Secrets.bearer(ctx.request().getHeader("Authorization"), token)) {
        throw new KinoraException(ErrorCode.UNAUTHORIZED, "The metrics need a bearer token: scrape with "
            + "'Authorization: Bearer <KINORA_METRICS_TOKEN>'.");
      }
    }
    ctx.next();
  }
}
