package io.kinora.packaging;

import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.CaptionTrack;
import io.kinora.video.Rendition;
import io.kinora.video.VideoUrls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DASH manifest of an fMP4 video, written from its record and its stored variant playlists:
 * the very files HLS plays. Every {@code Initialization} and {@code SegmentURL} is its own signed
 * URL (a {@code SegmentTemplate} would expand to unsigned names, and nginx's secure_link checks
 * each file's whole path), so the addressing is a {@code SegmentList}, timed by a
 * {@code SegmentTimeline} of each segment's own length from the playlist: the first video
 * segments are half length (a video plays sooner while it is processing), the audio's are all
 * half length, and AAC segments alternate around the nominal length (e.g. 2.0107 and 1.9893 s),
 * none of which one {@code @duration} can describe.
 */
public final class DashManifest {

  private static final Pattern MAP_URI = Pattern.compile("#EXT-X-MAP:.*URI=\"([^\"]+)\"");

  private final UrlSigner signer;

  public DashManifest(UrlSigner signer) {
    this.signer = signer;
  }

  /** One variant playlist as the MPD needs it: the init file and each segment's name and length. */
  record Track(String init, List<String> segments, List<Double> durations) {

    static Track parse(String playlist) {
      String init = null;
      List<String> segments = new ArrayList<>();
      List<Double> durations = new ArrayList<>();
      double pending = -1;
      for (String raw : playlist.split("\r?\n")) {
        String line = raw.trim();
        if (line.isEmpty()) {
          continue;
        }
        Matcher map = MAP_URI.matcher(line);
        if (map.matches()) {
          init = map.group(1);
        } else if (line.startsWith("#EXTINF:")) {
          String value = line.substring(8);
          int comma = value.indexOf(',');
          pending = Double.parseDouble(comma >= 0 ? value.substring(0, comma) : value);
        } else if (!line.startsWith("#") && pending >= 0) {
          segments.add(line);
          durations.add(pending);
          pending = -1;
        }
      }
      if (init == null || segments.isEmpty()) {
        throw new IllegalStateException("a stored fMP4 playlist has no EXT-X-MAP or no segments");
      }
      return new Track(init, segments, durations);
    }

    /**
     * The segments' start times in milliseconds, and the end as the last entry: each rounded from
     * the running sum, so rounding never drifts over a long video.
     */
    long[] boundariesMillis() {
      long[] times = new long[durations.size() + 1];
      double sum = 0;
      for (int i = 0; i < durations.size(); i++) {
        sum += durations.get(i);
        times[i + 1] = Math.round(sum * 1000);
      }
      return times;
    }
  }

  /**
   * @param playlists the raw variant playlists by rendition name, including the audio's
   * @param audio the audio rendition, or null for a video without sound
   * @param captions the caption tracks, each a text AdaptationSet of its one WebVTT file
   */
  public String write(String videoId, double durationSeconds, List<Rendition> renditions, Rendition audio,
                      List<CaptionTrack> captions, Map<String, String> playlists, long expires) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\"")
        .append(" type=\"static\" mediaPresentationDuration=\"").append(isoDuration(durationSeconds))
        .append("\" minBufferTime=\"PT4S\">\n")
        .append("  <Period id=\"0\" start=\"PT0S\">\n")
        .append("    <AdaptationSet id=\"0\" contentType=\"video\" mimeType=\"video/mp4\"")
        .append(" segmentAlignment=\"true\" startWithSAP=\"1\">\n");
    List<Rendition> byBandwidth = renditions.stream()
        .sorted(Comparator.comparingLong(Rendition::bandwidth).reversed()).toList();
    for (Rendition r : byBandwidth) {
      out.append("      <Representation id=\"").append(r.name()).append("\" bandwidth=\"").append(r.bandwidth())
          .append("\" width=\"").append(r.width()).append("\" height=\"").append(r.height())
          .append("\" codecs=\"").append(videoCodec(r.codecs())).append("\" sar=\"1:1\"");
      if (r.frameRate() > 0) {
        out.append(" frameRate=\"").append(frameRate(r.frameRate())).append('"');
      }
      out.append(">\n");
      segmentList(out, videoId, r.name(), playlists.get(r.name()), expires);
      out.append("      </Representation>\n");
    }
    out.append("    </AdaptationSet>\n");
    if (audio != null) {
      out.append("    <AdaptationSet id=\"1\" contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"und\"")
          .append(" segmentAlignment=\"true\" startWithSAP=\"1\">\n")
          .append("      <Representation id=\"").append(audio.name()).append("\" bandwidth=\"")
          .append(audio.bandwidth()).append("\" codecs=\"").append(audio.codecs())
          .append("\" audioSamplingRate=\"48000\">\n")
          .append("        <AudioChannelConfiguration")
          .append(" schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\"2\"/>\n");
      segmentList(out, videoId, audio.name(), playlists.get(audio.name()), expires);
      out.append("      </Representation>\n    </AdaptationSet>\n");
    }
    int set = 2;
    for (CaptionTrack track : captions) {
      out.append("    <AdaptationSet id=\"").append(set++).append("\" contentType=\"text\" mimeType=\"text/vtt\" lang=\"")
          .append(track.language()).append("\">\n")
          .append("      <Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"subtitle\"/>\n")
          .append("      <Label>").append(xmlText(track.label())).append("</Label>\n")
          .append("      <Representation id=\"captions-").append(track.language()).append("\" bandwidth=\"256\">\n")
          .append("        <BaseURL>").append(VideoUrls.captions(videoId, track.language())).append("</BaseURL>\n")
          .append("      </Representation>\n    </AdaptationSet>\n");
    }
    out.append("  </Period>\n</MPD>\n");
    return out.toString();
  }

  /** A label's text inside an element: the one character it may hold that XML reads as markup. */
  private static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private void segmentList(StringBuilder out, String videoId, String rendition, String playlist, long expires) {
    if (playlist == null) {
      throw new IllegalStateException("no stored playlist for rendition " + rendition + " of " + videoId);
    }
    Track track = Track.parse(playlist);
    out.append("        <SegmentList timescale=\"1000\">\n")
        .append("          <Initialization sourceURL=\"").append(url(videoId, rendition, track.init(), expires))
        .append("\"/>\n");
    timeline(out, track.boundariesMillis());
    for (String segment : track.segments()) {
      out.append("          <SegmentURL media=\"").append(url(videoId, rendition, segment, expires)).append("\"/>\n");
    }
    out.append("        </SegmentList>\n");
  }

  /**
   * One {@code S} per segment, never {@code r} repeats: dash.js 4.7 picks a {@code SegmentList}'s
   * URL by the index of the {@code S} element rather than of the segment, so a repeat would play
   * the wrong files (its DeliveryUiIT decoded half the frames).
   */
  private static void timeline(StringBuilder out, long[] times) {
    out.append("          <SegmentTimeline>\n");
    for (int i = 0; i < times.length - 1; i++) {
      out.append("            <S t=\"").append(times[i]).append("\" d=\"").append(times[i + 1] - times[i])
          .append("\"/>\n");
    }
    out.append("          </SegmentTimeline>\n");
  }

  private String url(String videoId, String rendition, String file, long expires) {
    if (!VideoUrls.MEDIA_FILE.matcher(file).matches()) {
      throw new IllegalStateException("unexpected segment name in playlist: " + file);
    }
    // signatures are base64url and paths plain names: only the '&' needs escaping in XML
    return signer.signedUrl(VideoUrls.media(videoId, rendition, file), expires).replace("&", "&amp;");
  }

  /** "avc1.640028" from an fMP4 rung's codecs (an MPEG-TS rung would also name its audio). */
  private static String videoCodec(String codecs) {
    int comma = codecs.indexOf(',');
    return comma < 0 ? codecs : codecs.substring(0, comma);
  }

  private static String frameRate(double fps) {
    long rounded = Math.round(fps);
    if (Math.abs(fps - rounded) < 0.001) {
      return Long.toString(rounded);
    }
    // 29.97 and its kin are n*1000/1001
    long n = Math.round(fps * 1001 / 1000);
    return Math.abs(n * 1000.0 / 1001 - fps) < 0.01 ? (n * 1000) + "/1001" : String.format(Locale.ROOT, "%.3f", fps);
  }

  static String isoDuration(double seconds) {
    return String.format(Locale.ROOT, "PT%.3fS", Math.max(0, seconds));
  }
}
