package io.kinora.platform.s3;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shape of a size-bound upload URL; that storage honours it is StorageEdgeIT's part. */
class SizedPutSignerTest {

  private final SizedPutSigner signer = new SizedPutSigner("http://127.0.0.1:9000", "us-east-1", "key", "secret",
      Clock.fixed(Instant.parse("2026-12-07T13:00:00Z"), ZoneOffset.UTC));

  @Test
  void theUrlSignsTheLengthBesideTheHost() {
    String url = signer.put("uploads", "abc/original", 1000, Duration.ofMinutes(15), Map.of());

    assertTrue(url.startsWith("http://127.0.0.1:9000/uploads/abc/original?X-Amz-Algorithm=AWS4-HMAC-SHA256"), url);
    assertTrue(url.contains("&X-Amz-Credential=key%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&"), url);
    assertTrue(url.contains("&X-Amz-Expires=900&"), url);
    assertTrue(url.contains("&X-Amz-SignedHeaders=content-length%3Bhost&"), url);
  }

  @Test
  void anotherLengthIsAnotherSignature() {
    assertNotEquals(signer.put("uploads", "abc/original", 1000, Duration.ofMinutes(15), Map.of()),
        signer.put("uploads", "abc/original", 1001, Duration.ofMinutes(15), Map.of()));
  }

  @Test
  void aPartsUploadIdAndNumberAreSignedInOrder() {
    String url = signer.put("uploads", "abc/original", 5, Duration.ofMinutes(1),
        Map.of("uploadId", "u/1", "partNumber", "2"));

    assertTrue(url.contains("X-Amz-SignedHeaders=content-length%3Bhost&partNumber=2&uploadId=u%2F1&X-Amz-Signature="), url);
  }

  @Test
  void theSameInputsSignTheSame() {
    assertEquals(signer.put("uploads", "k", 1, Duration.ofMinutes(1), Map.of()),
        signer.put("uploads", "k", 1, Duration.ofMinutes(1), Map.of()));
  }

  @Test
  void aUrlForLongerThanAWeekIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> signer.put("uploads", "k", 1, Duration.ofDays(8), Map.of()));
  }
}
