package io.kinora.video;

import java.util.Locale;

/** The life of a video, as the public contract spells it. */
public enum VideoStatus {
  AWAITING_UPLOAD, QUEUED, PROCESSING, READY, FAILED;

  public String wire() {
    // Locale.ROOT: under a Turkish default locale the lower-case of "PROCESSING" is "processıng"
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean terminal() {
    return this == READY || this == FAILED;
  }

  public static VideoStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
