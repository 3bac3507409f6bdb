package io.kinora.platform.error;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * How a {@link KinoraException} crosses the event bus: the reply fails with the error's bus code
 * and message, and the requester gets the same exception back. Anything else (a timeout, no
 * consumer, a bug on the other side) arrives as {@link ErrorCode#UNAVAILABLE}.
 */
public final class BusFailures {

  private BusFailures() {
  }

  /** Fails {@code message} with what went wrong; unexpected errors become UNAVAILABLE. */
  public static void reply(Message<?> message, Throwable error, String unavailableMessage) {
    if (error instanceof KinoraException known) {
      message.fail(known.code().busCode(), known.getMessage());
    } else {
      message.fail(ErrorCode.UNAVAILABLE.busCode(), unavailableMessage);
    }
  }

  /** The requester's side: the failure of a request as the project's own exception. */
  public static KinoraException fromReply(Throwable error, String unavailableMessage) {
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      ErrorCode code = ErrorCode.fromBusCode(reply.failureCode());
      if (code != null) {
        return new KinoraException(code, reply.getMessage());
      }
    }
    return KinoraException.unavailable(unavailableMessage, error);
  }
}
