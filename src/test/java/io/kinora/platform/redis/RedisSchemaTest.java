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
    // tagged since migration 1 (video.TagVideoKeys), which renamed kinora:video:ID...
    assertEquals("kinora:video:{" + ID + "}", RedisKeys.video(ID));
    assertEquals("kinora:video:{" + ID + "}:playlists", RedisKeys.playlists(ID));
    assertEquals("kinora:videos", RedisKeys.VIDEOS_BY_DATE);
  }

  @Test
  void theJobQueueKeepsItsKeys() {
    assertEquals("kinora:jobs:queue", RedisKeys.JOB_QUEUE);
    assertEquals("kinora:jobs:running", RedisKeys.JOBS_RUNNING);
    // kinora:jobs:lease:ID before migration 1
    assertEquals("kinora:video:{" + ID + "}:lease", RedisKeys.lease(ID));
  }

  @Test
  void theSigningSecretKeepsItsKey() {
    assertEquals("kinora:signing-secret", RedisKeys.SIGNING_SECRET);
  }

  @Test
  void theSchemaVersionKeepsItsKeys() {
    // every release reads these before anything else: a migration must never rename them
    assertEquals("kinora:schema:version", RedisKeys.SCHEMA_VERSION);
    assertEquals("kinora:schema:lock", RedisKeys.SCHEMA_LOCK);
  }

  @Test
  void theSocialLayerKeepsItsKeys() {
    String user = "u1";
    assertEquals("kinora:catalogue", RedisKeys.CATALOGUE);
    assertEquals("kinora:user:u1:catalogue", RedisKeys.userCatalogue(user));
    assertEquals("kinora:video:{" + ID + "}:ratings", RedisKeys.ratings(ID));
    assertEquals("kinora:views-secret", RedisKeys.VIEWS_SECRET);
    assertEquals("kinora:views-from:d1", RedisKeys.viewsFrom("d1"));
    assertEquals("kinora:profile:u1", RedisKeys.profile(user));
    assertEquals("kinora:user:u1:subscriptions", RedisKeys.subscriptions(user));
    assertEquals("kinora:user:u1:subscribers", RedisKeys.subscribers(user));
    assertEquals("kinora:video:{" + ID + "}:comments", RedisKeys.comments(ID));
    assertEquals("kinora:comment:c1", RedisKeys.comment("c1"));
    assertEquals("kinora:comment:c1:replies", RedisKeys.replies("c1"));
    assertEquals("kinora:playlist:p1", RedisKeys.playlist("p1"));
    assertEquals("kinora:playlist:p1:items", RedisKeys.playlistItems("p1"));
    assertEquals("kinora:user:u1:playlists", RedisKeys.userPlaylists(user));
    assertEquals("kinora:user:u1:playlists:public", RedisKeys.userPublicPlaylists(user));
    assertEquals("kinora:search:w:word", RedisKeys.searchWord("word"));
    assertEquals("kinora:search:doc:" + ID, RedisKeys.searchDoc(ID));
    assertEquals("kinora:search:tokens", RedisKeys.SEARCH_TOKENS);
  }
}
