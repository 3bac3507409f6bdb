package io.kinora.platform.http;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageCursorTest {

  @Test
  void aCursorSurvivesTheRoundTrip() {
    PageCursor cursor = new PageCursor(1_795_000_000_123L, "Ab-_0123456789xy");

    assertEquals(cursor, parse(cursor.encode()));
  }

  @Test
  void noCursorMeansTheFirstPage() {
    assertNull(parse(null));
    assertNull(parse(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "bm9wZQ", "MTIzOg"})
  void anythingElseIsInvalidInput(String value) {
    KinoraException refused = assertThrows(KinoraException.class, () -> parse(value));
    assertEquals(ErrorCode.INVALID_INPUT, refused.code());
  }

  @Test
  void anOverlongCursorIsRefusedUnread() {
    assertThrows(KinoraException.class, () -> parse("x".repeat(300)));
  }

  @Test
  void anIdOfTheWrongShapeIsRefused() {
    String forged = Base64.getUrlEncoder().encodeToString("123:../../etc".getBytes(StandardCharsets.UTF_8));

    assertThrows(KinoraException.class, () -> parse(forged));
  }

  private static PageCursor parse(String value) {
    return PageCursor.parse(value, "'cursor' is not one this server gave out; ask for the first page without it.");
  }
}
