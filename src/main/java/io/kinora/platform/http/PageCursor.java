package io.kinora.platform.http;

import io.kinora.platform.error.KinoraException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of a list ordered by time ended (comments, the feed): the last entry's time and id,
 * so the next page starts exactly after it even when many entries share a millisecond. Sent to
 * clients as base64url of {@code "{ms}:{id}"}, opaque to them.
 */
public record PageCursor(long millis, String id) {

  private static final int MAX_LENGTH = 200;
  private static final Pattern FORM = Pattern.compile("(\\d{1,15}):([A-Za-z0-9_-]{1,64})");

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((millis + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor a client sent back, null when it sent none; INVALID_INPUT with {@code refusal} (a
   * sentence saying how to start again) when it is not one of ours.
   */
  public static PageCursor parse(String value, String refusal) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    Matcher m;
    try {
      m = FORM.matcher(new String(Base64.getUrlDecoder().decode(value.length() > MAX_LENGTH ? "" : value),
          StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw KinoraException.invalid(refusal);
    }
    if (!m.matches()) {
      throw KinoraException.invalid(refusal);
    }
    return new PageCursor(Long.parseLong(m.group(1)), m.group(2));
  }
}
