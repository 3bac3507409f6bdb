package io.kinora.social.channels;

import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.PageCursor;
import io.kinora.social.Catalogue.Entry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed's merge and cursor, without Redis: a walk page by page gives the full order, no gap, no repeat. */
class FeedMergeTest {

  @Test
  void walkingPageByPageGivesEveryEntryOnceNewestFirstAcrossTies() {
    for (int limit : new int[] {1, 3, 7, 20}) {
      for (int seed = 0; seed < 20; seed++) {
        Random random = new Random(seed);
        List<List<Entry>> channels = new ArrayList<>();
        List<Entry> everything = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        for (int c = 0; c < count; c++) {
          List<Entry> channel = new ArrayList<>();
          int videos = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
          for (int i = 0; i < videos; i++) {
            // many in the same millisecond, so ties are walked across
            channel.add(new Entry("c" + c + "v" + i, 1_000 + random.nextInt(25)));
          }
          channel.sort(FeedMerge.NEWEST_FIRST);
          channels.add(channel);
          everything.addAll(channel);
        }
        everything.sort(FeedMerge.NEWEST_FIRST);

        assertEquals(everything, walk(channels, limit), "limit " + limit + ", seed " + seed);
      }
    }
  }

  /** What FeedReader does, with each channel's sorted set as a list. */
  private static List<Entry> walk(List<List<Entry>> channels, int limit) {
    List<Entry> walked = new ArrayList<>();
    PageCursor cursor = null;
    int pages = 0;
    do {
      PageCursor at = cursor;
      // round 1: ZREVRANGEBYSCORE key cursorMs -inf LIMIT 0 1 (the cursor's millisecond included)
      List<Long> heads = channels.stream().map(ch -> ch.stream()
          .filter(e -> at == null || e.createdMillis() <= at.millis()).findFirst()
          .map(e -> at != null && e.createdMillis() == at.millis() && e.id().compareTo(at.id()) >= 0
              ? FeedMerge.UNKNOWN : e.createdMillis())
          .orElse(FeedMerge.NONE)).toList();
      FeedMerge.Plan plan = FeedMerge.plan(heads, limit);
      // round 2: Catalogue.olderThan(channel, cursor, limit + 1)
      List<List<Entry>> older = plan.read().stream().map(i -> channels.get(i).stream()
          .filter(e -> at == null || e.createdMillis() < at.millis()
              || (e.createdMillis() == at.millis() && e.id().compareTo(at.id()) < 0))
          .limit(limit + 1).toList()).toList();
      FeedMerge.Page page = FeedMerge.merge(older, limit, plan.moreElsewhere());
      walked.addAll(page.entries());
      cursor = page.next() == null ? null : PageCursor.parse(page.next().encode(), FeedMerge.REFUSAL);
      if (++pages > 10_000) {
        throw new AssertionError("endless walk");
      }
    } while (cursor != null);
    return walked;
  }

  @Test
  void onlyTheChannelsThatCanReachThePageAreReadAgain() {
    List<Long> heads = List.of(50L, FeedMerge.NONE, 10L, 40L, FeedMerge.UNKNOWN, 30L);

    FeedMerge.Plan plan = FeedMerge.plan(heads, 2);

    // the two newest known heads (50, 40) vouch for a full page; 30 and 10 cannot reach it
    assertEquals(List.of(0, 3, 4), plan.read());
    assertTrue(plan.moreElsewhere());
  }

  @Test
  void aShortFeedHasNoNextCursor() {
    FeedMerge.Page page = FeedMerge.merge(List.of(List.of(new Entry("a", 5)), List.of()), 20);

    assertEquals(1, page.entries().size());
    assertNull(page.next());
  }

  @Test
  void aCursorNotMadeHereIsRefusedWithASentence() {
    KinoraException refused = assertThrows(KinoraException.class, () -> PageCursor.parse("not-a-cursor!", FeedMerge.REFUSAL));

    assertEquals("This 'cursor' is not one Kinora gave out; load the feed again from the start.", refused.getMessage());
  }

  @Test
  void theSameMillisecondIsOrderedByIdDescending() {
    List<Entry> entries = new ArrayList<>(List.of(new Entry("a", 1), new Entry("c", 1), new Entry("b", 2)));
    entries.sort(FeedMerge.NEWEST_FIRST);

    assertEquals(List.of("b", "c", "a"), entries.stream().map(Entry::id).toList());
  }
}
