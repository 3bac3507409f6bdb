package io.kinora.transcode;

import io.kinora.video.VideoLimits;

import java.nio.file.Path;
import java.util.List;

/**
 * For bench/loudness (not a test): prints, one argument per line, the ffmpeg arguments Kinora's
 * ladder run uses for a file, with the default ladder and preset and the given loudness target.
 * Usage: {@code LadderCommandLine FILE OUT_DIR off|LUFS}
 */
public final class LadderCommandLine {

  private LadderCommandLine() {
  }

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    Path out = Path.of(args[1]);
    LoudnessTarget loudness = args[2].equals("off") ? LoudnessTarget.OFF : LoudnessTarget.of(Double.parseDouble(args[2]), -1.5);
    TranscodeSettings settings = new TranscodeSettings(List.of(1080, 720, 480, 360), 4, "veryfast", "", out, loudness);
    SourceInfo source = new MediaProbe(null, new VideoLimits(Long.MAX_VALUE, 24 * 3600, 8192)).probe(input);
    double fps = Math.min(source.frameRate(), LadderCommand.MAX_FPS);
    List<Ladder.Rung> rungs = Ladder.plan(settings.ladder(), source.displayWidth(), source.displayHeight(), fps);
    LadderCommand.arguments(input, source, rungs, out, "r1", settings, RunStart.BEGINNING).forEach(System.out::println);
  }
}
