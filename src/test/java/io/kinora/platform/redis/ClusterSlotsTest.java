package io.kinora.platform.redis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The slot helper agrees with Redis Cluster's specification and its published examples. */
class ClusterSlotsTest {

  @Test
  void crc16IsXmodem() {
    // the check value of CRC16/XMODEM, as in the cluster specification
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x31C3, ClusterSlots.crc16(digits, 0, digits.length));
  }

  @Test
  void slotsMatchWhatClusterKeyslotAnswers() {
    assertEquals(12182, ClusterSlots.slot("foo"));
    assertEquals(5061, ClusterSlots.slot("bar"));
    assertEquals(ClusterSlots.slot("user1000"), ClusterSlots.slot("{user1000}.following"));
  }

  @Test
  void onlyTheFirstNonEmptyBracesAreTheTag() {
    assertEquals(ClusterSlots.slot("{user1000}.following"), ClusterSlots.slot("{user1000}.followers"));
    assertEquals(ClusterSlots.slot("bar"), ClusterSlots.slot("foo{bar}{zap}"));
    // empty braces: the whole key is hashed
    assertEquals(ClusterSlots.crc16("foo{}{bar}".getBytes(StandardCharsets.UTF_8), 0, 10) % 16384,
        ClusterSlots.slot("foo{}{bar}"));
    assertEquals(ClusterSlots.slot("{bar"), ClusterSlots.crc16("{bar".getBytes(StandardCharsets.UTF_8), 0, 4) % 16384);
    assertNotEquals(ClusterSlots.slot("kinora:video:a"), ClusterSlots.slot("kinora:video:a:playlists"));
  }
}
