package io.kinora.packaging;

import io.kinora.video.CaptionTrack;
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
  static final String SUBTITLES_GROUP = "subs";

  private MasterPlaylist() {
  }

  public static String write(String videoId, List<Rendition> renditions) {
    return write(videoId, renditions, SegmentFormat.TS, null, List.of());
  }

  /**
   * @param captions the caption tracks: a {@code SUBTITLES} group every variant names, one
   *     WebVTT media playlist per track
   */
  public static String write(String videoId, List<Rendition> renditions, SegmentFormat format, Rendition audio,
                             List<CaptionTrack> captions) {
    int version = format == SegmentFormat.FMP4 ? 7 : 6;
    StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(version)
        .append("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    if (audio != null) {
      out.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP)
          .append("\",NAME=\"Audio\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"")
          .append(VideoUrls.variant(videoId, audio.name())).append("\"\n");
    }
    for (CaptionTrack track : captions) {
      // labels are checked as they are set: no quote or control character can end the attribute
      out.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(SUBTITLES_GROUP).append("\",NAME=\"")
          .append(track.label()).append("\",LANGUAGE=\"").append(track.language()).append("\",DEFAULT=")
          .append(track.isDefault() ? "YES" : "NO").append(",AUTOSELECT=YES,FORCED=NO,URI=\"")
          .append(VideoUrls.captionsPlaylist(videoId, track.language())).append("\"\n");
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
          if (!captions.isEmpty()) {
            out.append(",SUBTITLES=\"").append(SUBTITLES_GROUP).append('"');
          }
          out.append('\n').append(VideoUrls.variant(videoId, r.name())).append('\n');
        });
    return out.toString();
  }
}
