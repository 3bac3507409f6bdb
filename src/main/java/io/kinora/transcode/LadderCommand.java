package io.kinora.transcode;

import io.kinora.video.Storyboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of the ONE ffmpeg run per video: decode once, split, scale each rung, encode
 * H.264 into fragmented-MP4 (CMAF) HLS with keyframes forced on segment boundaries (so every
 * rendition cuts at the same instants and players switch cleanly), the audio encoded once into
 * its own rendition (DASH players refuse audio muxed with video), and grab a poster from the same
 * decode. Output: {@code out/{rung}/index.m3u8}, {@code out/{rung}/init_r1_{rung}.mp4},
 * {@code out/{rung}/seg_r1_00000.m4s} (for attempt 1), the same under {@code out/audio/}, {@code out/poster.jpg}, and
 * the storyboard's thumbnails {@code thumbnails/thumb_0001.jpg...} beside {@code out} (see
 * {@link Storyboard}), also from the same decode: one more split branch, a frame every interval,
 * about +2 % CPU. {@link StoryboardSheets} tiles them into sheets afterwards: ffmpeg reports no
 * progress until every output has written its first frame, and a 10x10 sheet would not be
 * complete before 200 s of video.
 * The same files serve HLS ({@code #EXT-X-MAP}) and DASH (a manifest written by the packaging).
 */
public final class LadderCommand {

  public static final double MAX_FPS = 60;
  /** The directory and rendition name of the audio-only rendition. */
  public static final String AUDIO = "audio";
  /** The AAC rate of the audio rendition. */
  public static final int AUDIO_KBPS = 128;

  private LadderCommand() {
  }

  /**
   * @param output the attempt's prefix ("r2"), also in every file name: each attempt's segments have
   *               their own URLs, so a cache that kept an earlier attempt's never serves it for this one
   * @param start  where the video starts: at the beginning, or (continuing an interrupted run) at a
   *               segment boundary, from a second input seeked there; the whole file is then the
   *               first input only for the audio, the poster and the storyboard
   */
  public static List<String> arguments(Path input, SourceInfo source, List<Ladder.Rung> rungs,
                                       Path outDir, String output, TranscodeSettings settings, RunStart start) {
    int segmentSeconds = settings.segmentSeconds();
    int n = rungs.size();
    boolean continuing = !start.fromBeginning();
    List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
    // the same limits as the probe: only the file itself, only real containers
    args.addAll(SelfContainedInput.inputOptions());
    args.addAll(List.of("-i", input.toString()));
    if (continuing) {
      args.addAll(SelfContainedInput.inputOptions());
      // input seeking decodes from the keyframe before and drops the frames before the boundary
      args.addAll(List.of("-ss", fmt(start.startSeconds()), "-i", input.toString()));
    }

    StringBuilder graph = new StringBuilder("[").append(continuing ? 1 : 0).append(':')
        .append(source.videoStreamIndex()).append(']');
    if (source.frameRate() > MAX_FPS + 0.5) {
      graph.append("fps=").append((int) MAX_FPS).append(',');
    }
    graph.append("format=yuv420p,split=").append(continuing ? n : n + 2);
    for (int i = 0; i < n; i++) {
      graph.append("[s").append(i).append(']');
    }
    if (continuing) {
      graph.append(";[0:").append(source.videoStreamIndex()).append("]format=yuv420p,split=2");
    }
    graph.append("[sp][sb]");
    for (int i = 0; i < n; i++) {
      Ladder.Rung r = rungs.get(i);
      graph.append(";[s").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
          .append(":flags=bicubic,setsar=1[v").append(i).append(']');
    }
    Ladder.Rung top = rungs.get(0);
    // exactly one frame reaches the poster's scaler: the first at or after the poster time
    graph.append(";[sp]select='isnan(prev_selected_t)*gte(t\\,").append(fmt(posterTime(source.durationSeconds())))
        .append(")',scale=").append(top.width()).append(':').append(top.height())
        .append(",setsar=1[poster]");
    Storyboard board = storyboard(source, rungs);
    graph.append(";[sb]fps=").append(board.fps()).append(",scale=").append(board.tileWidth()).append(':')
        .append(board.tileHeight()).append(":flags=bicubic,setsar=1[thumbs]");
    args.addAll(List.of("-filter_complex", graph.toString()));

    for (int i = 0; i < n; i++) {
      args.addAll(List.of("-map", "[v" + i + "]"));
    }
    boolean audioWithVideo = source.hasAudio() && !continuing;
    if (audioWithVideo) {
      args.addAll(List.of("-map", "0:" + source.audioStreamIndex()));
    }
    args.addAll(List.of("-c:v", "libx264", "-preset", settings.x264Preset(), "-profile:v", "high",
        "-force_key_frames", keyframes(segmentSeconds, start), "-sc_threshold", "0"));
    for (int i = 0; i < n; i++) {
      Ladder.Rung r = rungs.get(i);
      args.addAll(List.of("-b:v:" + i, r.videoKbps() + "k", "-maxrate:v:" + i, r.maxrateKbps() + "k",
          "-bufsize:v:" + i, r.bufsizeKbps() + "k", "-level:v:" + i, r.level().label()));
    }
    if (audioWithVideo) {
      args.addAll(audioEncoding(settings.loudness()));
    }
    // audio first: "a:0,agroup:aud,name:audio v:0,agroup:aud,name:1080p ..."
    List<String> variants = new ArrayList<>();
    StringBuilder streamMap = new StringBuilder();
    String group = audioWithVideo ? ",agroup:aud" : "";
    if (audioWithVideo) {
      streamMap.append("a:0").append(group).append(",name:").append(AUDIO);
      variants.add(AUDIO);
    }
    for (int i = 0; i < n; i++) {
      streamMap.append(streamMap.length() == 0 ? "" : " ").append("v:").append(i).append(group)
          .append(",name:").append(rungs.get(i).name());
      variants.add(rungs.get(i).name());
    }
    if (continuing) {
      // the video's timestamps, segment numbers and fragment times go on from the kept segments
      args.addAll(List.of("-output_ts_offset", fmt(start.startSeconds()),
          "-hls_segment_options", "movflags=+frag_discont", "-start_number", Integer.toString(start.firstSegment())));
    }
    args.addAll(hls(outDir, output, segmentSeconds, variants, streamMap.toString()));
    if (source.hasAudio() && continuing) {
      args.addAll(List.of("-map", "0:" + source.audioStreamIndex()));
      args.addAll(audioEncoding(settings.loudness()));
      args.addAll(hls(outDir, output, segmentSeconds, List.of(AUDIO), "a:0,name:" + AUDIO));
    }

    args.addAll(List.of("-map", "[thumbs]", "-fps_mode", "passthrough", "-q:v", "5", "-f", "image2",
        thumbnailDir(outDir).resolve(StoryboardSheets.THUMBNAILS).toString()));
    args.addAll(List.of("-map", "[poster]", "-frames:v", "1", "-update", "1", "-q:v", "3",
        outDir.resolve("poster.jpg").toString()));
    return args;
  }

  /** AAC stereo at 48 kHz, brought to the loudness target first when there is one. */
  private static List<String> audioEncoding(LoudnessTarget loudness) {
    List<String> args = new ArrayList<>();
    if (loudness.on()) {
      args.addAll(List.of("-filter:a", loudness.filter()));
    }
    args.addAll(List.of("-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ac", "2", "-ar", "48000"));
    return args;
  }

  /** One HLS output of fMP4 variants, {@code out/{variant}/index.m3u8}. */
  private static List<String> hls(Path outDir, String output, int segmentSeconds, List<String> variants,
                                  String streamMap) {
    return List.of("-f", "hls", "-hls_time", Integer.toString(segmentSeconds),
        "-hls_init_time", fmt(segmentSeconds / 2.0),
        // EVENT: ffmpeg rewrites each playlist atomically (.tmp + rename) after every finished
        // segment, so the pipeline uploads segments while it runs; VOD rewrites in place
        "-hls_playlist_type", "event", "-hls_flags", "independent_segments",
        "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", initFileName(output, variants),
        "-hls_segment_filename", outDir.resolve("%v").resolve("seg_" + output + "_%05d.m4s").toString(),
        "-var_stream_map", streamMap,
        outDir.resolve("%v").resolve(HlsOutput.PLAYLIST).toString());
  }

  /**
   * {@code init_r1_%v.mp4}: ffmpeg puts each variant's name in for {@code %v}, except in the init
   * file name of an output with a single variant, which it keeps literally; that output gets the
   * name written out.
   */
  static String initFileName(String output, List<String> variants) {
    return "init_" + output + "_" + (variants.size() == 1 ? variants.get(0) : "%v") + ".mp4";
  }

  /** Where the run writes the storyboard's thumbnails: beside {@code out}, so they are never uploaded. */
  public static Path thumbnailDir(Path outDir) {
    return outDir.resolveSibling("thumbnails");
  }

  /** The storyboard this command draws: its layout follows the duration and the top rung's shape. */
  public static Storyboard storyboard(SourceInfo source, List<Ladder.Rung> rungs) {
    return Storyboard.plan(source.durationSeconds(), rungs.get(0).width(), rungs.get(0).height());
  }

  /**
   * Keyframes at 0, S/2, S, 2S, 3S...: with {@code -hls_init_time S/2} the first segment is half
   * length, so a video still processing becomes playable in about half the time. (ffmpeg applies
   * the init time to every segment when the playlist keeps them all, so the audio, which can cut
   * anywhere, gets S/2 segments throughout; the video cuts only on these keyframes: S/2, S/2, S, S...)
   * A run that continues at boundary K (see {@link RunStart#boundary}) forces the same instants:
   * ffmpeg measures {@code t} from the run's first frame, which is that boundary.
   */
  static String keyframes(int segmentSeconds, RunStart start) {
    String half = fmt(segmentSeconds / 2.0);
    if (start.fromBeginning()) {
      return "expr:if(lt(t," + segmentSeconds + "),gte(t,n_forced*" + half + "),gte(t," + segmentSeconds
          + "*(n_forced-1)))";
    }
    String t = "(t+" + fmt(start.startSeconds()) + ")";
    String n = "(n_forced+" + start.firstSegment() + ")";
    return "expr:if(lt(" + t + "," + segmentSeconds + "),gte(" + t + "," + n + "*" + half + "),gte(" + t + ","
        + segmentSeconds + "*(" + n + "-1)))";
  }

  /** A frame a little way in: past fades from black, but inside even very short clips. */
  static double posterTime(double duration) {
    return Math.max(0, Math.min(duration * 0.2, 5.0));
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
