package io.kinora.platform.http;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Gathers a raw body that {@link ApiBodies} left paused (a picture, a caption file) into memory,
 * up to a limit: a declared length over it is refused before a byte is read, and a body that
 * grows past it is answered 413 and its connection closed as soon as it does.
 */
public final class RawBody {

  private RawBody() {
  }

  /** Calls {@code then} with the whole body, or answers 413 with {@code tooLarge} and never calls it. */
  public static void gather(RoutingContext ctx, long maxBytes, String tooLarge, Handler<byte[]> then) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
      throw KinoraException.tooLarge(tooLarge);
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        refused[0] = true;
        Responses.error(ctx, FailureHandler.status(ErrorCode.TOO_LARGE), tooLarge);
        request.connection().close();
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(err -> refused[0] = true);
    request.endHandler(v -> {
      if (!refused[0]) {
        then.handle(body.getBytes());
      }
    });
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue(); // curl waits a second for this before sending a large body
    }
    request.resume();
  }
}
