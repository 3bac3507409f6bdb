package io.kinora.video;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Unguessable video IDs: 128 random bits, base64url without padding (22 characters). */
public final class VideoIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{22}");

  private VideoIds() {
  }

  public static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Checked before any lookup, so malformed input never reaches Redis or storage. */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
