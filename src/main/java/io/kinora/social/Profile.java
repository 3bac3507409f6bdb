package io.kinora.social;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What a person shows others on their channel: a display name (their username when they set
 * none), a bio and an avatar, named by a version so a new picture gets a new URL.
 */
public record Profile(String userId, String username, String displayName, String bio, String avatarVersion) {

  static Profile fromHash(String userId, String username, Map<String, String> h) {
    String display = h.getOrDefault("displayName", "");
    return new Profile(userId, username, display.isBlank() ? username : display, h.getOrDefault("bio", ""),
        h.getOrDefault("avatar", ""));
  }

  /** {@code /api/users/{username}/avatar?v=...}, or null when there is no picture. */
  public String avatarUrl() {
    return avatarVersion.isEmpty() ? null : "/api/users/" + username + "/avatar?v=" + avatarVersion;
  }

  /** The short form beside a comment or a video card. */
  public JsonObject authorJson() {
    return new JsonObject().put("username", username).put("displayName", displayName).put("avatarUrl", avatarUrl());
  }
}
