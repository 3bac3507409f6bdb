// The administrators' jobs and cluster endpoints (GET /api/admin/cluster, /api/admin/jobs,
// POST /api/admin/jobs/{id}/retry, GET /api/admin/stats). Transport and errors come from api.js.
import { api } from './api.js';

/** {queueDepth, nodes: [{id, address, slots, startedAt, running: [{videoId, title, progress}]}]} */
export const getCluster = () => api('/api/admin/cluster');

/** state: queued | running | failed; resolves to {state, page, pageSize, total, items: [job]}. */
export const listJobs = (state, page = 1, pageSize = 20) =>
  api(`/api/admin/jobs?state=${encodeURIComponent(state)}&page=${page}&pageSize=${pageSize}`);

/** 202 with the video (queued again); 409 when it is no longer failed. */
export const retryJob = (videoId) => api(`/api/admin/jobs/${encodeURIComponent(videoId)}/retry`, { method: 'POST' });

/** {minutes: [{at, ready, failed, medianSecondsToReady | null}]}, oldest first, one a minute up to now. */
export const getStats = (minutes = 60) => api(`/api/admin/stats?minutes=${minutes}`);
