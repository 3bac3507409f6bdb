package io.kinora.social.playlists;

import io.kinora.platform.auth.Caller;
import io.kinora.social.Profile;
import io.kinora.video.Visibility;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;

/**
 * A playlist's record as {@code kinora:playlist:{pid}} holds it, and its JSON.
 *
 * @param videoCount entries the reader may see: all for those who may manage it, else the public, ready ones
 */
record Playlist(String id, String ownerId, String title, String description, Visibility visibility,
                String createdAt, String updatedAt, long createdMillis, long videoCount) {

  /** Null when the hash is empty (no such playlist). */
  static Playlist fromHash(Map<String, String> h, long videoCount) {
    if (h.get("id") == null) {
      return null;
    }
    return new Playlist(h.get("id"), h.getOrDefault("ownerId", ""), h.getOrDefault("title", ""),
        h.getOrDefault("description", ""), visibility(h.get("visibility")), h.get("createdAt"), h.get("updatedAt"),
        (long) Double.parseDouble(h.getOrDefault("createdMs", "0")), videoCount);
  }

  /** The same playlist with another count: what a reader who may not see every entry is told. */
  Playlist withCount(long count) {
    return new Playlist(id, ownerId, title, description, visibility, createdAt, updatedAt, createdMillis, count);
  }

  /** Stored values are always one of the three; anything else reads as private, the safe side. */
  private static Visibility visibility(String stored) {
    return Arrays.stream(Visibility.values()).filter(v -> v.wire().equals(stored)).findFirst()
        .orElse(Visibility.PRIVATE);
  }

  /** Private playlists: their owner and admins; unlisted and public ones: anyone with the id. */
  boolean visibleTo(Caller caller) {
    return visibility != Visibility.PRIVATE || caller.mayManage(ownerId);
  }

  JsonObject toJson(Profile owner) {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("description", description)
        .put("visibility", visibility.wire())
        .put("owner", owner == null ? null
            : new JsonObject().put("username", owner.username()).put("displayName", owner.displayName()))
        .put("videoCount", videoCount)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }
}
