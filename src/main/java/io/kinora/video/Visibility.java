package io.kinora.video;

import io.kinora.platform.error.KinoraException;

import java.util.Arrays;
import java.util.Locale;

/**
 * Who may see a video: {@code private} (its owner and admins), {@code unlisted} (anyone holding
 * the link; the default, and what a video ID meant before accounts), {@code public} (also listed
 * in the public catalogue).
 */
public enum Visibility {
  PRIVATE, UNLISTED, PUBLIC;

  public static final Visibility DEFAULT = UNLISTED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored value; anything unknown (older records have none) reads as the default. */
  static Visibility fromStored(String value) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst().orElse(DEFAULT);
  }

  /** A client's choice: null stays null (not given); anything but the three names is refused. */
  public static Visibility parse(String value) {
    if (value == null) {
      return null;
    }
    return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst()
        .orElseThrow(() -> KinoraException.invalid("'visibility' is one of private, unlisted or public."));
  }
}
