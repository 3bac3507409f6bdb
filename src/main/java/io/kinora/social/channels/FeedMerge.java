package io.kinora.social.channels;

import io.kinora.platform.error.KinoraException;
import io.kinora.social.Catalogue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

  /** Where a page starts: older than this (ms, id). */
  record Cursor(long millis, String id) {

    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((millis + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null for the first page; INVALID_INPUT for anything else. */
    static Cursor decode(String raw) {
      if (raw == null || raw.isEmpty()) {
        return null;
      }
      try {
        if (raw.length() > 200) {
          throw new IllegalArgumentException("too long");
        }
        String text = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        String id = text.substring(colon + 1);
        if (colon < 1 || id.isEmpty() || !id.matches("[A-Za-z0-9_-]{1,64}")) {
          throw new IllegalArgumentException("no id");
        }
        return new Cursor(Long.parseLong(text.substring(0, colon)), id);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw KinoraException.invalid("This 'cursor' is not one Kinora gave out; load the feed again from the start.");
      }
    }
  }

  /** One page: at most {@code limit} entries, and the cursor of the next page (null at the end). */
  record Page(List<Catalogue.Entry> entries, Cursor next) {
  }

  /**
   * Merges each channel's entries (each already older than the cursor, newest first, at most
   * {@code limit + 1} of them) into one page. There is a next page when more than {@code limit}
   * entries were offered in all.
   */
  static Page merge(List<List<Catalogue.Entry>> perChannel, int limit) {
    List<Catalogue.Entry> all = new ArrayList<>();
    perChannel.forEach(all::addAll);
    all.sort(NEWEST_FIRST);
    if (all.size() <= limit) {
      return new Page(all, null);
    }
    List<Catalogue.Entry> page = new ArrayList<>(all.subList(0, limit));
    Catalogue.Entry last = page.get(page.size() - 1);
    return new Page(page, new Cursor(last.createdMillis(), last.id()));
  }
}
