package io.kinora.video;

/**
 * The container of a video's segments, recorded with the video ({@code segmentFormat} in its hash).
 * Videos processed before CMAF have MPEG-TS segments and no such field: they keep playing over HLS,
 * and only fMP4 videos have a DASH manifest.
 */
public enum SegmentFormat {
  /** MPEG-TS segments with muxed audio: HLS only (every video processed before CMAF delivery). */
  TS("ts"),
  /** Fragmented MP4 (CMAF): an init file per rendition, audio in its own rendition; HLS and DASH. */
  FMP4("fmp4");

  private final String wire;

  SegmentFormat(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** A record without the field predates fMP4: it is TS. */
  public static SegmentFormat fromStored(String value) {
    return "fmp4".equals(value) ? FMP4 : TS;
  }
}
