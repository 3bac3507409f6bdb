// The queue and the failed jobs on the admin dashboard, as rows kept by video ID (so a focused
// Retry button or an opened log survives the next refresh). A failed row's Retry queues the job
// again.
import { retryJob } from './admin-api.js';
import { h, toast } from './dom.js';
import { formatAgo, formatDate } from './format.js';
import { syncKeyed } from './keyed-list.js';

const owner = (job) => (job.owner ? job.owner.username : 'no owner');

function when(iso, prefix) {
  if (!iso) return null;
  return h('span', { class: 'job-when' }, prefix,
    h('time', { datetime: iso, title: formatDate(iso) }, formatAgo(iso)));
}

function titleLink(job) {
  return h('a', { class: 'job-title', href: `/watch/${encodeURIComponent(job.videoId)}` }, job.title || job.videoId);
}

/** Queued jobs, oldest first, numbered by their place in the queue. */
export function renderQueue(list, jobs, firstPlace = 1) {
  const place = new Map(jobs.map((job, i) => [job.videoId, firstPlace + i]));
  const row = (job) => h('li', { class: 'job-row', dataset: { videoId: job.videoId } },
    h('span', { class: 'job-place', 'aria-hidden': 'true' }, `${place.get(job.videoId)}`),
    h('div', { class: 'job-main' }, titleLink(job),
      h('span', { class: 'job-meta' }, `by ${owner(job)}`, job.attempts > 0 ? ` · attempt ${job.attempts + 1}` : '')),
    when(job.updatedAt || job.createdAt, 'waiting since '));
  // queue rows hold only a link, so rebuilding a changed row costs nothing worth keeping
  syncKeyed(list, jobs, (job) => `${job.videoId}|${place.get(job.videoId)}|${job.updatedAt}`, row, () => {});
}

/**
 * Failed jobs, newest first, each with the reason the uploader saw, the node of the last
 * attempt, how many attempts ran, and Retry. retried(job) runs after the server queued it again.
 */
export function renderFailed(list, jobs, retried) {
  syncKeyed(list, jobs, (job) => `${job.videoId}|${job.updatedAt}`, (job) => failedRow(job, retried), () => {});
}

function failedRow(job, retried) {
  const title = job.title || job.videoId;
  const error = h('p', { class: 'row-error', role: 'alert', hidden: true });
  const retry = h('button', {
    type: 'button', class: 'button small secondary', 'aria-label': `Retry ${title}`, dataset: { action: 'retry' },
  }, 'Retry');
  retry.addEventListener('click', () => onRetry(job, retry, error, retried));
  return h('li', { class: 'job-row failed-row', dataset: { videoId: job.videoId, attempts: job.attempts, updatedAt: job.updatedAt || '' } },
    h('div', { class: 'job-main' }, titleLink(job),
      h('span', { class: 'job-meta' }, `by ${owner(job)}`),
      h('p', { class: 'job-reason' }, job.error || 'No reason was recorded.')),
    h('dl', { class: 'job-facts' },
      fact('Node', job.node || 'unknown'),
      fact('Attempts', String(job.attempts ?? 0)),
      h('div', {}, h('dt', {}, 'Failed'), h('dd', {}, when(job.updatedAt, '') || 'unknown'))),
    h('div', { class: 'job-actions' }, retry),
    job.log ? logDisclosure(job.log) : null,
    error);
}

/** ffmpeg's or ffprobe's last lines, folded away: they matter when the reason is not enough. */
function logDisclosure(log) {
  return h('details', { class: 'job-log' },
    h('summary', {}, 'Log of the last attempt'),
    h('pre', { class: 'code-block' }, log));
}

const fact = (name, value) => h('div', {}, h('dt', {}, name), h('dd', {}, value));

async function onRetry(job, button, error, retried) {
  button.disabled = true;
  button.textContent = 'Retrying…';
  error.hidden = true;
  try {
    await retryJob(job.videoId);
  } catch (err) {
    button.disabled = false;
    button.textContent = 'Retry';
    error.textContent = err.status === 409
      ? 'This job is no longer failed (it may have been retried already); the list is refreshing.'
      : `Not retried: ${err.message}`;
    error.hidden = false;
    if (err.status === 409 || err.status === 404) retried(job, false);
    return;
  }
  toast(`${job.title || job.videoId} is queued again.`);
  retried(job, true);
}
