package io.kinora.platform.error;

import java.util.Arrays;

/**
 * Why Kinora refused or could not do something, in the project's own terms. Features and the
 * event bus speak these codes; only the HTTP layer turns them into status codes.
 */
public enum ErrorCode {
  INVALID_INPUT(1),
  NOT_FOUND(2),
  /** The thing exists but is not in a state that allows this yet (e.g. a video still processing). */
  CONFLICT(3),
  TOO_LARGE(4),
  UNSUPPORTED_MEDIA_TYPE(5),
  UNAUTHORIZED(6),
  FORBIDDEN(7),
  /** A signed link whose time has passed. */
  EXPIRED(8),
  RANGE_NOT_SATISFIABLE(9),
  /** Redis, storage or another node did not answer: worth retrying. */
  UNAVAILABLE(10),
  /** Too many attempts (e.g. failed sign-ins); the exception says when to try again. */
  TOO_MANY_REQUESTS(11);

  private final int busCode;

  ErrorCode(int busCode) {
    this.busCode = busCode;
  }

  /** The failure code carried by an event-bus reply. */
  public int busCode() {
    return busCode;
  }

  /** The code a bus reply carried, or null when it was not one of ours (a timeout, no handler). */
  public static ErrorCode fromBusCode(int code) {
    return Arrays.stream(values()).filter(c -> c.busCode == code).findFirst().orElse(null);
  }
}
