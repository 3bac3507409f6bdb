package io.kinora.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the client is, by address, decided once per request for every feature that counts or
 * limits per address (sign-in throttles, views). It is the connection's peer, unless the peer is
 * a trusted proxy ({@link TrustedProxies}): then it is the right-most {@code X-Forwarded-For}
 * entry that is not itself a trusted proxy. Entries left of that were written by the client and
 * prove nothing, so a forged header gains nothing; an untrusted peer's header is ignored whole.
 */
public final class ClientAddress implements Handler<RoutingContext> {

  private static final String KEY = "kinora.clientAddress";
  private static final String UNKNOWN = "unknown";

  private final TrustedProxies trusted;

  public ClientAddress(TrustedProxies trusted) {
    this.trusted = trusted;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    ctx.put(KEY, resolve(peer == null ? null : peer.hostAddress(), ctx.request().headers().getAll("X-Forwarded-For")));
    ctx.next();
  }

  /** The client's address as this request's handler found it (canonical text form). */
  public static String of(RoutingContext ctx) {
    String address = ctx.get(KEY);
    return address == null ? UNKNOWN : address;
  }

  /** The client's address, from the peer and every {@code X-Forwarded-For} header in order. */
  String resolve(String peer, List<String> forwardedHeaders) {
    String client = canonical(peer);
    if (client == null) {
      return UNKNOWN;
    }
    if (!trusted.contains(client)) {
      return client;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedHeaders) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    // from the right: each trusted proxy vouches for the hop before it, until one is not a proxy
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = canonical(hops.get(i));
      if (hop == null) {
        return client; // garbage from a proxy's client: the last proxy is all we know
      }
      client = hop;
      if (!trusted.contains(hop)) {
        return hop;
      }
    }
    return client;
  }

  /** The literal in one canonical form (so "::1" and "0:0:0:0:0:0:0:1" are one), or null. */
  private static String canonical(String address) {
    byte[] bytes = TrustedProxies.bytes(address);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return null; // only for a wrong length, which bytes() never gives
    }
  }
}
