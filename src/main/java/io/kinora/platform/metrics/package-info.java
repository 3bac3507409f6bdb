/**
 * Metrics shared by every feature (Micrometer, Prometheus). Empty until the operations work
 * lands; it is here so that feature has a place in the platform tier.
 */
package io.kinora.platform.metrics;
