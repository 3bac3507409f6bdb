package io.kinora.platform.signing;

/**
 * Media URL signing: the secret nginx shares (blank = generated once and kept in Redis) and how
 * long a signed URL lives.
 */
public record SigningSettings(String secret, int ttlSeconds) {
}
