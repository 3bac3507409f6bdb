package io.kinora.platform.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

  private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

  @Test
  void theFirstPageStartsAtIndexZero() {
    PageRequest first = new PageRequest(1, 20);

    assertEquals(0, first.offset());
    assertEquals(19, first.lastIndex());
  }

  @Test
  void aLaterPageStartsAfterTheEarlierOnes() {
    PageRequest third = new PageRequest(3, 20);

    assertEquals(40, third.offset());
    assertEquals(59, third.lastIndex());
  }

  @Test
  void anOffsetPastTheIntRangeDoesNotOverflow() {
    assertEquals(2L * Integer.MAX_VALUE, new PageRequest(Integer.MAX_VALUE, 2).offset() + 2);
  }

  @Test
  void theLastPageHoldsTheRest() {
    assertEquals(List.of("e"), new PageRequest(3, 2).slice(FIVE));
  }

  @Test
  void aPagePastTheEndIsEmpty() {
    assertEquals(List.of(), new PageRequest(4, 2).slice(FIVE));
  }

  @Test
  void pagesAndSizesCountFromOne() {
    assertThrows(IllegalArgumentException.class, () -> new PageRequest(0, 20));
    assertThrows(IllegalArgumentException.class, () -> new PageRequest(1, 0));
  }
}
