package io.kinora.ui;

import io.kinora.platform.http.Feature;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser UI from {@code webroot/}: pages, modules, hls.js, and {@code /watch/{id}}, the link
 * people share. Mounted last: its static handler answers whatever no API route took.
 */
public final class WebUi implements Feature {

  @Override
  public void mount(Router router) {
    router.get("/vendor/hls.min.js").handler(StaticAssets::hlsJs);
    router.get("/watch/:id").handler(ctx -> ctx.reroute("/watch.html"));
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(300));
  }
}
