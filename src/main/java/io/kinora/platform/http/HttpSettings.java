package io.kinora.platform.http;

/**
 * The HTTP server of a node: where the API, the UI and (without an edge) signed media are served.
 *
 * @param idleTimeoutSeconds a connection with nothing sent or received this long is closed: a
 *                           slow or vanished client cannot hold it forever. SSE streams send a
 *                           heartbeat well within it; keep it above nginx's upstream keepalive
 *                           timeout (60 s) so the edge, not the node, closes idle keepalives.
 * @param instances          HTTP verticles (event loops) serving the port; 0 in configuration
 *                           means one per core, the Vert.x convention.
 * @param maxInFlight        requests answered at once before more are shed with 503 ({@link InFlightLimit})
 * @param maxConnectionsPerAddress open connections one remote address may hold (0 = no cap)
 * @param headerTimeoutSeconds a new connection's first request headers must arrive within this
 * @param trustedProxies       peers whose {@code X-Forwarded-For} names the client ({@link ClientAddress})
 */
public record HttpSettings(int port, int idleTimeoutSeconds, int instances, int maxInFlight,
                           int maxConnectionsPerAddress, int headerTimeoutSeconds, TrustedProxies trustedProxies) {
}
