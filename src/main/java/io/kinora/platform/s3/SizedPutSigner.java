package io.kinora.platform.s3;

import io.kinora.platform.auth.Secrets;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Presigned PUT URLs that store exactly {@code length} bytes at one key and can do nothing else.
 * AWS Signature V4 in query form over {@code content-length} and {@code host}: the MinIO SDK's
 * presigner signs the host only, so its URLs took a body of any size. The method, the path and
 * every query parameter (an upload ID, a part number) are signed too, so the URL cannot be turned
 * into a read, a listing, another key or another part. Headers it does not sign (such as
 * {@code x-amz-copy-source}) are refused by the embedded store ({@link SignedHeadersOnly}) and, on
 * MinIO, are useless to the upload identity, which may only put objects.
 *
 * <p>Pure computation (an HMAC chain): safe on the event loop.
 */
public final class SizedPutSigner {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String SIGNED_HEADERS = "content-length;host";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  /** S3 accepts presigned URLs for at most a week. */
  private static final Duration MAX_TTL = Duration.ofDays(7);

  private final URI endpoint;
  private final String region;
  private final String accessKey;
  private final String secretKey;
  private final Clock clock;

  public SizedPutSigner(String endpoint, String region, String accessKey, String secretKey, Clock clock) {
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.clock = clock;
  }

  /** A PUT of exactly {@code length} bytes to {@code bucket/key}; {@code query} joins what is signed. */
  public String put(String bucket, String key, long length, Duration ttl, Map<String, String> query) {
    if (length < 0 || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("length " + length + " or ttl " + ttl + " out of range");
    }
    String stamp = STAMP.format(clock.instant());
    String day = stamp.substring(0, 8);
    String scope = day + "/" + region + "/s3/aws4_request";
    String path = endpoint.getRawPath() + "/" + bucket + "/" + encode(key, false);

    TreeMap<String, String> params = new TreeMap<>();
    query.forEach((name, value) -> params.put(encode(name, true), encode(value, true)));
    params.put("X-Amz-Algorithm", ALGORITHM);
    params.put("X-Amz-Credential", encode(accessKey + "/" + scope, true));
    params.put("X-Amz-Date", stamp);
    params.put("X-Amz-Expires", Long.toString(ttl.toSeconds()));
    params.put("X-Amz-SignedHeaders", encode(SIGNED_HEADERS, true));
    StringJoiner canonicalQuery = new StringJoiner("&");
    params.forEach((name, value) -> canonicalQuery.add(name + "=" + value));

    String canonicalRequest = "PUT\n" + path + "\n" + canonicalQuery + "\n"
        + "content-length:" + length + "\n" + "host:" + hostHeader() + "\n\n"
        + SIGNED_HEADERS + "\nUNSIGNED-PAYLOAD";
    String toSign = ALGORITHM + "\n" + stamp + "\n" + scope + "\n" + Secrets.sha256(canonicalRequest);
    byte[] signingKey = Secrets.hmacSha256(Secrets.hmacSha256(Secrets.hmacSha256(Secrets.hmacSha256(
        ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day), region), "s3"), "aws4_request");
    String signature = HexFormat.of().formatHex(Secrets.hmacSha256(signingKey, toSign));

    return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path + "?" + canonicalQuery
        + "&X-Amz-Signature=" + signature;
  }

  /** What a client sends as {@code Host}: the port only when it is not the scheme's default. */
  private String hostHeader() {
    int port = endpoint.getPort();
    boolean defaultPort = port == -1 || ("http".equals(endpoint.getScheme()) && port == 80)
        || ("https".equals(endpoint.getScheme()) && port == 443);
    return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
  }

  /** S3's URI encoding: unreserved characters stay, everything else is %XX; '/' stays in paths. */
  static String encode(String value, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
