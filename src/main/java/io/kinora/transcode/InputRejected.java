package io.kinora.transcode;

import java.util.List;

/**
 * The input cannot become a video and retrying will not help. The message is shown to the person
 * who uploaded it, so it says what is wrong and what to do; the log is ffmpeg's last words, for
 * an administrator.
 */
public final class InputRejected extends Exception {

  private final List<String> log;

  public InputRejected(String message) {
    this(message, List.of());
  }

  public InputRejected(String message, List<String> log) {
    super(message, null, false, false);
    this.log = List.copyOf(log);
  }

  public List<String> log() {
    return log;
  }
}
