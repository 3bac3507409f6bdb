package io.kinora.platform.s3;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the embedded store refuses in front of S3's own signature check. */
class SignedHeadersOnlyTest {

  private static final String NODE_AUTH = "AWS4-HMAC-SHA256 Credential=k/20261207/us-east-1/s3/aws4_request, "
      + "SignedHeaders=host;x-amz-content-sha256;x-amz-copy-source;x-amz-date, Signature=abc";

  @Test
  void aPresignedUploadWithItsSignedLengthPasses() {
    assertNull(SignedHeadersOnly.refusal("PUT", "content-length;host", null, List.of("Host", "Content-Length")));
  }

  @Test
  void aPresignedUploadWithAnUnsignedCopySourceIsRefused() {
    assertEquals("The header x-amz-copy-source is not signed.", SignedHeadersOnly.refusal("PUT",
        "content-length;host", null, List.of("Host", "Content-Length", "X-Amz-Copy-Source")));
  }

  @Test
  void anUnsignedAclIsRefusedWhateverTheCase() {
    assertNotNull(SignedHeadersOnly.refusal("PUT", "content-length;host", null, List.of("x-AMZ-acl")));
  }

  @Test
  void aPresignedUrlThatDoesNotSignItsLengthIsRefused() {
    assertNotNull(SignedHeadersOnly.refusal("PUT", "host", null, List.of("Host", "Content-Length")));
  }

  @Test
  void aChunkedBodyCannotSlipPastTheSignedLength() {
    assertNotNull(SignedHeadersOnly.refusal("PUT", "content-length;host", null,
        List.of("Host", "Content-Length", "Transfer-Encoding")));
  }

  @Test
  void presignedUrlsOnlyUpload() {
    assertNotNull(SignedHeadersOnly.refusal("GET", "content-length;host", null, List.of("Host")));
    assertNotNull(SignedHeadersOnly.refusal("POST", "content-length;host", null, List.of("Host")));
  }

  @Test
  void theNodesOwnSignedCopyPasses() {
    assertNull(SignedHeadersOnly.refusal("PUT", null, NODE_AUTH,
        List.of("Host", "Authorization", "x-amz-content-sha256", "x-amz-date", "x-amz-copy-source")));
  }

  @Test
  void aHeaderTheNodesSignatureDoesNotListIsRefused() {
    assertNotNull(SignedHeadersOnly.refusal("PUT", null, NODE_AUTH, List.of("Authorization", "x-amz-acl")));
  }

  @Test
  void aPreflightOfAPresignedUrlPasses() {
    assertNull(SignedHeadersOnly.refusal("OPTIONS", "content-length;host", null, List.of("Origin")));
  }

  @Test
  void anAnonymousPreflightPasses() {
    assertNull(SignedHeadersOnly.refusal("OPTIONS", null, null, List.of("Origin", "Access-Control-Request-Method")));
  }
}
