package io.kinora.platform.http;

/**
 * How many entries one page of a list holds when the client does not say ({@code defaultSize})
 * and at most ({@code maxSize}). Every list's limits are here, in one place: lists of whole
 * records allow 100 a page; lists of cards that are each rechecked for visibility, 50.
 */
public record PageLimits(int defaultSize, int maxSize) {

  public static final PageLimits VIDEOS = new PageLimits(20, 100);
  public static final PageLimits USERS = new PageLimits(50, 100);
  public static final PageLimits JOBS = new PageLimits(20, 100);
  public static final PageLimits PLAYLISTS = new PageLimits(50, 100);
  public static final PageLimits PLAYLIST_ITEMS = new PageLimits(50, 100);
  public static final PageLimits CHANNEL_VIDEOS = new PageLimits(24, 50);
  public static final PageLimits SUBSCRIPTIONS = new PageLimits(20, 50);
  public static final PageLimits SEARCH = new PageLimits(20, 50);
  public static final PageLimits FEED = new PageLimits(20, 50);
  public static final PageLimits COMMENTS = new PageLimits(20, 50);

  public PageLimits {
    if (maxSize < 1 || defaultSize < 1 || defaultSize > maxSize) {
      throw new IllegalArgumentException("need 1 <= defaultSize <= maxSize, got " + defaultSize + ", " + maxSize);
    }
  }

  /** The highest page number: any page up to it starts at an offset that fits in an int. */
  public int maxPage() {
    return Integer.MAX_VALUE / maxSize;
  }
}
