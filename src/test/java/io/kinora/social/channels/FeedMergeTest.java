package io.kinora.social.channels;

import io.kinora.platform.error.KinoraException;
import io.kinora.social.Catalogue.Entry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The feed's merge and cursor, without Redis: a walk page by page gives the full order, no gap, no repeat. */
class FeedMergeTest {

  @Test
  void walkingPageByPageGivesEveryEntryOnceNewestFirstAcrossTies() {
    Random random = new Random(7);
    List<List<Entry>> channels = new ArrayList<>();
    List<Entry> everything = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      List<Entry> channel = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        // many in the same millisecond, so ties are walked across
        channel.add(new Entry("c" + c + "v" + i, 1_000 + random.nextInt(30)));
      }
      channel.sort(FeedMerge.NEWEST_FIRST);
      channels.add(channel);
      everything.addAll(channel);
    }
    everything.sort(FeedMerge.NEWEST_FIRST);

    List<Entry> walked = new ArrayList<>();
    FeedMerge.Cursor cursor = null;
    int limit = 7;
    do {
      FeedMerge.Cursor at = cursor;
      List<List<Entry>> older = channels.stream().map(ch -> ch.stream()
          .filter(e -> at == null || e.createdMillis() < at.millis()
              || (e.createdMillis() == at.millis() && e.id().compareTo(at.id()) < 0))
          .limit(limit + 1).toList()).toList();
      FeedMerge.Page page = FeedMerge.merge(older, limit);
      walked.addAll(page.entries());
      cursor = page.next() == null ? null : FeedMerge.Cursor.decode(page.next().encode());
    } while (cursor != null);

    assertEquals(everything, walked);
  }

  @Test
  void aShortFeedHasNoNextCursor() {
    FeedMerge.Page page = FeedMerge.merge(List.of(List.of(new Entry("a", 5)), List.of()), 20);

    assertEquals(1, page.entries().size());
    assertNull(page.next());
  }

  @Test
  void aCursorNotMadeHereIsRefusedWithASentence() {
    KinoraException refused = assertThrows(KinoraException.class, () -> FeedMerge.Cursor.decode("not-a-cursor!"));

    assertEquals("This 'cursor' is not one Kinora gave out; load the feed again from the start.", refused.getMessage());
  }

  @Test
  void theSameMillisecondIsOrderedByIdDescending() {
    List<Entry> entries = new ArrayList<>(List.of(new Entry("a", 1), new Entry("c", 1), new Entry("b", 2)));
    entries.sort(FeedMerge.NEWEST_FIRST);

    assertEquals(List.of("b", "c", "a"), entries.stream().map(Entry::id).toList());
  }
}
