package io.kinora.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void bytesBelowOneKibibyteAreCountedAsBytes() {
    assertEquals("0 bytes", Limits.humanBytes(0));
    assertEquals("1023 bytes", Limits.humanBytes(1023));
  }

  @Test
  void wholeKibibytesHaveNoDecimals() {
    assertEquals("1 KiB", Limits.humanBytes(1024));
  }

  @Test
  void fractionalValuesHaveOneDecimal() {
    assertEquals("1.5 KiB", Limits.humanBytes(1536));
    assertEquals("2.5 MiB", Limits.humanBytes(5L * 1024 * 1024 / 2));
  }

  @Test
  void theDefaultUploadLimitReadsAsTwentyGibibytes() {
    assertEquals("20 GiB", Limits.humanBytes(21_474_836_480L));
  }

  @Test
  void tebibytesAreTheLargestUnit() {
    assertEquals("1 TiB", Limits.humanBytes(1L << 40));
    assertEquals("2048 TiB", Limits.humanBytes(1L << 51));
  }

  @Test
  void valuesJustBelowAUnitBoundaryNeverPrintAs1024OfTheSmallerUnit() {
    String text = Limits.humanBytes(1024L * 1024 - 1);

    assertTrue(!text.startsWith("1024"), text);
  }

  @Test
  void durationsUnderAMinuteAreInSeconds() {
    assertEquals("0 s", Limits.humanDuration(0));
    assertEquals("59 s", Limits.humanDuration(59.4));
  }

  @Test
  void durationsAreRoundedToTheNearestSecond() {
    assertEquals("1 min", Limits.humanDuration(59.6));
  }

  @Test
  void durationsUnderAnHourAreInMinutesAndSeconds() {
    assertEquals("1 min 30 s", Limits.humanDuration(90));
    assertEquals("59 min 59 s", Limits.humanDuration(3599));
  }

  @Test
  void wholeMinutesOmitTheSeconds() {
    assertEquals("5 min", Limits.humanDuration(300));
  }

  @Test
  void durationsOfAnHourOrMoreAreInHoursAndMinutes() {
    assertEquals("1 h", Limits.humanDuration(3600));
    assertEquals("1 h 1 min", Limits.humanDuration(3660));
    assertEquals("4 h", Limits.humanDuration(14_400));
  }

  @Test
  void hourLongDurationsDropTheSeconds() {
    assertEquals("1 h 1 min", Limits.humanDuration(3661));
  }

  @Test
  void tooLargeMessageNamesTheFileSizeAndTheLimit() {
    Limits limits = new Limits(21_474_836_480L, 14_400, 8192);

    String message = limits.tooLarge(32L * 1024 * 1024 * 1024);

    assertTrue(message.contains("32 GiB"), message);
    assertTrue(message.contains("20 GiB"), message);
  }
}
