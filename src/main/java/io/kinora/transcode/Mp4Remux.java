package io.kinora.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a download's remux: one rendition's segments, read through its own playlist
 * (MPEG-TS or fMP4 with {@code #EXT-X-MAP}, whatever the ladder wrote), copied without re-encoding
 * into one progressive MP4 with its {@code moov} first ({@code +faststart}). When audio is its own
 * rendition (fMP4 ladders), its playlist is the second input. Takes about 0.1 s for 30 s of 720p
 * and 6 s for an hour (docs/notes/issue-14-delivery.md §3).
 */
public final class Mp4Remux {

  /** Only our own files: the HLS playlist, its segments (MPEG-TS or MP4 fragments), from disk. */
  static final String FORMATS = "hls,mpegts,mov";

  private Mp4Remux() {
  }

  public static List<String> arguments(Path videoPlaylist, Path audioPlaylist, Path target) {
    List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
    args.addAll(input(videoPlaylist));
    if (audioPlaylist != null) {
      args.addAll(input(audioPlaylist));
    }
    args.addAll(List.of("-map", "0:v:0", "-map", audioPlaylist != null ? "1:a:0" : "0:a:0?",
        // ADTS AAC in MPEG-TS needs its header moved into the MP4's sample description; a no-op for fMP4
        "-c", "copy", "-bsf:a", "aac_adtstoasc", "-movflags", "+faststart", "-f", "mp4", target.toString()));
    return args;
  }

  private static List<String> input(Path playlist) {
    return List.of("-format_whitelist", FORMATS, "-protocol_whitelist", "file", "-f", "hls",
        "-i", playlist.toString());
  }
}
