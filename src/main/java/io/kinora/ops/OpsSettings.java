package io.kinora.ops;

/**
 * Operations on this node.
 *
 * @param metricsToken the bearer token {@code GET /metrics} asks for (blank = open, as Prometheus
 *                     scrapes usually are on a private network)
 */
public record OpsSettings(String metricsToken) {
}
