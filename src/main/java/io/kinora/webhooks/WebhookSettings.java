package io.kinora.webhooks;

import java.time.Duration;

/**
 * Outgoing webhooks' settings.
 *
 * @param allowPrivate  send to loopback, private and link-local addresses too (tests, closed networks)
 * @param maxEndpoints  endpoints one account may register
 * @param timeout       one attempt, from connecting to the response's status line
 * @param retryWindow   how long after its event a delivery is still retried
 */
public record WebhookSettings(boolean allowPrivate, int maxEndpoints, Duration timeout, Duration retryWindow) {
}
