package io.kinora.transcode;

import java.util.List;

/**
 * What the probe learned about an input. Width and height are as displayed: sample aspect ratio
 * applied and rotation metadata honoured (ffmpeg auto-rotates while decoding, so the ladder is
 * planned on the upright picture). {@code subtitles} are its text subtitle streams, in file order.
 */
public record SourceInfo(double durationSeconds, int displayWidth, int displayHeight,
                         int videoStreamIndex, int audioStreamIndex, double frameRate,
                         String videoCodec, List<SubtitleStreams.Stream> subtitles) {

  public boolean hasAudio() {
    return audioStreamIndex >= 0;
  }
}
