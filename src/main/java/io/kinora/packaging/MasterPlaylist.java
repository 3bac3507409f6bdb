package io.kinora.packaging;

import io.kinora.video.Rendition;
import io.kinora.video.SegmentFormat;
import io.kinora.video.VideoUrls;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the master playlist from the renditions recorded at the end of transcoding. An fMP4
 * ladder has video-only rungs and one audio rendition: the audio is an {@code EXT-X-MEDIA} group
 * every variant names, and a variant's BANDWIDTH and CODECS are its video's plus the audio's.
 */
public final class MasterPlaylist {

  static final String AUDIO_GROUP = "aud";

  private MasterPlaylist() {
  }

  public static String write(String videoId, List<Rendition> renditions) {
    return write(videoId, renditions, SegmentFormat.TS, null);
  }

  public static String write(String videoId, List<Rendition> renditions, SegmentFormat format, Rendition audio) {
    int version = format == SegmentFormat.FMP4 ? 7 : 6;
    StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(version)
        .append("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    if (audio != null) {
      out.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP)
          .append("\",NAME=\"Audio\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"")
          .append(VideoUrls.variant(videoId, audio.name())).append("\"\n");
    }
    long audioPeak = audio == null ? 0 : audio.bandwidth();
    long audioAverage = audio == null ? 0 : audio.averageBandwidth();
    renditions.stream()
        .sorted(Comparator.comparingLong(Rendition::bandwidth).reversed())
        .forEach(r -> {
          out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.bandwidth() + audioPeak)
              .append(",AVERAGE-BANDWIDTH=").append(r.averageBandwidth() + audioAverage)
              .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
              .append(",CODECS=\"").append(r.codecs());
          if (audio != null) {
            out.append(',').append(audio.codecs());
          }
          out.append('"');
          if (r.frameRate() > 0) {
            out.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", r.frameRate()));
          }
          if (audio != null) {
            out.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
          }
          out.append('\n').append(VideoUrls.variant(videoId, r.name())).append('\n');
        });
    return out.toString();
  }
}
