package io.kinora.social.comments;

import io.kinora.social.Profile;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;

/**
 * One comment as Redis keeps it ({@code kinora:comment:{cid}}, a hash of strings). A top-level
 * comment has an empty {@code parentId}; a reply names its thread. A deleted comment that still
 * had replies stays as a placeholder: {@code deleted} set, text and author cleared.
 */
record Comment(String id, String videoId, String parentId, String authorId, String text, long createdMillis,
               long editedMillis, long replyCount, boolean deleted) {

  static Comment fromHash(Map<String, String> h) {
    if (h.isEmpty() || !h.containsKey("id")) {
      return null;
    }
    return new Comment(h.get("id"), h.getOrDefault("videoId", ""), h.getOrDefault("parentId", ""),
        h.getOrDefault("authorId", ""), h.getOrDefault("text", ""), number(h.get("createdAt")),
        number(h.get("editedAt")), number(h.get("replyCount")), "1".equals(h.get("deleted")));
  }

  boolean topLevel() {
    return parentId.isEmpty();
  }

  /** The thread this comment belongs to: itself when top-level, else its parent. */
  String threadId() {
    return topLevel() ? id : parentId;
  }

  /** The contract's form; {@code author} is null for a placeholder or an account that is gone. */
  JsonObject toJson(Profile author) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("parentId", topLevel() ? null : parentId)
        .put("author", deleted || author == null ? null : author.authorJson())
        .put("text", deleted ? "" : text)
        .put("createdAt", Instant.ofEpochMilli(createdMillis).toString());
    if (editedMillis > 0 && !deleted) {
      json.put("editedAt", Instant.ofEpochMilli(editedMillis).toString());
    }
    json.put("replyCount", replyCount);
    if (deleted) {
      json.put("deleted", true);
    }
    return json;
  }

  private static long number(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    return Long.parseLong(value);
  }
}
