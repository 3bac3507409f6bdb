package io.kinora.webhooks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Literal addresses only: InetAddress.getByName parses them without any DNS. */
class WebhookAddressPolicyTest {

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, loopback", "127.255.255.254, loopback", "::1, loopback",
      "10.0.0.1, private", "10.255.255.255, private", "172.16.0.1, private", "172.31.255.255, private",
      "192.168.1.1, private", "fc00::1, private", "fd12:3456::1, private", "fec0::1, private",
      "169.254.169.254, metadata", "169.254.0.1, link-local", "fe80::1, link-local", "febf::1, link-local",
      "0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified",
      "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
      "100.64.0.1, carrier-grade", "100.127.255.255, carrier-grade",
      "255.255.255.255, broadcast", "240.0.0.1, reserved",
      "::ffff:127.0.0.1, loopback", "::ffff:169.254.169.254, metadata", "::10.0.0.1, private",
      "64:ff9b::a9fe:a9fe, metadata", "2002:c0a8:0101::1, private"})
  void refusesEveryAddressThatIsNotPublicUnicast(String address, String kind) throws Exception {
    String refusal = AddressPolicy.refusal(InetAddress.getByName(address));
    assertNotNull(refusal, address);
    assertTrue(refusal.contains(kind), address + ": " + refusal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
      "100.128.0.1", "169.253.255.255", "192.167.1.1", "223.255.255.255", "11.0.0.1",
      "2606:4700:4700::1111", "2001:4860:4860::8888", "2002:0808:0808::1", "::ffff:8.8.8.8", "64:ff9b::808:808"})
  void letsPublicAddressesThrough(String address) throws Exception {
    assertNull(AddressPolicy.refusal(InetAddress.getByName(address)), address);
  }
}
