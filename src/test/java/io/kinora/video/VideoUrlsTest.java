package io.kinora.video;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VideoUrlsTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void masterPlaylistIsUnderTheVideosApi() {
    assertEquals("/api/videos/" + ID + "/master.m3u8", VideoUrls.master(ID));
  }

  @Test
  void variantPathIsUnderTheVideosApi() {
    assertEquals("/api/videos/" + ID + "/renditions/720p.m3u8", VideoUrls.variant(ID, "720p"));
  }

  @Test
  void posterIsUnderTheVideosApi() {
    assertEquals("/api/videos/" + ID + "/poster.jpg", VideoUrls.poster(ID));
  }

  @Test
  void mediaPathIsIdThenRenditionThenFile() {
    assertEquals("/media/" + ID + "/480p/seg_00042.ts", VideoUrls.media(ID, "480p", "seg_00042.ts"));
  }
}
