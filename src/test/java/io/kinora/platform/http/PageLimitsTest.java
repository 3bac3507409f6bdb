package io.kinora.platform.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

class PageLimitsTest {

  @Test
  void aDefaultAboveTheMaximumIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> new PageLimits(60, 50));
  }
}
