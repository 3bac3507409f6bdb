package io.kinora.packaging;

import io.kinora.video.Rendition;
import io.kinora.video.VideoUrls;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes the master playlist from the renditions recorded at the end of transcoding. */
public final class MasterPlaylist {

  private MasterPlaylist() {
  }

  public static String write(String videoId, List<Rendition> renditions) {
    StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    renditions.stream()
        .sorted(Comparator.comparingLong(Rendition::bandwidth).reversed())
        .forEach(r -> {
          out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.bandwidth())
              .append(",AVERAGE-BANDWIDTH=").append(r.averageBandwidth())
              .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
              .append(",CODECS=\"").append(r.codecs()).append('"');
          if (r.frameRate() > 0) {
            out.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", r.frameRate()));
          }
          out.append('\n').append(VideoUrls.variant(videoId, r.name())).append('\n');
        });
    return out.toString();
  }
}
