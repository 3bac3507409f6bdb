package io.kinora.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and signing secrets. */
final class Randoms {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Randoms() {
  }

  /** {@code bytes} random bytes, base64url without padding, after {@code prefix}. */
  static String token(String prefix, int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
