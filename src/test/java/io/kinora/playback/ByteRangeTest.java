package io.kinora.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinora.platform.error.KinoraException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

  @Test
  void closedRangeHasFirstAndLast() {
    assertEquals(new ByteRange(0, 99, false), ByteRange.parse("bytes=0-99"));
  }

  @Test
  void singleByteRangeIsAccepted() {
    assertEquals(new ByteRange(7, 7, false), ByteRange.parse("bytes=7-7"));
  }

  @Test
  void openEndedRangeHasNoLast() {
    assertEquals(new ByteRange(100, -1, false), ByteRange.parse("bytes=100-"));
  }

  @Test
  void suffixRangeCarriesTheLengthInLast() {
    assertEquals(new ByteRange(-1, 500, true), ByteRange.parse("bytes=-500"));
  }

  @Test
  void whitespaceAroundTheNumbersIsTolerated() {
    assertEquals(new ByteRange(0, 99, false), ByteRange.parse("bytes= 0 - 99 "));
  }

  @Test
  void severalRangesAreServedAsTheWholeObject() {
    assertNull(ByteRange.parse("bytes=0-99,200-299"));
  }

  @Test
  void missingHeaderMeansNoRange() {
    assertNull(ByteRange.parse(null));
  }

  @Test
  void lastBeforeFirstIsNotARange() {
    assertNull(ByteRange.parse("bytes=100-50"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=abc", "bytes=a-b", "bytes=10", "items=0-99",
      "0-99", "bytes=0-99x", "bytes=99999999999999999999-"})
  void garbageIsNotARange(String header) {
    assertNull(ByteRange.parse(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=--5", "bytes=5--3", "bytes=+5-10"})
  void signedNumbersAreNotARange(String header) {
    assertNull(ByteRange.parse(header));
  }

  @Test
  void aClosedRangeWithinTheFileIsKept() {
    assertEquals(new ByteRange(10, 19, false), new ByteRange(10, 19, false).within(100));
  }

  @Test
  void anOpenOrTooLongRangeEndsAtTheLastByte() {
    assertEquals(new ByteRange(90, 99, false), new ByteRange(90, -1, false).within(100));
    assertEquals(new ByteRange(90, 99, false), new ByteRange(90, 500, false).within(100));
  }

  @Test
  void aSuffixRangeCountsFromTheEnd() {
    assertEquals(new ByteRange(70, 99, false), new ByteRange(-1, 30, true).within(100));
    assertEquals(new ByteRange(0, 99, false), new ByteRange(-1, 500, true).within(100));
  }

  @Test
  void aRangeOutsideTheFileIsNotSatisfiable() {
    assertThrows(KinoraException.class, () -> new ByteRange(100, -1, false).within(100));
    assertThrows(KinoraException.class, () -> new ByteRange(-1, 0, true).within(100));
    assertThrows(KinoraException.class, () -> new ByteRange(0, 5, false).within(0));
  }
}
