package io.kinora.social.channels;

import io.kinora.platform.http.PageCursor;
import io.kinora.social.Catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A feed page from the newest entries of each followed channel: merged newest first, ties (the
 * same millisecond) by id descending, which is the order Redis keeps equal scores in and the order
 * {@code Catalogue.olderThan} continues from. Pure, so it is tested without Redis.
 */
final class FeedMerge {

  /** Newest first; the same millisecond by id, descending. */
  static final Comparator<Catalogue.Entry> NEWEST_FIRST = Comparator
      .comparingLong(Catalogue.Entry::createdMillis).reversed()
      .thenComparing(Catalogue.Entry::id, Comparator.reverseOrder());

  private FeedMerge() {
  }

  /** What a client hears when it sends a cursor Kinora did not give out. */
  static final String REFUSAL = "This 'cursor' is not one Kinora gave out; load the feed again from the start.";

  /** One page: at most {@code limit} entries, and the cursor of the next page (null at the end). */
  record Page(List<Catalogue.Entry> entries, PageCursor next) {
  }

  /** A channel's newest entry older than the cursor is not known (only newer ones were seen): always read it. */
  static final long UNKNOWN = Long.MAX_VALUE;
  /** A channel with nothing older than the cursor. */
  static final long NONE = Long.MIN_VALUE;

  /**
   * The first phase of a page: given each channel's newest score older than the cursor ({@link
   * #NONE} for none, {@link #UNKNOWN} when not known), the lowest score a page entry can have.
   * The {@code limit} channels with the newest heads alone offer {@code limit} entries at or above
   * the {@code limit}-th newest head, so nothing below it is on the page, and a channel whose head
   * is below it need not be read. {@link #NONE} when every channel with entries must be read.
   * {@link #UNKNOWN} heads are always read and never counted.
   */
  static long threshold(List<Long> heads, int limit) {
    List<Long> known = new ArrayList<>();
    for (long head : heads) {
      // an unknown head is read whatever the threshold, but vouches for no entry
      if (head != NONE && head != UNKNOWN) {
        known.add(head);
      }
    }
    if (known.size() <= limit) {
      return NONE;
    }
    known.sort(Comparator.reverseOrder());
    return known.get(limit - 1);
  }

  /** Which channels to read in the second round, and whether any left unread still has entries. */
  record Plan(List<Integer> read, boolean moreElsewhere) {
  }

  /** The second round for these heads (one per channel, in order; see {@link #threshold}). */
  static Plan plan(List<Long> heads, int limit) {
    long threshold = threshold(heads, limit);
    List<Integer> read = new ArrayList<>();
    boolean more = false;
    for (int i = 0; i < heads.size(); i++) {
      long head = heads.get(i);
      if (head == NONE) {
        continue;
      }
      if (head < threshold) {
        more = true;
      } else {
        read.add(i);
      }
    }
    return new Plan(read, more);
  }

  /**
   * Merges each channel's entries (each already older than the cursor, newest first, at most
   * {@code limit + 1} of them) into one page. There is a next page when more than {@code limit}
   * entries were offered in all.
   */
  static Page merge(List<List<Catalogue.Entry>> perChannel, int limit) {
    return merge(perChannel, limit, false);
  }

  /** The same, when channels left unread ({@code moreElsewhere}) still hold older entries. */
  static Page merge(List<List<Catalogue.Entry>> perChannel, int limit, boolean moreElsewhere) {
    List<Catalogue.Entry> all = new ArrayList<>();
    perChannel.forEach(all::addAll);
    all.sort(NEWEST_FIRST);
    if (all.size() < limit || (all.size() == limit && !moreElsewhere)) {
      return new Page(all, null);
    }
    List<Catalogue.Entry> page = new ArrayList<>(all.subList(0, limit));
    Catalogue.Entry last = page.get(page.size() - 1);
    return new Page(page, new PageCursor(last.createdMillis(), last.id()));
  }
}
