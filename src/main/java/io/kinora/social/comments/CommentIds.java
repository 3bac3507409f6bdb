package io.kinora.social.comments;

import io.kinora.platform.auth.Secrets;

/** Comment ids: 96 random bits, base64url (16 characters), checked by shape before any lookup. */
final class CommentIds {

  static final String PATTERN = "[A-Za-z0-9_-]{16}";

  private CommentIds() {
  }

  static String newId() {
    return Secrets.random(12);
  }

  static boolean isValid(String id) {
    return id != null && id.matches(PATTERN);
  }
}
