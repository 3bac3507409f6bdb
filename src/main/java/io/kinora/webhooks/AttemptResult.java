package io.kinora.webhooks;

/** What one attempt got: an HTTP status (0 when none came) or an error, and how long it took. */
record AttemptResult(int statusCode, String error, long durationMillis) {

  boolean delivered() {
    return statusCode >= 200 && statusCode < 300;
  }

  static AttemptResult status(int statusCode, long durationMillis) {
    return new AttemptResult(statusCode, null, durationMillis);
  }

  static AttemptResult error(String error, long durationMillis) {
    return new AttemptResult(0, error, durationMillis);
  }
}
