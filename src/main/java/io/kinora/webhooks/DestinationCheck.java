package io.kinora.webhooks;

import io.kinora.platform.error.KinoraException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a webhook's host and refuses it when any of its addresses is not public (unless
 * private destinations are allowed). Returns the checked address, which the sender connects to,
 * so a second DNS answer cannot swap in another one. Runs at registration and before every
 * attempt, since DNS can change in between.
 */
final class DestinationCheck {

  /** DNS that takes longer than this counts as failed; the lookup thread finishes on its own. */
  private static final long RESOLVE_TIMEOUT_SECONDS = 5;

  private final Vertx vertx;
  private final boolean allowPrivate;

  DestinationCheck(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  /** The address to connect to, or INVALID_INPUT with a sentence a person can act on. */
  Future<InetAddress> resolve(EndpointUrl url) {
    // InetAddress resolution blocks: never on an event loop
    return vertx.executeBlocking(() -> check(url), false)
        .timeout(RESOLVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .recover(err -> Future.failedFuture(err instanceof KinoraException ? err
            : KinoraException.invalid("The host " + url.host() + " could not be resolved in time; check the URL.")));
  }

  private InetAddress check(EndpointUrl url) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(url.host());
    } catch (UnknownHostException e) {
      throw KinoraException.invalid("The host " + url.host() + " could not be found (DNS); check the URL.");
    }
    if (!allowPrivate) {
      // every answer must be public: a name with one public and one private address is refused
      for (InetAddress address : addresses) {
        String refusal = AddressPolicy.refusal(address);
        if (refusal != null) {
          throw KinoraException.invalid("The host " + url.host() + " resolves to " + address.getHostAddress()
              + ", " + refusal + "; Kinora sends webhooks to public addresses only.");
        }
      }
    }
    return addresses[0];
  }
}
