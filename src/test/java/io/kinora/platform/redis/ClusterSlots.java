package io.kinora.platform.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key, computed as the cluster computes it (CRC16/XMODEM of the
 * key, or of its hash tag, modulo 16384): {@code CLUSTER KEYSLOT} needs a cluster, tests have one
 * redis-server.
 */
public final class ClusterSlots {

  static final int SLOTS = 16384;

  private ClusterSlots() {
  }

  public static int slot(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int end = bytes.length;
    // the hash tag: the bytes between the first '{' and the first '}' after it, when not empty
    for (int open = 0; open < bytes.length; open++) {
      if (bytes[open] == '{') {
        for (int close = open + 1; close < bytes.length; close++) {
          if (bytes[close] == '}') {
            if (close > open + 1) {
              start = open + 1;
              end = close;
            }
            break;
          }
        }
        break;
      }
    }
    return crc16(bytes, start, end) % SLOTS;
  }

  /** CRC16/XMODEM: polynomial 0x1021, initial value 0, as Redis Cluster's crc16.c. */
  static int crc16(byte[] bytes, int start, int end) {
    int crc = 0;
    for (int i = start; i < end; i++) {
      crc ^= (bytes[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        crc &= 0xffff;
      }
    }
    return crc;
  }
}
