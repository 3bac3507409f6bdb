package io.kinora.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a webhook may never reach unless private destinations are allowed: anything
 * that is not a public unicast address, so a URL cannot make a node call itself, its network or
 * the cloud metadata service (server-side request forgery).
 */
public final class AddressPolicy {

  private AddressPolicy() {
  }

  /** Why Kinora will not send to this address ("a loopback address"), or null when it is public. */
  public static String refusal(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return refusalV4(b);
    }
    if (address instanceof Inet6Address) {
      return refusalV6(b);
    }
    return "an address of an unknown kind";
  }

  private static String refusalV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (a0 == 0) {
      return "an unspecified address";
    }
    if (a0 == 127) {
      return "a loopback address";
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return "a private address";
    }
    if (a0 == 169 && a1 == 254) {
      return (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254
          ? "the cloud metadata address (link-local)" : "a link-local address";
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return "a carrier-grade NAT address (100.64.0.0/10)";
    }
    if (a0 >= 224 && a0 <= 239) {
      return "a multicast address";
    }
    if (a0 >= 240) {
      return "a reserved or broadcast address";
    }
    return null;
  }

  private static String refusalV6(byte[] b) {
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (allZero(b, 0, 15)) {
      int last = b[15] & 0xff;
      return last == 0 ? "an unspecified address" : last == 1 ? "a loopback address" : embedded(b, 12);
    }
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return embedded(b, 12); // IPv4-mapped ::ffff:a.b.c.d
    }
    if (allZero(b, 0, 12)) {
      return embedded(b, 12); // IPv4-compatible ::a.b.c.d (deprecated, still routable by some stacks)
    }
    if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
      return embedded(b, 12); // NAT64 64:ff9b::a.b.c.d reaches the IPv4 address inside
    }
    if (b0 == 0x20 && b1 == 0x02) {
      return embedded(b, 2); // 6to4 2002:AABB:CCDD::/48 carries an IPv4 address
    }
    if ((b0 & 0xfe) == 0xfc) {
      return "a private address (unique local, fc00::/7)";
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return "a link-local address";
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return "a private address (site-local)";
    }
    if (b0 == 0xff) {
      return "a multicast address";
    }
    return null;
  }

  /** The verdict on the IPv4 address carried inside an IPv6 one. */
  private static String embedded(byte[] b, int from) {
    byte[] v4 = {b[from], b[from + 1], b[from + 2], b[from + 3]};
    String refusal = refusalV4(v4);
    try {
      return refusal == null ? null : refusal + " (" + InetAddress.getByAddress(v4).getHostAddress() + " inside IPv6)";
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
