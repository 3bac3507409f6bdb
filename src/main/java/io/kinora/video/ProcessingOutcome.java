package io.kinora.video;

import java.util.List;

/**
 * How a processing run ended when it ran to the end. A run that could not finish for a reason
 * worth retrying (storage down, a killed ffmpeg) is a failed future instead.
 */
public sealed interface ProcessingOutcome {

  /** The video can be played. */
  record Ready(ProcessedVideo video) implements ProcessingOutcome {
  }

  /**
   * The input can never become a video; {@code reason} tells the uploader what to do, {@code log}
   * holds the tool's last output lines for an administrator (empty when there is none).
   */
  record Rejected(String reason, List<String> log) implements ProcessingOutcome {
  }
}
