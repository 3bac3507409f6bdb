package io.kinora.social.comments;

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

class CommentCursorTest {

  @Test
  void aCursorSurvivesTheRoundTrip() {
    CommentCursor cursor = new CommentCursor(1_795_000_000_123L, "Ab-_0123456789xy");

    assertEquals(cursor, CommentCursor.parse(cursor.encode()));
  }

  @Test
  void noCursorMeansTheFirstPage() {
    assertNull(CommentCursor.parse(null));
    assertNull(CommentCursor.parse(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "bm9wZQ", "MTIzOg"})
  void anythingElseIsInvalidInput(String value) {
    KinoraException refused = assertThrows(KinoraException.class, () -> CommentCursor.parse(value));
    assertEquals(ErrorCode.INVALID_INPUT, refused.code());
  }

  @Test
  void anOverlongCursorIsRefusedUnread() {
    assertThrows(KinoraException.class, () -> CommentCursor.parse("x".repeat(300)));
  }

  @Test
  void anIdOfTheWrongShapeIsRefused() {
    String forged = Base64.getUrlEncoder().encodeToString("123:../../etc".getBytes(StandardCharsets.UTF_8));

    assertThrows(KinoraException.class, () -> CommentCursor.parse(forged));
  }
}
