package io.kinora.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Measures what ffmpeg wrote for one rendition: peak and average bit rate over its segments. */
public final class HlsOutput {

  private HlsOutput() {
  }

  public record Bitrates(long peak, long average) {
  }

  public static Bitrates measure(Path renditionDir) throws IOException {
    String playlist = Files.readString(renditionDir.resolve("index.m3u8"));
    double pendingDuration = -1;
    double totalSeconds = 0;
    long totalBytes = 0;
    long peak = 0;
    long shortPeak = 0;
    for (String line : playlist.split("\r?\n")) {
      if (line.startsWith("#EXTINF:")) {
        String value = line.substring(8);
        int comma = value.indexOf(',');
        pendingDuration = Double.parseDouble(comma >= 0 ? value.substring(0, comma) : value);
      } else if (!line.isBlank() && !line.startsWith("#") && pendingDuration > 0) {
        long bytes = Files.size(renditionDir.resolve(line.trim()));
        long bitrate = Math.round(bytes * 8 / pendingDuration);
        // a last sliver of a segment has a noisy rate; count it only if nothing else exists
        if (pendingDuration >= 1.0) {
          peak = Math.max(peak, bitrate);
        } else {
          shortPeak = Math.max(shortPeak, bitrate);
        }
        totalSeconds += pendingDuration;
        totalBytes += bytes;
        pendingDuration = -1;
      }
    }
    if (totalSeconds <= 0) {
      throw new IOException("ffmpeg wrote no segments in " + renditionDir);
    }
    long average = Math.round(totalBytes * 8 / totalSeconds);
    return new Bitrates(Math.max(peak == 0 ? shortPeak : peak, average), average);
  }
}
