package io.kinora.captions;

import io.kinora.video.VideoUrls;

import java.util.Locale;

/**
 * The HLS media playlist of one caption track: the whole WebVTT as its one segment, as long as
 * the video. HLS asks for subtitles as a playlist even when they are a single file.
 */
final class SubtitlePlaylist {

  private SubtitlePlaylist() {
  }

  static String write(String videoId, String language, double durationSeconds) {
    double duration = Math.max(durationSeconds, 1);
    return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + (long) Math.ceil(duration)
        + "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:"
        + String.format(Locale.ROOT, "%.3f", duration) + ",\n" + VideoUrls.captions(videoId, language)
        + "\n#EXT-X-ENDLIST\n";
  }
}
