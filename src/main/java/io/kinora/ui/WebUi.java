package io.kinora.ui;

import io.kinora.platform.http.Feature;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.List;

/**
 * The browser UI from {@code webroot/}: pages, modules, hls.js, {@code /watch/{id}} (the link
 * people share) and the account pages at short paths. Mounted last: its static handler answers
 * whatever no API route took. Pages are assembled ({@link PageAssembler}), everything else is
 * served as the file it is.
 */
public final class WebUi implements Feature {

  /** Short paths of pages: {@code /signin} shows {@code signin.html}, and so on. */
  private static final List<String> PAGES = List.of("signin", "signup", "tokens", "admin", "webhooks");
  private static final int MAX_AGE_SECONDS = 300;

  @Override
  public void mount(Router router) {
    router.get("/vendor/hls.min.js").handler(StaticAssets::hlsJs);
    router.get("/vendor/dash.all.min.js").handler(StaticAssets::dashJs);
    router.get("/watch/:id").handler(ctx -> ctx.reroute("/watch.html"));
    router.get("/playlist/:pid").handler(ctx -> ctx.reroute("/playlist.html"));
    // what browsers ask for when a page names no icon (an image, a JSON answer opened in a tab)
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/favicon.svg"));
    for (String page : PAGES) {
      router.get("/" + page).handler(ctx -> ctx.reroute("/" + page + ".html"));
    }
    router.get("/search").handler(ctx -> ctx.reroute("/search.html"));
    router.get("/admin/dashboard").handler(ctx -> ctx.reroute("/admin-dashboard.html"));
    router.getWithRegex("/@[^/]{1,64}").handler(ctx -> ctx.reroute("/channel.html"));
    router.get("/feed").handler(ctx -> ctx.reroute("/feed.html"));
    // no method, like the static handler: these are files for people, not API routes (the API contract, docs/openapi.yaml, leaves them out)
    router.routeWithRegex(PageHandler.PAGE_PATHS).handler(new PageHandler(MAX_AGE_SECONDS));
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(MAX_AGE_SECONDS));
  }
}
