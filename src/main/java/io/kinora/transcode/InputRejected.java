package io.kinora.transcode;

/**
 * The input cannot become a video and retrying will not help. The message is shown to the person
 * who uploaded it, so it says what is wrong and what to do.
 */
public final class InputRejected extends Exception {

  public InputRejected(String message) {
    super(message, null, false, false);
  }
}
