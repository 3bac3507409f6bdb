package io.kinora.webhooks;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

  private static final Pattern FORMAT = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

  @Test
  void theHeaderIsTimeThenHexHmacOfTimeDotBody() throws Exception {
    String header = WebhookSignature.header("whsec_test", 1_700_000_000L, "{\"a\":1}");
    Matcher m = FORMAT.matcher(header);
    assertTrue(m.matches(), header);
    assertEquals("1700000000", m.group(1));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal("1700000000.{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, m.group(2));
  }

  @Test
  void aKnownVector() {
    // HMAC-SHA256 of RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.hmacHex("Jefe", "what do ya want for nothing?"));
  }

  @Test
  void theTimeBodyAndSecretAllChangeIt() {
    String base = WebhookSignature.header("s1", 100, "body");
    assertNotEquals(v1(base), v1(WebhookSignature.header("s1", 101, "body")));
    assertNotEquals(v1(base), v1(WebhookSignature.header("s1", 100, "body!")));
    assertNotEquals(v1(base), v1(WebhookSignature.header("s2", 100, "body")));
  }

  @Test
  void nonAsciiBodiesAreSignedAsUtf8() throws Exception {
    String body = "{\"title\":\"Café ☕\"}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal(("5." + body).getBytes(StandardCharsets.UTF_8)));
    assertEquals("t=5,v1=" + expected, WebhookSignature.header("k", 5, body));
  }

  private static String v1(String header) {
    return header.substring(header.indexOf("v1=") + 3);
  }
}
