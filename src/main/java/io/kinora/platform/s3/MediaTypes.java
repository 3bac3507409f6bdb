package io.kinora.platform.s3;

import java.util.Locale;

/** Content types for what Kinora stores. */
public final class MediaTypes {

  public static final String HLS_PLAYLIST = "application/vnd.apple.mpegurl";

  private MediaTypes() {
  }

  public static String of(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".ts")) {
      return "video/mp2t";
    } else if (name.endsWith(".m4s")) {
      return "video/iso.segment";
    } else if (name.endsWith(".mp4")) {
      return "video/mp4";
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
