package io.kinora.platform.s3;

import java.util.Locale;

/** Content types for what Kinora stores. */
public final class MediaTypes {

  public static final String HLS_PLAYLIST = "application/vnd.apple.mpegurl";
  public static final String DASH_MANIFEST = "application/dash+xml";

  private MediaTypes() {
  }

  public static String of(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".ts")) {
      return "video/mp2t";
    } else if (name.endsWith(".m4s")) {
      return "video/iso.segment";
    } else if (name.startsWith("init_audio") && name.endsWith(".mp4")) {
      // the init segment of an fMP4 ladder's audio-only rendition
      return "audio/mp4";
    } else if (name.endsWith(".mp4")) {
      return "video/mp4";
    } else if (name.endsWith(".mpd")) {
      return DASH_MANIFEST;
    } else if (name.endsWith(".m3u8")) {
      return HLS_PLAYLIST;
    } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (name.endsWith(".vtt")) {
      return "text/vtt";
    }
    return "application/octet-stream";
  }
}
