package io.kinora.platform.http;

import java.util.List;

/** Which page of a list a client asked for: {@code page} counts from 1, {@code size} entries each. */
public record PageRequest(int page, int size) {

  public PageRequest {
    if (page < 1 || size < 1) {
      throw new IllegalArgumentException("page and size start at 1, got " + page + ", " + size);
    }
  }

  /** The index of the page's first entry. */
  public long offset() {
    return (long) (page - 1) * size;
  }

  /** The index of the page's last entry, inclusive, as Redis ranges (ZRANGE, LRANGE) take it. */
  public long lastIndex() {
    return offset() + size - 1;
  }

  /** This page of a list held whole; empty past its end. */
  public <T> List<T> slice(List<T> all) {
    int from = (int) Math.min(all.size(), offset());
    int to = (int) Math.min(all.size(), offset() + size);
    return all.subList(from, to);
  }
}
