package io.kinora.platform.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trusted-proxy ranges and the client address a request resolves to, including forged headers. */
class ClientAddressTest {

  private static final ClientAddress BEHIND_EDGE = new ClientAddress(TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8, ::1"));
  private static final ClientAddress DIRECT = new ClientAddress(TrustedProxies.NONE);

  @Test
  void rangesMatchByPrefixForIpv4AndIpv6() {
    TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8,192.168.1.128/25,2001:db8::/32,::1/128");

    assertTrue(proxies.contains("10.255.3.4"));
    assertFalse(proxies.contains("11.0.0.1"));
    assertTrue(proxies.contains("192.168.1.200"));
    assertFalse(proxies.contains("192.168.1.127"));
    assertTrue(proxies.contains("2001:db8:ffff::1"));
    assertFalse(proxies.contains("2001:db9::1"));
    assertTrue(proxies.contains("0:0:0:0:0:0:0:1"));
    assertFalse(proxies.contains("not-an-address"));
  }

  @Test
  void anIpv4MappedPeerMatchesItsIpv4Range() {
    assertTrue(TrustedProxies.parse("127.0.0.1").contains("::ffff:127.0.0.1"));
  }

  @Test
  void aZeroPrefixTrustsEverythingOfItsFamily() {
    TrustedProxies all4 = TrustedProxies.parse("0.0.0.0/0");

    assertTrue(all4.contains("203.0.113.9"));
    assertFalse(all4.contains("2001:db8::1"));
  }

  @Test
  void emptyOrBlankTrustsNobody() {
    assertTrue(TrustedProxies.parse("").isEmpty());
    assertTrue(TrustedProxies.parse(" , ").isEmpty());
    assertFalse(TrustedProxies.parse("").contains("127.0.0.1"));
  }

  @Test
  void wrongEntriesAreRefusedByName() {
    for (String wrong : List.of("10.0.0.0/33", "::1/129", "10.0.0.0/x", "proxy.example.org", "10.0.0.0/-1", "1.2.3")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(wrong));
      assertTrue(e.getMessage().contains(wrong), e.getMessage());
    }
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    assertEquals("127.0.0.1", DIRECT.resolve("127.0.0.1", List.of("203.0.113.5")));
    assertEquals("198.51.100.1", DIRECT.resolve("198.51.100.1", List.of("203.0.113.5")));
  }

  @Test
  void anUntrustedPeerCannotNameAnotherAddress() {
    assertEquals("198.51.100.1", BEHIND_EDGE.resolve("198.51.100.1", List.of("10.0.0.1", "203.0.113.5")));
  }

  @Test
  void behindTheEdgeTheClientIsWhatTheEdgeAppended() {
    assertEquals("203.0.113.5", BEHIND_EDGE.resolve("127.0.0.1", List.of("203.0.113.5")));
  }

  @Test
  void entriesTheClientWroteBeforeTheEdgesAreIgnored() {
    // the client sent "X-Forwarded-For: 1.1.1.1, 10.0.0.7"; the edge appended the real peer
    assertEquals("203.0.113.5", BEHIND_EDGE.resolve("127.0.0.1", List.of("1.1.1.1, 10.0.0.7, 203.0.113.5")));
  }

  @Test
  void aChainOfTrustedProxiesIsWalkedFromTheRight() {
    assertEquals("203.0.113.5", BEHIND_EDGE.resolve("127.0.0.1", List.of("198.51.100.9, 203.0.113.5, 10.1.1.1")));
    assertEquals("203.0.113.5", BEHIND_EDGE.resolve("127.0.0.1", List.of("203.0.113.5", "10.1.1.1")));
  }

  @Test
  void garbageInTheHeaderFallsBackToTheLastProxy() {
    assertEquals("10.1.1.1", BEHIND_EDGE.resolve("127.0.0.1", List.of("evil.example, 10.1.1.1")));
    assertEquals("127.0.0.1", BEHIND_EDGE.resolve("127.0.0.1", List.of("<script>")));
  }

  @Test
  void aTrustedPeerWithoutHeaderIsItself() {
    assertEquals("127.0.0.1", BEHIND_EDGE.resolve("127.0.0.1", List.of()));
  }

  @Test
  void addressesHaveOneSpellingSoOneClientIsOneKey() {
    assertEquals("0:0:0:0:0:0:0:1", DIRECT.resolve("::1", List.of()));
    assertEquals("127.0.0.1", DIRECT.resolve("::ffff:127.0.0.1", List.of()));
    assertEquals(BEHIND_EDGE.resolve("::1", List.of("2001:DB8::5")), BEHIND_EDGE.resolve("::1", List.of("2001:db8:0::5")));
  }
}
