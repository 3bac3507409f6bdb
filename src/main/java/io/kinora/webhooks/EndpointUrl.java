package io.kinora.webhooks;

import io.kinora.platform.error.KinoraException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook URL as Kinora accepts it: http or https, a host, no credentials, no fragment, at most
 * {@link #MAX_LENGTH} characters. Parsed once so the check and the request see the same host.
 *
 * @param requestUri path and query, as sent on the request line
 */
public record EndpointUrl(String url, boolean https, String host, int port, String requestUri) {

  public static final int MAX_LENGTH = 2000;

  /** The URL, or INVALID_INPUT with a sentence saying what is wrong with it. */
  public static EndpointUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw KinoraException.invalid("'url' is required: the https:// address Kinora should POST events to.");
    }
    if (url.length() > MAX_LENGTH) {
      throw KinoraException.invalid("'url' must be at most " + MAX_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw KinoraException.invalid("'url' is not a valid URL (" + e.getReason() + ").");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw KinoraException.invalid("'url' must start with https:// (or http://).");
    }
    if (uri.getRawUserInfo() != null) {
      throw KinoraException.invalid("'url' must not contain a user name or password; "
          + "check the Kinora-Signature header instead.");
    }
    if (uri.getRawFragment() != null) {
      throw KinoraException.invalid("'url' must not contain a #fragment.");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw KinoraException.invalid("'url' has no host name Kinora can send to.");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new EndpointUrl(uri.toString(), https, host.toLowerCase(Locale.ROOT), port, requestUri);
  }
}
