package io.kinora.platform.s3;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stored objects are found by these names; existing deployments depend on them. */
class ObjectKeysTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void theOriginalIsUnderTheVideoInTheUploadsBucket() {
    assertEquals(ID + "/original", ObjectKeys.original(ID));
  }

  @Test
  void eachAttemptWritesUnderItsOwnPrefix() {
    assertEquals(ID + "/r2/720p/seg_00001.ts", ObjectKeys.media(ID, "r2", "720p/seg_00001.ts"));
    assertEquals(ID + "/r2/", ObjectKeys.outputPrefix(ID, "r2"));
  }

  @Test
  void videosFromBeforePerAttemptPrefixesLiveDirectlyUnderTheirId() {
    assertEquals(ID + "/poster.jpg", ObjectKeys.media(ID, "", "poster.jpg"));
    assertEquals(ID + "/", ObjectKeys.outputPrefix(ID, ""));
  }
}
