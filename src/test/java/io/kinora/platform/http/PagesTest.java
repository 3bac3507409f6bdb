package io.kinora.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PagesTest {

  private static final JsonArray ITEMS = new JsonArray().add("a").add("b");

  @Test
  void aNumberedPageSaysWhichPageOfHowMany() {
    JsonObject page = Pages.envelope(ITEMS, new PageRequest(2, 2), 5);

    assertEquals(new JsonObject().put("items", ITEMS).put("page", 2).put("pageSize", 2).put("total", 5L), page);
  }

  @Test
  void aPageWhoseTotalIsToldElsewhereHasNoTotal() {
    assertFalse(Pages.envelope(ITEMS, new PageRequest(1, 2)).containsKey("total"));
  }

  @Test
  void aCursorPageCarriesTheNextCursorEncoded() {
    PageCursor next = new PageCursor(1_795_000_000_123L, "b");

    assertEquals(next.encode(), Pages.envelope(ITEMS, next).getString("nextCursor"));
  }

  @Test
  void theLastCursorPageHasANullNextCursor() {
    JsonObject page = Pages.envelope(ITEMS, (PageCursor) null);

    assertEquals(true, page.containsKey("nextCursor"));
    assertEquals(null, page.getValue("nextCursor"));
  }
}
