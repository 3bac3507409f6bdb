package io.kinora.platform.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Sits in front of the embedded S3 server and refuses what a signature does not cover. S3 checks
 * only the headers a request lists as signed, so a presigned upload URL with an unsigned
 * {@code x-amz-copy-source} header becomes a server-side copy of any object the signing identity
 * can read (another person's original), and {@code x-amz-acl} would change who may read it. Here:
 * <ul>
 *   <li>every {@code x-amz-*} header must be one the request signed;</li>
 *   <li>a presigned (query-signed) request must be a PUT that signed its {@code Content-Length},
 *       with no other framing ({@code Transfer-Encoding}); only uploads are ever presigned.</li>
 * </ul>
 * Requests without credentials (CORS preflights) pass: S3Proxy itself refuses anonymous access.
 */
final class SignedHeadersOnly extends HandlerWrapper {

  private static final String QUERY_SIGNED_HEADERS = "X-Amz-SignedHeaders";
  private static final String HEADER_SIGNED = "SignedHeaders=";

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, jakarta.servlet.ServletException {
    String refusal = refusal(request);
    if (refusal != null) {
      base.setHandled(true);
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/xml");
      byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>"
          + refusal + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      return;
    }
    super.handle(target, base, request, response);
  }

  private static String refusal(HttpServletRequest request) {
    return refusal(request.getMethod(), request.getParameter(QUERY_SIGNED_HEADERS), request.getHeader("Authorization"),
        Collections.list(request.getHeaderNames()));
  }

  /**
   * Why a request is refused, or null when its signature covers everything that matters.
   *
   * @param presignedHeaders the {@code X-Amz-SignedHeaders} query parameter (null: not presigned)
   */
  static String refusal(String method, String presignedHeaders, String authorization, Collection<String> headers) {
    Set<String> signed = presignedHeaders != null ? names(presignedHeaders) : namesFromAuthorization(authorization);
    boolean framed = false;
    for (String header : headers) {
      String name = header.toLowerCase(Locale.ROOT);
      if (name.startsWith("x-amz-") && !signed.contains(name)) {
        return "The header " + name + " is not signed.";
      }
      framed |= name.equals("transfer-encoding");
    }
    if (presignedHeaders == null || "OPTIONS".equals(method)) {
      return null; // a CORS preflight carries the URL's query but no body and no effect
    }
    if (!"PUT".equals(method)) {
      return "Presigned URLs here only upload.";
    }
    if (!signed.contains("content-length") || framed) {
      return "A presigned upload must send exactly the signed Content-Length.";
    }
    return null;
  }

  private static Set<String> namesFromAuthorization(String authorization) {
    if (authorization == null) {
      return Set.of();
    }
    int at = authorization.indexOf(HEADER_SIGNED);
    if (at < 0) {
      return Set.of();
    }
    String rest = authorization.substring(at + HEADER_SIGNED.length());
    int end = rest.indexOf(',');
    return names(end < 0 ? rest : rest.substring(0, end));
  }

  private static Set<String> names(String list) {
    return new HashSet<>(Arrays.asList(list.trim().toLowerCase(Locale.ROOT).split(";")));
  }
}
