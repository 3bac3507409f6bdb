package io.kinora.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Mp4DownloadsTest {

  @Test
  void theFileIsNamedAfterTheTitleAndRendition() {
    assertEquals("attachment; filename=\"Holiday 2026-720p.mp4\"; filename*=UTF-8''Holiday%202026-720p.mp4",
        Mp4Downloads.disposition("Holiday 2026", "720p.mp4"));
  }

  @Test
  void quotesAndNonAsciiNeverBreakTheHeader() {
    assertEquals("attachment; filename=\"_Caf__ _ bar_-480p.mp4\"; "
            + "filename*=UTF-8''%22Caf%C3%A9%22%20%0A%20bar%3B-480p.mp4",
        Mp4Downloads.disposition("\"Café\" \n bar;", "480p.mp4"));
    assertEquals("attachment; filename=\"video-360p.mp4\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC-360p.mp4",
        Mp4Downloads.disposition("日本", "360p.mp4"));
    assertEquals("attachment; filename=\"video-360p.mp4\"; filename*=UTF-8''video-360p.mp4",
        Mp4Downloads.disposition("  ", "360p.mp4"));
  }
}
