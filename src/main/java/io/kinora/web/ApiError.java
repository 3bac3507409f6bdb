package io.kinora.web;

/** A request Kinora refuses, with the HTTP status and the sentence the client sees. */
public final class ApiError extends RuntimeException {

  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError notFound() {
    return new ApiError(404, "No video with this id.");
  }
}
