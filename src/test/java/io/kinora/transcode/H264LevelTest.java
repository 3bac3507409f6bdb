package io.kinora.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class H264LevelTest {

  @Test
  void fullHdAt30FpsIsLevel40() {
    H264Level level = H264Level.forFrame(1920, 1080, 30);

    assertEquals("4.0", level.label());
    assertEquals("28", level.hex());
  }

  @Test
  void hdAt30FpsIsLevel31() {
    H264Level level = H264Level.forFrame(1280, 720, 30);

    assertEquals("3.1", level.label());
    assertEquals("1f", level.hex());
  }

  @Test
  void nHdAt30FpsIsLevel30() {
    H264Level level = H264Level.forFrame(640, 360, 30);

    assertEquals("3.0", level.label());
    assertEquals("1e", level.hex());
  }

  @Test
  void fullHdAt60FpsIsLevel42() {
    H264Level level = H264Level.forFrame(1920, 1080, 60);

    assertEquals("4.2", level.label());
    assertEquals("2a", level.hex());
  }

  @Test
  void uhdAt30FpsIsLevel51() {
    H264Level level = H264Level.forFrame(3840, 2160, 30);

    assertEquals("5.1", level.label());
    assertEquals("33", level.hex());
  }

  @Test
  void hdAt60FpsNeedsLevel32() {
    assertEquals(H264Level.L3_2, H264Level.forFrame(1280, 720, 60));
  }

  @Test
  void portraitFrameNeedsTheSameLevelAsItsLandscapeTwin() {
    assertEquals(H264Level.forFrame(1920, 1080, 30), H264Level.forFrame(1080, 1920, 30));
    assertEquals(H264Level.forFrame(1280, 720, 30), H264Level.forFrame(720, 1280, 30));
  }

  @Test
  void unknownFrameRateIsTreatedAsAtLeastOneFrameASecond() {
    assertEquals(H264Level.L3_0, H264Level.forFrame(640, 360, 0));
  }

  @Test
  void framesBeyondTheTableGetTheHighestSupportedLevel() {
    assertEquals(H264Level.L5_2, H264Level.forFrame(7680, 4320, 30));
  }

  @Test
  void codecsStringWithAudioNamesHighProfileAndAacLc() {
    Ladder.Rung rung = Ladder.plan(java.util.List.of(1080), 1920, 1080, 30).get(0);

    assertEquals("avc1.640028,mp4a.40.2", rung.codecs(true));
  }

  @Test
  void codecsStringWithoutAudioHasNoAudioCodec() {
    Ladder.Rung rung = Ladder.plan(java.util.List.of(1080), 1920, 1080, 30).get(0);

    assertEquals("avc1.640028", rung.codecs(false));
  }

  @Test
  void codecsStringCarriesTheRungsOwnLevel() {
    Ladder.Rung rung = new Ladder.Rung("720p", 1280, 720, 2800, H264Level.L3_1);

    assertEquals("avc1.64001f,mp4a.40.2", rung.codecs(true));
  }
}
