package io.kinora.store;

/** The life of a video, as the public contract spells it. */
public enum VideoStatus {
  AWAITING_UPLOAD, QUEUED, PROCESSING, READY, FAILED;

  public String wire() {
    return name().toLowerCase();
  }

  public boolean terminal() {
    return this == READY || this == FAILED;
  }

  public static VideoStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
