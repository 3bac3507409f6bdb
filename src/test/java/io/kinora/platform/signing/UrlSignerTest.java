package io.kinora.platform.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlSignerTest {

  private static final String SECRET = "kinora-test-secret";
  private static final long NOW = 1_700_000_000L;
  private static final long TTL = 3600;
  private static final String URI = "/media/AAAAAAAAAAAAAAAAAAAAAA/720p/seg_00000.ts";

  private static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  private static UrlSigner signerAt(long epochSecond) {
    return new UrlSigner(SECRET, TTL, at(epochSecond));
  }

  /** nginx's secure_link documentation recipe, run by the shell: independent of the Java code. */
  private static String opensslSignature(String expires, String uri, String secret) throws Exception {
    String recipe = "printf '%s' \"$1\" | openssl md5 -binary | openssl base64 | tr '+/' '-_' | tr -d '='";
    Process process;
    try {
      process = new ProcessBuilder("bash", "-c", recipe, "secure_link", expires + uri + " " + secret)
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "bash is not available: " + e.getMessage());
      throw e;
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
    assumeTrue(process.exitValue() == 0 && out.matches("[A-Za-z0-9_-]{22}"),
        "the openssl CLI is not usable here: " + out);
    return out;
  }

  @Test
  void anyBase64urlSpellingOfTheRightDigestIsValidAsInNginx() {
    UrlSigner signer = signerAt(NOW);
    String sig = signer.signature(URI, NOW + TTL);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // the 22nd character's low 4 bits are padding: one value up is the same 16 bytes
    String otherSpelling = sig.substring(0, 21) + alphabet.charAt(alphabet.indexOf(sig.charAt(21)) + 1);

    assertEquals(UrlSigner.Verdict.VALID, signer.verify(URI, Long.toString(NOW + TTL), otherSpelling));
    assertEquals(UrlSigner.Verdict.VALID, signer.verify(URI, Long.toString(NOW + TTL), sig + "=="));
    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, Long.toString(NOW + TTL), sig.substring(0, 20)));
    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, Long.toString(NOW + TTL), "not*base64"));
  }

  @Test
  void signatureMatchesTheNginxSecureLinkRecipeRunWithOpenssl() throws Exception {
    long expires = NOW + TTL;

    assertEquals(opensslSignature(Long.toString(expires), URI, SECRET), signerAt(NOW).signature(URI, expires));
  }

  @Test
  void signatureWithShellSpecialCharactersInTheSecretMatchesOpenssl() throws Exception {
    String uri = "/media/AAAAAAAAAAAAAAAAAAAAAA/1080p/poster.jpg";
    String secret = "s3cr3t with spaces & $HOME 'quotes' \"double\" %s";
    UrlSigner signer = new UrlSigner(secret, TTL, at(NOW));

    assertEquals(opensslSignature("4102444800", uri, secret), signer.signature(uri, 4_102_444_800L));
  }

  @Test
  void signatureMatchesTheVectorPublishedInTheNginxDocumentation() {
    // nginx docs: echo -n '2147483647/s/link127.0.0.1 secret' | openssl md5 -binary | ...
    UrlSigner signer = new UrlSigner("secret", TTL, at(NOW));

    assertEquals("_e4Nc3iduzkWRm01TBBNYw", signer.signature("/s/link127.0.0.1", 2_147_483_647L));
  }

  @Test
  void signatureMatchesAHardCodedVector() {
    assertEquals("BjpZQBmVfbg6z57YX5peyA", signerAt(NOW).signature(URI, 1_700_000_000L));
  }

  @Test
  void signedUrlCarriesExpiresThenSig() {
    String url = signerAt(NOW).signedUrl(URI, 1_700_000_000L);

    assertEquals(URI + "?expires=1700000000&sig=BjpZQBmVfbg6z57YX5peyA", url);
  }

  @Test
  void freshlySignedUrlIsValid() {
    UrlSigner signer = signerAt(NOW);
    long expires = signer.nextExpiry();

    assertEquals(UrlSigner.Verdict.VALID, signer.verify(URI, Long.toString(expires), signer.signature(URI, expires)));
  }

  @Test
  void tamperedSignatureIsInvalid() {
    UrlSigner signer = signerAt(NOW);
    long expires = signer.nextExpiry();
    String sig = signer.signature(URI, expires);
    String tampered = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, Long.toString(expires), tampered));
  }

  @Test
  void signatureForOnePathIsInvalidOnAnother() {
    UrlSigner signer = signerAt(NOW);
    long expires = signer.nextExpiry();
    String sig = signer.signature(URI, expires);

    assertEquals(UrlSigner.Verdict.INVALID,
        signer.verify("/media/AAAAAAAAAAAAAAAAAAAAAA/1080p/seg_00000.ts", Long.toString(expires), sig));
  }

  @Test
  void extendingTheExpiryInvalidatesTheSignature() {
    UrlSigner signer = signerAt(NOW);
    long expires = signer.nextExpiry();
    String sig = signer.signature(URI, expires);

    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, Long.toString(expires + 86_400), sig));
  }

  @Test
  void signatureMadeWithAnotherSecretIsInvalid() {
    long expires = NOW + TTL;
    String foreign = new UrlSigner("another-secret", TTL, at(NOW)).signature(URI, expires);

    assertEquals(UrlSigner.Verdict.INVALID, signerAt(NOW).verify(URI, Long.toString(expires), foreign));
  }

  @Test
  void correctlySignedUrlPastItsExpiryIsExpired() {
    long expires = NOW + TTL;
    String sig = signerAt(NOW).signature(URI, expires);

    assertEquals(UrlSigner.Verdict.EXPIRED, signerAt(expires + 1).verify(URI, Long.toString(expires), sig));
  }

  @Test
  void urlIsValidUntilJustBeforeItsExpiry() {
    long expires = NOW + TTL;
    String sig = signerAt(NOW).signature(URI, expires);

    assertEquals(UrlSigner.Verdict.VALID, signerAt(expires - 1).verify(URI, Long.toString(expires), sig));
  }

  @Test
  void tamperedAndExpiredIsInvalidNotExpiredLikeNginx() {
    long expires = NOW + TTL;
    String sig = signerAt(NOW).signature(URI, expires);
    String tampered = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

    assertEquals(UrlSigner.Verdict.INVALID, signerAt(expires + 1).verify(URI, Long.toString(expires), tampered));
  }

  @Test
  void missingExpiresIsInvalid() {
    UrlSigner signer = signerAt(NOW);

    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, null, signer.signature(URI, NOW + TTL)));
  }

  @Test
  void missingSignatureIsInvalid() {
    assertEquals(UrlSigner.Verdict.INVALID, signerAt(NOW).verify(URI, Long.toString(NOW + TTL), null));
  }

  @Test
  void nonNumericExpiresIsInvalid() {
    UrlSigner signer = signerAt(NOW);
    String sig = signer.signature(URI, NOW + TTL);

    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, "tomorrow", sig));
    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, "-1", sig));
    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, "", sig));
    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, (NOW + TTL) + "x", sig));
  }

  @Test
  void absurdlyLongExpiresIsInvalid() {
    UrlSigner signer = signerAt(NOW);

    assertEquals(UrlSigner.Verdict.INVALID, signer.verify(URI, "99999999999999999999999", "AAAAAAAAAAAAAAAAAAAAAA"));
  }

  @Test
  void nextExpiryIsAtLeastTheTtlAhead() {
    for (long now = NOW; now < NOW + 900; now += 7) {
      assertTrue(signerAt(now).nextExpiry() >= now + TTL, "at " + now);
    }
  }

  @Test
  void nextExpiryFallsOnAFiveMinuteStep() {
    for (long now = NOW; now < NOW + 900; now += 7) {
      assertEquals(0, (signerAt(now).nextExpiry() - TTL) % 300, "at " + now);
    }
  }

  @Test
  void nextExpiryIsTheSameForTwoCallsWithinOneStep() {
    long stepStart = (NOW / 300) * 300;

    assertEquals(signerAt(stepStart + 1).nextExpiry(), signerAt(stepStart + 300).nextExpiry());
  }

  @Test
  void nextExpiryMovesOnByOneStepInTheNextStep() {
    long stepStart = (NOW / 300) * 300;

    assertEquals(signerAt(stepStart + 1).nextExpiry() + 300, signerAt(stepStart + 301).nextExpiry());
  }

  @ParameterizedTest(name = "TTL {0} s")
  @ValueSource(longs = {1, 10, 60, 600, 3600, 86_400})
  void aLinkLivesAtLeastTheTtlAndNeverMoreThanTenPercentLonger(long ttl) {
    for (long now = NOW; now < NOW + 900; now += 7) {
      long lifetime = new UrlSigner(SECRET, ttl, Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
          .nextExpiry() - now;
      assertTrue(lifetime >= ttl, "TTL " + ttl + " at " + now + ": " + lifetime);
      assertTrue(lifetime <= Math.max(ttl + 1, ttl * 11 / 10), "TTL " + ttl + " at " + now + ": " + lifetime);
    }
  }

  @Test
  void nextExpiryIsAtMostOneStepBeyondTheTtl() {
    for (long now = NOW; now < NOW + 900; now += 7) {
      assertTrue(signerAt(now).nextExpiry() <= now + TTL + 300, "at " + now);
    }
  }

  @Test
  void blankSecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new UrlSigner("", TTL, at(NOW)));
    assertThrows(IllegalArgumentException.class, () -> new UrlSigner("  ", TTL, at(NOW)));
    assertThrows(IllegalArgumentException.class, () -> new UrlSigner(null, TTL, at(NOW)));
  }

  @Test
  void differentSecretsGiveDifferentSignatures() {
    assertNotEquals(new UrlSigner("a", TTL, at(NOW)).signature(URI, NOW),
        new UrlSigner("b", TTL, at(NOW)).signature(URI, NOW));
  }
}
