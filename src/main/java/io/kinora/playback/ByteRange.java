package io.kinora.playback;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;

/**
 * A single HTTP byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}). Resolved
 * against the object length once it is known; several ranges are served as the whole object,
 * which RFC 9110 allows.
 */
public record ByteRange(long first, long last, boolean suffix) {

  /** Null when there is no usable single range. */
  public static ByteRange parse(String header) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return null;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    // digits only: Long.parseLong would also take signs ("bytes=--5", "bytes=+5-10")
    if (!a.matches("\\d{0,18}") || !b.matches("\\d{0,18}")) {
      return null;
    }
    try {
      if (a.isEmpty()) {
        return b.isEmpty() ? null : new ByteRange(-1, Long.parseLong(b), true);
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? -1 : Long.parseLong(b);
      return last >= 0 && last < first ? null : new ByteRange(first, last, false);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * This range within an object of {@code size} bytes: a suffix counted from the end, an open or
   * too long end cut at the last byte; RANGE_NOT_SATISFIABLE when nothing of it is in the object.
   */
  public ByteRange within(long size) {
    long from = suffix ? Math.max(0, size - last) : first;
    long to = suffix || last < 0 ? size - 1 : Math.min(last, size - 1);
    if (size == 0 || from >= size || (suffix && last == 0)) {
      throw new KinoraException(ErrorCode.RANGE_NOT_SATISFIABLE, "The requested range is outside the file.");
    }
    return new ByteRange(from, to, false);
  }
}
