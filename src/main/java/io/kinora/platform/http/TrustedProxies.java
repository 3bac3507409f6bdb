package io.kinora.platform.http;

import io.netty.util.NetUtil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} a node believes ({@code KINORA_TRUSTED_PROXIES}): a
 * list of CIDR ranges, IPv4 and IPv6, empty by default (no proxy is believed). Addresses are
 * parsed as literals only, never looked up in DNS.
 */
public final class TrustedProxies {

  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  /** One range: the network's bytes (4 or 16) and how many leading bits must match. */
  private record Range(byte[] network, int prefix) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Ranges such as {@code 10.0.0.0/8, 127.0.0.1, ::1/128}, comma-separated; a bare address is a
   * range of one. Throws IllegalArgumentException naming the entry that is not one.
   */
  public static TrustedProxies parse(String csv) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : csv == null ? new String[0] : csv.split(",")) {
      String cidr = entry.trim();
      if (!cidr.isEmpty()) {
        ranges.add(range(cidr));
      }
    }
    return new TrustedProxies(ranges);
  }

  private static Range range(String cidr) {
    int slash = cidr.indexOf('/');
    byte[] network = bytes(slash < 0 ? cidr : cidr.substring(0, slash));
    if (network == null) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR range such as 10.0.0.0/8");
    }
    int bits = network.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
      }
    }
    return new Range(network, prefix);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** True when this address literal is inside a trusted range (false for anything not an address). */
  public boolean contains(String address) {
    byte[] bytes = bytes(address);
    return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
  }

  /**
   * The address's bytes, 4 for IPv4 (also when written as an IPv4-mapped IPv6 address, as a
   * dual-stack socket reports IPv4 peers), 16 for IPv6; null when it is not an address literal.
   */
  static byte[] bytes(String address) {
    if (address == null) {
      return null;
    }
    String literal = address.trim();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    if (literal.isEmpty() || literal.indexOf('%') >= 0) {
      return null;
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
      return Arrays.copyOfRange(bytes, 12, 16);
    }
    return bytes;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }
}
