package io.kinora.platform.http;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {

  private static final PageLimits LIMITS = new PageLimits(24, 50);
  private static final String REFUSAL = "Start again from the first page.";

  @Test
  void noParametersMeanTheFirstPageOfTheDefaultSize() {
    assertEquals(new PageRequest(1, 24), Paging.pages(query(Map.of()), LIMITS));
  }

  @Test
  void givenParametersAreRead() {
    assertEquals(new PageRequest(3, 50), Paging.pages(query(Map.of("page", "3", "pageSize", "50")), LIMITS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "51", "abc"})
  void aPageSizeOutOfBoundsIsInvalidInputNamingIt(String size) {
    KinoraException refused = assertThrows(KinoraException.class,
        () -> Paging.pages(query(Map.of("pageSize", size)), LIMITS));

    assertEquals(ErrorCode.INVALID_INPUT, refused.code());
    assertTrue(refused.getMessage().contains("'pageSize'"), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc"})
  void aPageOutOfBoundsIsInvalidInputNamingIt(String page) {
    KinoraException refused = assertThrows(KinoraException.class, () -> Paging.pages(query(Map.of("page", page)), LIMITS));

    assertTrue(refused.getMessage().contains("'page'"), refused.getMessage());
  }

  @Test
  void theHighestPageStillHasAnOffsetThatFitsInAnInt() {
    int last = LIMITS.maxPage();

    PageRequest page = Paging.pages(query(Map.of("page", Integer.toString(last), "pageSize", "50")), LIMITS);

    assertTrue(page.offset() + page.size() <= Integer.MAX_VALUE);
    assertThrows(KinoraException.class, () -> Paging.pages(query(Map.of("page", Integer.toString(last + 1))), LIMITS));
  }

  @Test
  void noCursorMeansFromTheStartWithTheDefaultLimit() {
    CursorRequest request = Paging.cursor(query(Map.of()), LIMITS, REFUSAL);

    assertNull(request.after());
    assertEquals(24, request.limit());
  }

  @Test
  void aCursorWeGaveOutIsReadBack() {
    PageCursor cursor = new PageCursor(1_795_000_000_123L, "abc");

    CursorRequest request = Paging.cursor(query(Map.of("cursor", cursor.encode(), "limit", "5")), LIMITS, REFUSAL);

    assertEquals(new CursorRequest(cursor, 5), request);
  }

  @Test
  void aForeignCursorIsRefusedWithTheListsOwnSentence() {
    KinoraException refused = assertThrows(KinoraException.class,
        () -> Paging.cursor(query(Map.of("cursor", "%%%")), LIMITS, REFUSAL));

    assertEquals(REFUSAL, refused.getMessage());
  }

  @Test
  void aLimitAboveTheMaximumIsInvalidInput() {
    assertThrows(KinoraException.class, () -> Paging.cursor(query(Map.of("limit", "51")), LIMITS, REFUSAL));
  }

  private static java.util.function.UnaryOperator<String> query(Map<String, String> params) {
    return params::get;
  }
}
