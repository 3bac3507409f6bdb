package io.kinora.app;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.ApiBodies;
import io.kinora.platform.http.ClientAddress;
import io.kinora.platform.http.ConnectionGuard;
import io.kinora.platform.http.InFlightLimit;
import io.kinora.platform.http.RequestIds;
import io.kinora.platform.http.FailureHandler;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.HttpSettings;
import io.kinora.platform.http.Responses;
import io.kinora.platform.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The http role. Connections are bounded first ({@link ConnectionGuard}), then requests
 * ({@link InFlightLimit}). The router is built here, once per instance: security headers, who is calling
 * (on the API), then each API
 * feature mounts its own routes (in the order given: the video feature first, since it checks
 * every {@code /api/videos/{id}} path), then unknown API paths answer 404, then the web UI takes
 * whatever is left. Failures of every route become answers in one {@link FailureHandler}.
 * <p>
 * The server listens from the start of the node, before its storage and Redis answer. Until the
 * node's {@link Routes} are ready, {@code /health} says what the node waits for and every other
 * request is answered 503 with {@code Retry-After}.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpSettings settings;
  private final ConnectionGuard connections;
  private final InFlightLimit inFlight;
  private final SecurityHeaders securityHeaders;
  private final Future<Routes> routes;
  private final Handler<RoutingContext> healthWhileStarting;
  /** The starting router, then the node's own; only touched on this verticle's event loop. */
  private Router router;

  /** What the node serves once it has started: who is calling, the API features, the web UI. */
  public record Routes(Handler<RoutingContext> authenticator, List<Feature> apiFeatures, Feature webUi) {
  }

  public HttpVerticle(HttpSettings settings, ConnectionGuard connections, InFlightLimit inFlight,
                      SecurityHeaders securityHeaders, Future<Routes> routes,
                      Handler<RoutingContext> healthWhileStarting) {
    this.settings = settings;
    this.connections = connections;
    this.inFlight = inFlight;
    this.securityHeaders = securityHeaders;
    this.routes = routes;
    this.healthWhileStarting = healthWhileStarting;
  }

  @Override
  public Future<?> start() {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
        .setIdleTimeout(settings.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
        // HTTP/1.1 only (as nginx speaks to upstreams): sniffing for cleartext HTTP/2 would hold
        // each new connection back from the ConnectionGuard until its first bytes arrive
        .setHttp2ClearTextEnabled(false));
    router = startingRouter();
    routes.onSuccess(ready -> context.runOnContext(v -> router = router(ready)));
    return connections.install(vertx, server, request -> router.handle(request))
        .listen(settings.port())
        .onSuccess(listening -> LOG.info("HTTP on port {}", listening.actualPort()));
  }

  private Router router(Routes routes) {
    Router router = Router.router(vertx);
    // shed first, before a request costs anything
    router.route().handler(inFlight).handler(securityHeaders).handler(new RequestIds())
        .handler(new ClientAddress(settings.trustedProxies()));
    // bodies first (see ApiBodies), then who is calling, decided once; media and static files
    // need nobody (media URLs carry their own signature)
    router.route("/api/*").handler(new ApiBodies()).handler(routes.authenticator());
    mountRoutes(router, routes.apiFeatures(), routes.webUi());
    router.route().failureHandler(new FailureHandler());
    router.errorHandler(404, ctx -> Responses.error(ctx, 404, "Not found."));
    return router;
  }

  private Router startingRouter() {
    Router router = Router.router(vertx);
    router.route().handler(inFlight).handler(securityHeaders).handler(new RequestIds());
    router.get("/health").handler(healthWhileStarting);
    router.route().handler(ctx -> ctx.fail(KinoraException.unavailable(
        "This server is starting and cannot answer yet; try again in a moment.", null)));
    router.route().failureHandler(new FailureHandler());
    return router;
  }

  /**
   * The node's routes, in order: the API features, then 404 for any other API path, then the web
   * UI. Public so the contract test reads the very routes a node serves (docs/openapi.yaml).
   */
  public static void mountRoutes(Router router, List<Feature> apiFeatures, Feature webUi) {
    apiFeatures.forEach(feature -> feature.mount(router));
    router.route("/api/*").handler(ctx -> ctx.fail(KinoraException.notFound("No such API endpoint.")));
    webUi.mount(router);
  }
}
