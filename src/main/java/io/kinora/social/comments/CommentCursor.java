package io.kinora.social.comments;

import io.kinora.platform.error.KinoraException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of comments ended: the last comment's creation time and id, so the next page starts
 * exactly after it even when many comments share a millisecond. Sent to clients as base64url of
 * {@code "{ms}:{id}"}, opaque to them.
 */
record CommentCursor(long millis, String id) {

  private static final Pattern FORM = Pattern.compile("(\\d{1,15}):(" + CommentIds.PATTERN + ")");

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((millis + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a client sent back, null when it sent none; INVALID_INPUT when it is not one of ours. */
  static CommentCursor parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    Matcher m;
    try {
      m = FORM.matcher(new String(Base64.getUrlDecoder().decode(value.length() > 200 ? "" : value),
          StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw badCursor();
    }
    if (!m.matches()) {
      throw badCursor();
    }
    return new CommentCursor(Long.parseLong(m.group(1)), m.group(2));
  }

  private static KinoraException badCursor() {
    return KinoraException.invalid("'cursor' is not one this server gave out; ask for the first page without it.");
  }
}
