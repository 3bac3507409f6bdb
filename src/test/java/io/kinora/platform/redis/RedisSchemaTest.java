package io.kinora.platform.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deployments hold data under these exact names. Changing one strands every existing video, so
 * a change here needs a migration, not just a new string.
 */
class RedisSchemaTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void videoRecordsKeepTheirKeys() {
    assertEquals("kinora:video:" + ID, RedisKeys.video(ID));
    assertEquals("kinora:video:" + ID + ":playlists", RedisKeys.playlists(ID));
    assertEquals("kinora:videos", RedisKeys.VIDEOS_BY_DATE);
  }

  @Test
  void theJobQueueKeepsItsKeys() {
    assertEquals("kinora:jobs:queue", RedisKeys.JOB_QUEUE);
    assertEquals("kinora:jobs:running", RedisKeys.JOBS_RUNNING);
    assertEquals("kinora:jobs:lease:" + ID, RedisKeys.lease(ID));
  }

  @Test
  void theSigningSecretKeepsItsKey() {
    assertEquals("kinora:signing-secret", RedisKeys.SIGNING_SECRET);
  }
}
