package io.kinora.webhooks;

import io.kinora.platform.error.KinoraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookUrlTest {

  @Test
  void httpsWithADefaultPortPathAndQuery() {
    EndpointUrl url = EndpointUrl.parse("https://Hooks.Example.com/kinora/in?team=7");
    assertTrue(url.https());
    assertEquals("hooks.example.com", url.host());
    assertEquals(443, url.port());
    assertEquals("/kinora/in?team=7", url.requestUri());
  }

  @Test
  void httpWithAPortAndNoPath() {
    EndpointUrl url = EndpointUrl.parse("http://example.com:8081");
    assertFalse(url.https());
    assertEquals(8081, url.port());
    assertEquals("/", url.requestUri());
  }

  @Test
  void ipv6LiteralsLoseTheirBrackets() {
    assertEquals("2001:db8::1", EndpointUrl.parse("https://[2001:db8::1]:8443/x").host());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ftp://example.com/ | https://",
      "javascript:alert(1) | https://",
      "example.com/hook | https://",
      "https://user:pass@example.com/ | user name or password",
      "https://token@example.com/ | user name or password",
      "https://example.com/#frag | fragment",
      "https:///nohost | host",
      "https://exa mple.com/ | not a valid URL"})
  void refusesWithASentence(String url, String says) {
    KinoraException e = assertThrows(KinoraException.class, () -> EndpointUrl.parse(url));
    assertTrue(e.getMessage().contains(says), url + ": " + e.getMessage());
  }

  @Test
  void refusesOverlongUrls() {
    String url = "https://example.com/" + "a".repeat(EndpointUrl.MAX_LENGTH);
    KinoraException e = assertThrows(KinoraException.class, () -> EndpointUrl.parse(url));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
  }
}
