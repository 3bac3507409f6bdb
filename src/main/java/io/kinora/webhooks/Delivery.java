package io.kinora.webhooks;

import java.util.Map;

/**
 * One event on its way to one endpoint. {@code windowStart} is when retrying began (the event, or
 * the last resend); {@code claim} names the node's attempt in progress, empty when none is.
 */
record Delivery(String id, String endpointId, String eventId, String type, String body, long windowStart,
                int attempts, String claim) {

  static Delivery fromHash(Map<String, String> h) {
    if (!h.containsKey("id")) {
      return null;
    }
    return new Delivery(h.get("id"), h.get("endpointId"), h.get("eventId"), h.get("type"), h.get("body"),
        Long.parseLong(h.getOrDefault("windowStart", "0")), Integer.parseInt(h.getOrDefault("attempts", "0")),
        h.getOrDefault("claim", ""));
  }
}
