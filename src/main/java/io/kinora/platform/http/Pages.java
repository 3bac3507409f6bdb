package io.kinora.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The one shape of a page in a response: {@code {items, page, pageSize, total}} or {@code {items, nextCursor}}. */
public final class Pages {

  private Pages() {
  }

  /** A numbered page of a list of {@code total} entries. */
  public static JsonObject envelope(JsonArray items, PageRequest request, long total) {
    return envelope(items, request).put("total", total);
  }

  /** A numbered page whose total is told elsewhere (a playlist states its own count). */
  public static JsonObject envelope(JsonArray items, PageRequest request) {
    return new JsonObject().put("items", items).put("page", request.page()).put("pageSize", request.size());
  }

  /** A page read by cursor; {@code next} is null on the last page. */
  public static JsonObject envelope(JsonArray items, PageCursor next) {
    return new JsonObject().put("items", items).put("nextCursor", next == null ? null : next.encode());
  }
}
