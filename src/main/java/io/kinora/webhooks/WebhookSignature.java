package io.kinora.webhooks;

import io.kinora.platform.auth.Secrets;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The {@code Kinora-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>},
 * the scheme Stripe and Mux use. The time is signed too, so a receiver can refuse old replays.
 */
public final class WebhookSignature {

  public static final String HEADER = "Kinora-Signature";

  private WebhookSignature() {
  }

  public static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
  }

  static String hmacHex(String secret, String message) {
    return HexFormat.of().formatHex(Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), message));
  }
}
