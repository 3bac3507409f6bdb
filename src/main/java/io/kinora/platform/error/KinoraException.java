package io.kinora.platform.error;

/**
 * Something Kinora refuses or cannot do, with its {@link ErrorCode} and the sentence the person
 * on the other end sees. Thrown or failed in futures anywhere; mapped to HTTP in one place.
 */
public class KinoraException extends RuntimeException {

  /**
   * What an {@link ErrorCode#UNAVAILABLE} answer tells clients to wait before trying again: long
   * enough for a restarting Redis or storage to come back, short enough that nobody gives up.
   */
  public static final long UNAVAILABLE_RETRY_SECONDS = 5;

  private final ErrorCode code;
  private final long retryAfterSeconds;

  public KinoraException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public KinoraException(ErrorCode code, String message, Throwable cause) {
    this(code, message, cause, code == ErrorCode.UNAVAILABLE ? UNAVAILABLE_RETRY_SECONDS : 0);
  }

  private KinoraException(ErrorCode code, String message, Throwable cause, long retryAfterSeconds) {
    // no stack trace: these are answers, not bugs (causes, when given, keep theirs)
    super(message, cause, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ErrorCode code() {
    return code;
  }

  /**
   * Seconds until trying again makes sense; 0 when irrelevant. Every UNAVAILABLE has one (a
   * backing service did not answer: worth retrying), so its 503 carries {@code Retry-After}.
   */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static KinoraException tooManyRequests(String message, long retryAfterSeconds) {
    return new KinoraException(ErrorCode.TOO_MANY_REQUESTS, message, null, Math.max(1, retryAfterSeconds));
  }

  /** This node is too busy right now (not broken): worth retrying after a pause. */
  public static KinoraException overloaded(String message, long retryAfterSeconds) {
    return new KinoraException(ErrorCode.UNAVAILABLE, message, null, Math.max(1, retryAfterSeconds));
  }

  public static KinoraException invalid(String message) {
    return new KinoraException(ErrorCode.INVALID_INPUT, message);
  }

  public static KinoraException notFound(String message) {
    return new KinoraException(ErrorCode.NOT_FOUND, message);
  }

  public static KinoraException conflict(String message) {
    return new KinoraException(ErrorCode.CONFLICT, message);
  }

  public static KinoraException tooLarge(String message) {
    return new KinoraException(ErrorCode.TOO_LARGE, message);
  }

  public static KinoraException unavailable(String message, Throwable cause) {
    return new KinoraException(ErrorCode.UNAVAILABLE, message, cause);
  }
}
