package io.kinora.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which local addresses sockets listen on, read from the kernel's tables (Linux). */
public final class ListeningSockets {

  private ListeningSockets() {
  }

  /** The addresses sockets LISTEN on at {@code port} ("127.0.0.1", "0.0.0.0", "::"), from /proc/net/tcp and tcp6. */
  public static List<String> addresses(int port) throws IOException {
    List<String> addresses = new ArrayList<>();
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
          addresses.add(address(fields[1].substring(0, fields[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  /** The kernel's hex (little-endian words) as a dotted IPv4 address, or "::"-style for IPv6. */
  private static String address(String hex) {
    if (hex.length() == 8) {
      return ipv4(hex);
    }
    if (hex.startsWith("0000000000000000FFFF0000")) {
      return ipv4(hex.substring(24));
    }
    return hex.equals("00000000000000000000000000000000") ? "::" : "ipv6:" + hex;
  }

  private static String ipv4(String hex) {
    long value = Long.parseLong(hex, 16);
    return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
  }
}
