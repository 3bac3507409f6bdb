package io.kinora.platform.http;

import io.vertx.ext.web.Router;

/**
 * A feature's HTTP face: it adds its own routes to the node's router. The app builds the router
 * once and mounts every feature in order; a feature never sees another feature's routes.
 */
public interface Feature {

  void mount(Router router);
}
