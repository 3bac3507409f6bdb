package io.kinora.ui;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The API reference on the node itself: {@code /api/openapi.yaml} is the contract (docs/openapi.yaml,
 * copied into the jar by the build), {@code /api/docs} renders it with Swagger UI from its WebJar
 * (pinned in pom.xml, never a CDN). Everything is loaded once at start: it is immutable.
 */
public final class ApiDocs implements Feature {

  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/" + StaticAssets.pinned("swaggerui.version") + "/";

  private static final Buffer PAGE = StaticAssets.resource("api-docs/index.html");
  private static final Buffer CONTRACT = StaticAssets.resource("api/openapi.yaml");
  /** What the page loads, by the name it asks for: Swagger UI's files and our init script (the CSP forbids inline ones). */
  private static final Map<String, Asset> ASSETS = Map.of(
      "swagger-ui.css", new Asset("text/css; charset=utf-8", StaticAssets.resource(SWAGGER_UI + "swagger-ui.css")),
      "swagger-ui-bundle.js", new Asset("text/javascript; charset=utf-8", StaticAssets.resource(SWAGGER_UI + "swagger-ui-bundle.js")),
      "init.js", new Asset("text/javascript; charset=utf-8", StaticAssets.resource("api-docs/init.js")));

  private record Asset(String contentType, Buffer bytes) {
  }

  @Override
  public void mount(Router router) {
    router.get("/api/docs").handler(ApiDocs::page);
    router.get("/api/docs/:asset").handler(ApiDocs::asset);
    router.get("/api/openapi.yaml").handler(ApiDocs::contract);
  }

  private static void page(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(PAGE);
  }

  private static void contract(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(CONTRACT);
  }

  private static void asset(RoutingContext ctx) {
    Asset asset = ASSETS.get(ctx.pathParam("asset"));
    if (asset == null) {
      ctx.fail(KinoraException.notFound("No such file of the API reference."));
      return;
    }
    ctx.response().putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", "public, max-age=86400")
        .end(asset.bytes());
  }
}
