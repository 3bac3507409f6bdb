package io.kinora.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoLimitsTest {

  @Test
  void bytesBelowOneKibibyteAreCountedAsBytes() {
    assertEquals("0 bytes", VideoLimits.humanBytes(0));
    assertEquals("1023 bytes", VideoLimits.humanBytes(1023));
  }

  @Test
  void wholeKibibytesHaveNoDecimals() {
    assertEquals("1 KiB", VideoLimits.humanBytes(1024));
  }

  @Test
  void fractionalValuesHaveOneDecimal() {
    assertEquals("1.5 KiB", VideoLimits.humanBytes(1536));
    assertEquals("2.5 MiB", VideoLimits.humanBytes(5L * 1024 * 1024 / 2));
  }

  @Test
  void theDefaultUploadLimitReadsAsTwentyGibibytes() {
    assertEquals("20 GiB", VideoLimits.humanBytes(21_474_836_480L));
  }

  @Test
  void tebibytesAreTheLargestUnit() {
    assertEquals("1 TiB", VideoLimits.humanBytes(1L << 40));
    assertEquals("2048 TiB", VideoLimits.humanBytes(1L << 51));
  }

  @Test
  void valuesJustBelowAUnitBoundaryNeverPrintAs1024OfTheSmallerUnit() {
    String text = VideoLimits.humanBytes(1024L * 1024 - 1);

    assertTrue(!text.startsWith("1024"), text);
  }

  @Test
  void durationsUnderAMinuteAreInSeconds() {
    assertEquals("0 s", VideoLimits.humanDuration(0));
    assertEquals("59 s", VideoLimits.humanDuration(59.4));
  }

  @Test
  void durationsAreRoundedToTheNearestSecond() {
    assertEquals("1 min", VideoLimits.humanDuration(59.6));
  }

  @Test
  void durationsUnderAnHourAreInMinutesAndSeconds() {
    assertEquals("1 min 30 s", VideoLimits.humanDuration(90));
    assertEquals("59 min 59 s", VideoLimits.humanDuration(3599));
  }

  @Test
  void wholeMinutesOmitTheSeconds() {
    assertEquals("5 min", VideoLimits.humanDuration(300));
  }

  @Test
  void durationsOfAnHourOrMoreAreInHoursAndMinutes() {
    assertEquals("1 h", VideoLimits.humanDuration(3600));
    assertEquals("1 h 1 min", VideoLimits.humanDuration(3660));
    assertEquals("4 h", VideoLimits.humanDuration(14_400));
  }

  @Test
  void hourLongDurationsDropTheSeconds() {
    assertEquals("1 h 1 min", VideoLimits.humanDuration(3661));
  }

  @Test
  void tooLargeMessageNamesTheFileSizeAndTheLimit() {
    VideoLimits limits = new VideoLimits(21_474_836_480L, 14_400, 8192);

    String message = limits.tooLarge(32L * 1024 * 1024 * 1024);

    assertTrue(message.contains("32 GiB"), message);
    assertTrue(message.contains("20 GiB"), message);
  }
}
