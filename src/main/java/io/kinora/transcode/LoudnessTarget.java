package io.kinora.transcode;

import java.util.Locale;

/**
 * The loudness every video's audio is brought to, as EBU R128 measures it: integrated loudness in
 * LUFS and the true peak in dBTP ({@code KINORA_LOUDNESS_TARGET}, {@code KINORA_LOUDNESS_TRUE_PEAK}).
 * ffmpeg's {@code loudnorm} does it in the ladder's one run, in its single-pass ("dynamic") mode:
 * it measures as it goes, so no pass over the file comes first. {@link #OFF} keeps the source's loudness.
 */
public record LoudnessTarget(boolean on, double integratedLufs, double truePeakDbtp) {

  public static final LoudnessTarget OFF = new LoudnessTarget(false, 0, 0);

  public static LoudnessTarget of(double integratedLufs, double truePeakDbtp) {
    if (integratedLufs < -70 || integratedLufs > -5) {
      throw new IllegalArgumentException("KINORA_LOUDNESS_TARGET must be between -70 and -5 LUFS (or off), got "
          + integratedLufs);
    }
    if (truePeakDbtp < -9 || truePeakDbtp > 0) {
      throw new IllegalArgumentException("KINORA_LOUDNESS_TRUE_PEAK must be between -9 and 0 dBTP, got " + truePeakDbtp);
    }
    return new LoudnessTarget(true, integratedLufs, truePeakDbtp);
  }

  /**
   * The audio filter: {@code loudnorm} with its default loudness range (11 LU), and its measurement
   * of the input printed as JSON at the end of the run ({@link LoudnessReport} reads it).
   */
  String filter() {
    return String.format(Locale.ROOT, "loudnorm=I=%.1f:TP=%.1f:LRA=11:print_format=json", integratedLufs, truePeakDbtp);
  }
}
