package io.kinora.transcode;

/** A continuing run cannot go on behind the kept segments; the pipeline starts it again from the beginning. */
final class ContinuationRefused extends RuntimeException {

  ContinuationRefused(String message, Throwable cause) {
    super(message, cause);
  }
}
