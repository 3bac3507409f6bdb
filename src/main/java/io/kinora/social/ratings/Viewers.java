package io.kinora.social.ratings;

import io.kinora.platform.auth.Caller;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a viewer is, for counting their view once: their account when signed in, else their address
 * and user agent. Behind the nginx edge (a peer on loopback or a private network) the address is
 * the last one in {@code X-Forwarded-For}, the one the edge itself saw; a client's own entries
 * before it are ignored, so a forged header gains nothing.
 */
final class Viewers {

  private static final int MAX_USER_AGENT = 256;

  private Viewers() {
  }

  static String of(Caller caller, HttpServerRequest request) {
    if (caller.signedIn()) {
      return "user:" + caller.userId();
    }
    String agent = request.getHeader("User-Agent");
    if (agent == null) {
      agent = "";
    } else if (agent.length() > MAX_USER_AGENT) {
      agent = agent.substring(0, MAX_USER_AGENT);
    }
    return "anon:" + address(request) + "\n" + agent;
  }

  static String address(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    String direct = peer == null || peer.hostAddress() == null ? "" : peer.hostAddress();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank() || !isProxy(direct)) {
      return direct;
    }
    String[] hops = forwarded.split(",");
    String last = hops[hops.length - 1].trim();
    return last.isEmpty() || last.length() > 64 ? direct : last;
  }

  /** Only a peer on this machine or a private network can be the edge. */
  private static boolean isProxy(String address) {
    try {
      InetAddress peer = InetAddress.getByName(address.isEmpty() ? "0.0.0.0" : address);
      return peer.isLoopbackAddress() || peer.isSiteLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
