package io.kinora.platform.redis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every key of one video hashes to one Redis Cluster slot (its ID is the hash tag), so the
 * scripts that touch several of them (the job scripts: lease, video, playlists; ratings: video
 * and its ratings; comments: video and its comments) could run on a cluster.
 */
class VideoKeysShareASlotTest {

  @Test
  void oneVideosKeysShareItsSlot() {
    for (String id : List.of("AAAAAAAAAAAAAAAAAAAAAA", "Zm9vYmFyYmF6cXV4LW5vdw", "abc-_09XYZabc-_09XYZab")) {
      Set<Integer> slots = keysOf(id).stream().map(ClusterSlots::slot).collect(Collectors.toSet());
      assertEquals(Set.of(ClusterSlots.slot(id)), slots, "the slot of the ID itself, for every key of " + id);
    }
  }

  @Test
  void differentVideosSpreadOverTheSlots() {
    Set<Integer> slots = List.of("AAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBB", "CCCCCCCCCCCCCCCCCCCCCC").stream()
        .map(id -> ClusterSlots.slot(RedisKeys.video(id))).collect(Collectors.toSet());
    assertTrue(slots.size() > 1, "the tag is the ID, not a constant: " + slots);
  }

  private static List<String> keysOf(String id) {
    return List.of(RedisKeys.video(id), RedisKeys.playlists(id), RedisKeys.lease(id), RedisKeys.ratings(id),
        RedisKeys.comments(id));
  }
}
