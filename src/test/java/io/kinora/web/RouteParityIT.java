package io.kinora.web;

import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/openapi.yaml is the contract: it names exactly the routes a node mounts, read from the
 * router built the way the HTTP verticles build it ({@code KinoraNode#mountRoutes}), as
 * {@code "METHOD /path/{param}"} with the router's parameter names.
 */
@KinoraTest
@Tag("fast")
class RouteParityIT {

  static TestNode node;
  static KinoraClient client;

  private static final Path CONTRACT = Path.of("docs", "openapi.yaml");
  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /**
   * The web UI's pages and the players' scripts: left out of the contract on purpose. They are
   * pages for people, not an interface for programs (their behaviour is pinned by the *UiIT
   * browser tests), and the static handler behind them answers any other path anyway. The
   * channel page's route is a regex, named by its pattern.
   */
  private static final Set<String> UI_ROUTES = Set.of(
      "GET /vendor/hls.min.js", "GET /vendor/dash.all.min.js", "GET /favicon.ico",
      "GET /watch/{id}", "GET /playlist/{pid}", "GET /search", "GET /feed",
      "GET /signin", "GET /signup", "GET /tokens", "GET /admin", "GET /webhooks", "GET /admin/dashboard",
      "GET /@[^/]{1,64}");

  private static Set<String> mounted;
  private static Set<String> documented;

  @BeforeAll
  static void readBothSides() throws Exception {
    mounted = mountedRoutes();
    documented = documentedRoutes();
  }

  /** Every route that answers a method: middleware and catch-alls (no method) are not endpoints. */
  private static Set<String> mountedRoutes() {
    Router router = Router.router(node.vertx());
    node.node().mountRoutes(router);
    Set<String> routes = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      // a path with parameters is matched as a regex, so only its name keeps the path as mounted
      String mountedAs = route.getPath() != null ? route.getPath() : route.getName();
      String path = mountedAs.replaceAll(":(\\w+)", "{$1}");
      route.methods().forEach(method -> routes.add(method.name() + " " + path));
    }
    return routes;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedRoutes() throws Exception {
    Map<String, Object> contract;
    try (Reader in = Files.newBufferedReader(CONTRACT)) {
      contract = new Yaml().load(in);
    }
    Set<String> routes = new TreeSet<>();
    ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> item.keySet().stream()
        .filter(OPERATIONS::contains)
        .forEach(method -> routes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
    return routes;
  }

  @Test
  void everyMountedRouteIsInTheContract() {
    Set<String> missing = new TreeSet<>(mounted);
    missing.removeAll(documented);
    missing.removeAll(UI_ROUTES);
    assertEquals(Set.of(), missing, "mounted but not in " + CONTRACT + ": add them there");
  }

  @Test
  void everyRouteInTheContractIsMounted() {
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(mounted);
    assertEquals(Set.of(), unknown, "in " + CONTRACT + " but no node mounts them");
  }

  @Test
  void theUiAllowlistNamesOnlyMountedPages() {
    Set<String> stale = new TreeSet<>(UI_ROUTES);
    stale.removeAll(mounted);
    assertEquals(Set.of(), stale, "no longer mounted: drop them from UI_ROUTES");
    assertTrue(mounted.size() > UI_ROUTES.size() + 50, "the router was read: " + mounted);
  }

  @Test
  void theNodeServesTheContractInTheRepository() throws Exception {
    HttpResponse<Buffer> served = client.get("/api/openapi.yaml");
    assertEquals(200, served.statusCode());
    assertTrue(served.getHeader("Content-Type").startsWith("application/yaml"), served.getHeader("Content-Type"));
    assertArrayEquals(Files.readAllBytes(CONTRACT), served.body().getBytes());
  }
}
