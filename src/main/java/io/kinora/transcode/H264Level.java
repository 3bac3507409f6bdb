package io.kinora.transcode;

import java.util.Locale;

/**
 * The lowest H.264 level that fits a frame size and rate (ITU-T H.264 Table A-1). Set explicitly
 * on the encoder so the CODECS attribute of the master playlist is true.
 */
public enum H264Level {
  L3_0("3.0", 0x1e, 1620, 40500),
  L3_1("3.1", 0x1f, 3600, 108000),
  L3_2("3.2", 0x20, 5120, 216000),
  L4_0("4.0", 0x28, 8192, 245760),
  L4_2("4.2", 0x2a, 8704, 522240),
  L5_0("5.0", 0x32, 22080, 589824),
  L5_1("5.1", 0x33, 36864, 983040),
  L5_2("5.2", 0x34, 36864, 2073600);

  private final String label;
  private final int idc;
  private final int maxFrameMacroblocks;
  private final int maxMacroblocksPerSecond;

  H264Level(String label, int idc, int maxFrameMacroblocks, int maxMacroblocksPerSecond) {
    this.label = label;
    this.idc = idc;
    this.maxFrameMacroblocks = maxFrameMacroblocks;
    this.maxMacroblocksPerSecond = maxMacroblocksPerSecond;
  }

  public String label() {
    return label;
  }

  public String hex() {
    return String.format(Locale.ROOT, "%02x", idc);
  }

  public static H264Level forFrame(int width, int height, double fps) {
    long macroblocks = (long) Math.ceil(width / 16.0) * (long) Math.ceil(height / 16.0);
    double rate = macroblocks * Math.max(fps, 1);
    double maxSideMacroblocks = Math.max(Math.ceil(width / 16.0), Math.ceil(height / 16.0));
    for (H264Level level : values()) {
      boolean sidesFit = maxSideMacroblocks * maxSideMacroblocks <= 8.0 * level.maxFrameMacroblocks;
      if (macroblocks <= level.maxFrameMacroblocks && rate <= level.maxMacroblocksPerSecond && sidesFit) {
        return level;
      }
    }
    return L5_2;
  }
}
