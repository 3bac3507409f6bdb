// The outgoing webhook endpoints of the signed-in person. Transport and errors come from api.js.
import { api } from './api.js';

const endpointPath = (id) => `/api/me/webhooks/${encodeURIComponent(id)}`;

export const listWebhooks = () => api('/api/me/webhooks');
/** {id, url, secret, createdAt}: the secret is in this answer only. */
export const createWebhook = (url) => api('/api/me/webhooks', { method: 'POST', body: { url } });
export const deleteWebhook = (id) => api(endpointPath(id), { method: 'DELETE' });
/** {items: [{deliveryId, eventId, type, attempt, at, statusCode?, error?, durationMs, outcome, nextAttemptAt?}]}, newest first */
export const listDeliveries = (id) => api(`${endpointPath(id)}/deliveries`);
export const resendDelivery = (id, deliveryId) =>
  api(`${endpointPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`, { method: 'POST' });
