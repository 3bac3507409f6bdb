package io.kinora.platform.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;

/**
 * Signs and verifies media URLs with nginx's {@code secure_link_md5} formula:
 * {@code sig = base64url_nopad(md5("{expires}{uri} {secret}"))}, {@code uri} being the decoded
 * path. nginx with {@code secure_link_md5 "$secure_link_expires$uri <secret>"} accepts exactly
 * the URLs this class signs.
 */
public final class UrlSigner {

  /**
   * Expiry times are rounded up to a step so a playlist rewritten now and a moment later is the
   * same text (and caches); the step is a tenth of the TTL, at most 5 minutes, so a link never
   * lives longer than the TTL plus 10 %.
   */
  static final long MAX_EXPIRY_STEP_SECONDS = 300;

  public enum Verdict { VALID, INVALID, EXPIRED }

  private final String secret;
  private final long ttlSeconds;
  private final long stepSeconds;
  private final Clock clock;

  public UrlSigner(String secret, long ttlSeconds, Clock clock) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("a signing secret is required");
    }
    this.secret = secret;
    this.ttlSeconds = ttlSeconds;
    this.stepSeconds = Math.max(1, Math.min(MAX_EXPIRY_STEP_SECONDS, ttlSeconds / 10));
    this.clock = clock;
  }

  /** An expiry between the TTL and the TTL plus one step from now, on a step boundary. */
  public long nextExpiry() {
    long earliest = clock.instant().getEpochSecond() + ttlSeconds;
    return (earliest + stepSeconds - 1) / stepSeconds * stepSeconds;
  }

  public String signature(String uri, long expires) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(uri, expires));
  }

  private byte[] digest(String uri, long expires) {
    try {
      return MessageDigest.getInstance("MD5").digest((expires + uri + " " + secret).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JRE", e);
    }
  }

  public String signedUrl(String uri, long expires) {
    return uri + "?expires=" + expires + "&sig=" + signature(uri, expires);
  }

  /** Same order as nginx: a wrong signature is INVALID (403) even when also expired. */
  public Verdict verify(String uri, String expires, String sig) {
    // nginx: no leading zeros, no zero; expired only once the second has passed
    if (expires == null || sig == null || !expires.matches("[1-9]\\d{0,11}")) {
      return Verdict.INVALID;
    }
    long expiresAt = Long.parseLong(expires);
    // compare digests, not strings: like nginx, accept any base64url spelling of the right bytes
    // (the unused low bits of the last character, optional padding)
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(sig);
    } catch (IllegalArgumentException e) {
      return Verdict.INVALID;
    }
    if (!MessageDigest.isEqual(digest(uri, expiresAt), given)) {
      return Verdict.INVALID;
    }
    return expiresAt < clock.instant().getEpochSecond() ? Verdict.EXPIRED : Verdict.VALID;
  }
}
