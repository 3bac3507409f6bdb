package io.kinora.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of the downloads' remux: ONE ffmpeg run that reads every rendition's segments
 * through its own playlist (MPEG-TS, or fMP4 with {@code #EXT-X-MAP}: whatever the ladder wrote)
 * and copies each, without re-encoding, into a progressive MP4 with its {@code moov} first
 * ({@code +faststart}). When audio is its own rendition (fMP4 ladders) its playlist is read once
 * and mapped into every output. One process rather than one per rendition: on a short video the
 * start of each ffmpeg costs more than its copying (measured in docs/notes/issue-14-progress-extras.md).
 */
public final class Mp4Remux {

  /** Only our own files: the HLS playlist, its segments (MPEG-TS or MP4 fragments), from disk. */
  static final String FORMATS = "hls,mpegts,mov";

  /** One download: the rendition's playlist and the MP4 to write. */
  public record Target(Path playlist, Path mp4) {
  }

  private Mp4Remux() {
  }

  public static List<String> arguments(List<Target> targets, Path audioPlaylist) {
    List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
    for (Target target : targets) {
      args.addAll(input(target.playlist()));
    }
    if (audioPlaylist != null) {
      args.addAll(input(audioPlaylist));
    }
    for (int i = 0; i < targets.size(); i++) {
      args.addAll(List.of("-map", i + ":v:0", "-map", audioPlaylist != null ? targets.size() + ":a:0" : i + ":a:0?",
          // ADTS AAC in MPEG-TS needs its header moved into the MP4's sample description; a no-op for fMP4
          "-c", "copy", "-bsf:a", "aac_adtstoasc", "-movflags", "+faststart", "-f", "mp4",
          targets.get(i).mp4().toString()));
    }
    return args;
  }

  private static List<String> input(Path playlist) {
    return List.of("-format_whitelist", FORMATS, "-protocol_whitelist", "file", "-f", "hls",
        "-i", playlist.toString());
  }
}
