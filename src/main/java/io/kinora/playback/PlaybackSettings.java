package io.kinora.playback;

/**
 * Serving media from this node (when no edge is in front, or for what the edge has not cached).
 *
 * @param hotMediaBytes memory kept for the media files (segments, posters) most recently served,
 *                      so a crowd watching one video is served from memory; 0 turns it off
 */
public record PlaybackSettings(long hotMediaBytes) {

  /** A file bigger than this share of the budget is always read from storage. */
  static final int LARGEST_SHARE = 8;
}
