package io.kinora.account;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/** An account as Redis keeps it (a hash of strings); the password hash never leaves this package. */
record User(String id, String username, String email, Role role, boolean disabled, long quotaBytes,
            long usedBytes, String createdAt, String passwordHash) {

  enum Role {
    USER, ADMIN;

    String wire() {
      return this == ADMIN ? "admin" : "user";
    }

    static Role fromWire(String value) {
      return "admin".equals(value) ? ADMIN : USER;
    }
  }

  static User fromHash(Map<String, String> h) {
    return new User(h.get("id"), h.get("username"), h.getOrDefault("email", ""),
        Role.fromWire(h.get("role")), "1".equals(h.get("disabled")),
        number(h.get("quotaBytes")), number(h.get("usedBytes")), h.get("createdAt"), h.get("password"));
  }

  boolean admin() {
    return role == Role.ADMIN;
  }

  /** What an administrator sees of an account. */
  JsonObject toAdminJson() {
    return toJson().put("email", email).put("disabled", disabled).put("createdAt", createdAt);
  }

  /** {@code GET /api/me} and the answer to sign-up and sign-in. */
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("username", username).put("role", role.wire())
        .put("quotaBytes", quotaBytes).put("usedBytes", usedBytes);
  }

  private static long number(String value) {
    try {
      return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
