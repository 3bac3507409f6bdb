package io.kinora.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LadderTest {

  private static final List<Integer> DEFAULT_LADDER = List.of(1080, 720, 480, 360);

  private static List<String> sizes(List<Ladder.Rung> plan) {
    return plan.stream().map(r -> r.name() + " " + r.width() + "x" + r.height()).toList();
  }

  @Test
  void landscapeFullHdSourceGetsTheWholeSixteenByNineLadder() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 1920, 1080, 30);

    assertEquals(List.of("1080p 1920x1080", "720p 1280x720", "480p 854x480", "360p 640x360"), sizes(plan));
  }

  @Test
  void portraitSourceGetsPortraitRenditions() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 1080, 1920, 30);

    assertEquals(List.of("1080p 1080x1920", "720p 720x1280", "480p 480x854", "360p 360x640"), sizes(plan));
  }

  @Test
  void rungNumberIsTheShortSideOfTheOutput() {
    for (Ladder.Rung r : Ladder.plan(DEFAULT_LADDER, 1080, 1920, 30)) {
      assertEquals(r.name(), Math.min(r.width(), r.height()) + "p");
    }
  }

  @Test
  void neverUpscalesASmallerSource() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 1280, 720, 30);

    assertEquals(List.of("720p 1280x720", "480p 854x480", "360p 640x360"), sizes(plan));
  }

  @Test
  void noRenditionIsLargerThanTheSource() {
    for (int[] source : new int[][] {{1280, 720}, {960, 540}, {720, 1280}, {640, 480}, {1440, 1080}}) {
      for (Ladder.Rung r : Ladder.plan(DEFAULT_LADDER, source[0], source[1], 30)) {
        assertTrue(r.width() <= source[0] && r.height() <= source[1],
            r + " is larger than the " + source[0] + "x" + source[1] + " source");
      }
    }
  }

  @Test
  void fourKSourceIsDownscaledToTheConfiguredLadder() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 3840, 2160, 30);

    assertEquals(List.of("1080p 1920x1080", "720p 1280x720", "480p 854x480", "360p 640x360"), sizes(plan));
  }

  @Test
  void rungsAbove1080AreIncludedOnlyWhenConfigured() {
    List<Ladder.Rung> withTop = Ladder.plan(List.of(2160, 1440, 1080, 720), 3840, 2160, 30);

    assertEquals(List.of("2160p 3840x2160", "1440p 2560x1440", "1080p 1920x1080", "720p 1280x720"),
        sizes(withTop));
    assertFalse(sizes(Ladder.plan(DEFAULT_LADDER, 3840, 2160, 30)).stream()
        .anyMatch(s -> s.startsWith("2160p") || s.startsWith("1440p")));
  }

  @Test
  void rungsAreOrderedFromTheTopDownAndDeduplicatedWhateverTheConfiguredOrder() {
    List<Ladder.Rung> plan = Ladder.plan(List.of(360, 1080, 720, 360, 480), 1920, 1080, 30);

    assertEquals(List.of("1080p", "720p", "480p", "360p"), plan.stream().map(Ladder.Rung::name).toList());
  }

  @Test
  void oddSourceSizesProduceEvenDimensions() {
    for (int[] source : new int[][] {{1279, 719}, {719, 1279}, {853, 479}, {1917, 1081}, {999, 777}}) {
      for (Ladder.Rung r : Ladder.plan(DEFAULT_LADDER, source[0], source[1], 30)) {
        assertEquals(0, r.width() % 2, r + " from " + source[0] + "x" + source[1]);
        assertEquals(0, r.height() % 2, r + " from " + source[0] + "x" + source[1]);
      }
    }
  }

  @Test
  void roundingToEvenNeverExceedsTheSource() {
    for (int[] source : new int[][] {{1281, 720}, {175, 143}, {721, 1281}}) {
      for (Ladder.Rung r : Ladder.plan(DEFAULT_LADDER, source[0], source[1], 30)) {
        assertTrue(r.width() <= source[0] && r.height() <= source[1],
            r + " is larger than the " + source[0] + "x" + source[1] + " source");
      }
    }
  }

  @Test
  void qcifSourceBelowTheLowestRungGetsOneRenditionAtItsOwnSize() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 176, 144, 15);

    assertEquals(List.of("144p 176x144"), sizes(plan));
  }

  @Test
  void tinySourceGetsOneRenditionAtItsOwnSize() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 100, 60, 30);

    assertEquals(List.of("60p 100x60"), sizes(plan));
  }

  @Test
  void tinySourceWithOddSidesGetsOneEvenSizedRendition() {
    List<Ladder.Rung> plan = Ladder.plan(DEFAULT_LADDER, 101, 61, 30);

    assertEquals(1, plan.size());
    assertEquals(0, plan.get(0).width() % 2);
    assertEquals(0, plan.get(0).height() % 2);
  }

  @Test
  void anamorphicWidescreenDisplaySizeKeepsItsAspectRatio() {
    // PAL DVD 720x576 with SAR 64:45 is displayed at 1024x576 (16:9)
    assertEquals(List.of("480p 854x480", "360p 640x360"), sizes(Ladder.plan(DEFAULT_LADDER, 1024, 576, 25)));
  }

  @Test
  void anamorphicFourByThreeDisplaySizeKeepsItsAspectRatio() {
    // NTSC DVD 720x480 with SAR 8:9 is displayed at 640x480 (4:3)
    assertEquals(List.of("480p 640x480", "360p 480x360"), sizes(Ladder.plan(DEFAULT_LADDER, 640, 480, 30)));
  }

  @Test
  void everyRenditionKeepsTheDisplayAspectRatio() {
    for (int[] source : new int[][] {{1024, 576}, {1440, 1080}, {2560, 1080}, {1080, 1350}, {1998, 1080}}) {
      double aspect = (double) source[0] / source[1];
      for (Ladder.Rung r : Ladder.plan(DEFAULT_LADDER, source[0], source[1], 30)) {
        double rungAspect = (double) r.width() / r.height();
        assertEquals(aspect, rungAspect, 0.01 * aspect, r + " from " + source[0] + "x" + source[1]);
      }
    }
  }

  @Test
  void bitRatesDecreaseDownTheLadder() {
    List<Ladder.Rung> plan = Ladder.plan(List.of(2160, 1440, 1080, 720, 480, 360, 240), 3840, 2160, 30);

    assertEquals(7, plan.size());
    for (int i = 1; i < plan.size(); i++) {
      assertTrue(plan.get(i).videoKbps() < plan.get(i - 1).videoKbps(),
          plan.get(i) + " is not cheaper than " + plan.get(i - 1));
    }
  }

  @Test
  void namedRungsGetTheirTableBitRates() {
    List<Integer> kbps = Ladder.plan(DEFAULT_LADDER, 1920, 1080, 30).stream()
        .map(Ladder.Rung::videoKbps).toList();

    assertEquals(List.of(5000, 2800, 1400, 800), kbps);
  }

  @Test
  void highFrameRateGetsMoreBits() {
    int at30 = Ladder.plan(List.of(1080), 1920, 1080, 30).get(0).videoKbps();
    int at60 = Ladder.plan(List.of(1080), 1920, 1080, 60).get(0).videoKbps();

    assertTrue(at60 > at30, at60 + " kbit/s at 60 fps vs " + at30 + " at 30 fps");
  }

  @Test
  void maxrateAndBufferFollowTheTargetBitRate() {
    Ladder.Rung top = Ladder.plan(DEFAULT_LADDER, 1920, 1080, 30).get(0);

    assertEquals(5350, top.maxrateKbps());
    assertEquals(10000, top.bufsizeKbps());
  }

  @Test
  void eachRungCarriesTheLevelOfItsFrame() {
    for (Ladder.Rung r : Ladder.plan(DEFAULT_LADDER, 1920, 1080, 30)) {
      assertEquals(H264Level.forFrame(r.width(), r.height(), 30), r.level(), r.name());
    }
  }

  @Test
  void nonPositiveSourceSizeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Ladder.plan(DEFAULT_LADDER, 0, 1080, 30));
    assertThrows(IllegalArgumentException.class, () -> Ladder.plan(DEFAULT_LADDER, 1920, -1, 30));
  }
}
