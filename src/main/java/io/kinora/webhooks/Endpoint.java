package io.kinora.webhooks;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/** A registered webhook endpoint. The secret signs every delivery and is shown once, when made. */
record Endpoint(String id, String ownerId, String url, String secret, String createdAt) {

  static Endpoint fromHash(Map<String, String> h) {
    return h.containsKey("id")
        ? new Endpoint(h.get("id"), h.get("ownerId"), h.get("url"), h.get("secret"), h.get("createdAt"))
        : null;
  }

  /** What the owner may see again: everything but the secret. */
  JsonObject toPublicJson() {
    return new JsonObject().put("id", id).put("url", url).put("createdAt", createdAt);
  }
}
