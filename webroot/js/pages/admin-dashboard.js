// The admin dashboard, /admin/dashboard: nodes and their running jobs (live), the queue, failed
// jobs with Retry, storage and accounts, and charts of the last hour. It polls the admin API
// every few seconds, and the server's per-minute statistics every 15 s or as soon as it sees a job
// end. Anyone but an administrator is told the page is not for them.
import '../lib/header.js';
import { getCluster, getStats, listJobs } from '../lib/admin-api.js';
import { listUsers } from '../lib/account-api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { barChart } from '../lib/dashboard-charts.js';
import { renderFailed, renderQueue } from '../lib/dashboard-jobs.js';
import { pauseProgress, renderNodes } from '../lib/dashboard-nodes.js';
import { h } from '../lib/dom.js';
import { formatBytes } from '../lib/format.js';
import { usageMeter } from '../lib/quota.js';
import { isAdmin, requireUser } from '../lib/session.js';

const POLL_MS = 3000;
const USERS_MS = 30_000;
const STATS_MS = 15_000;
const STATS_MINUTES = 60;
const QUEUE_SHOWN = 20;
const FAILED_PAGE_SIZE = 10;
const USER_PAGES_MAX = 50; // 5,000 accounts: enough for a sum, bounded for a huge deployment
const $ = (id) => document.getElementById(id);

let active = new Set(); // videos seen queued or running at the last poll
let newestFailure; // "videoId|updatedAt" at the top of the failed jobs at the last poll
let failedPage = 1;
let paused = false;
let timer = null;
let stopped = false; // no longer an administrator: polling would only be refused
let inFlight = null;
let again = false;
let usersAt = 0;
let statsAt = 0;
let charts = null;
let lastUpdate = null;
let orphansBefore = 0; // running jobs no reporting node listed, at the last poll

start();

async function start() {
  const me = await requireUser();
  renderAccountMenu(me);
  if (!isAdmin(me)) {
    $('not-admin').hidden = false;
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  $('dashboard').hidden = false;
  charts = makeCharts();
  $('dash-pause').addEventListener('click', togglePause);
  $('failed-prev').addEventListener('click', () => goToFailedPage(failedPage - 1));
  $('failed-next').addEventListener('click', () => goToFailedPage(failedPage + 1));
  await refresh();
  $('main').setAttribute('aria-busy', 'false');
}

// ------------------------------------------------------------------ polling

/** One look at the cluster, the queue and the failed jobs (and every 30 s the accounts, every 15 s the charts). */
async function refresh() {
  if (inFlight) {
    again = true; // a retry asked for fresh data while a poll was on its way
    return inFlight;
  }
  clearTimeout(timer);
  inFlight = poll().finally(() => {
    inFlight = null;
    if (again) {
      again = false;
      refresh();
    } else if (!paused && !stopped) {
      timer = setTimeout(refresh, POLL_MS);
    }
  });
  return inFlight;
}

async function poll() {
  try {
    const [cluster, queued, failed, newestFailed, running] = await Promise.all([
      getCluster(),
      listJobs('queued', 1, QUEUE_SHOWN),
      listJobs('failed', failedPage, FAILED_PAGE_SIZE),
      failedPage === 1 ? null : listJobs('failed', 1, FAILED_PAGE_SIZE),
      listJobs('running', 1, 1),
    ]);
    showError(null);
    renderCluster(cluster, running.total);
    renderQueuePanel(queued);
    renderFailedPanel(failed);
    if (jobEnded(cluster, queued, newestFailed || failed)) {
      usersAt = 0; // a ready video's renditions count against its owner now
      statsAt = 0;
    }
    if (Date.now() - usersAt > USERS_MS) await loadUsers();
    if (Date.now() - statsAt > STATS_MS) await loadStats();
    lastUpdate = new Date();
    showUpdated();
  } catch (err) {
    if (err.status === 403) {
      stopped = true;
      showError('You are no longer an administrator, so this page stopped updating.');
    } else {
      showError(`Could not refresh: ${err.message} Trying again in a few seconds.`);
    }
  }
}

function showError(text) {
  const box = $('dash-error');
  if ((text || '') === box.textContent && box.hidden === !text) return; // unchanged: not read again
  box.textContent = text || '';
  box.hidden = !text;
}

function showUpdated() {
  const time = lastUpdate ? lastUpdate.toLocaleTimeString() : '';
  $('dash-updated').textContent = paused ? `Updates paused${time ? ` (last ${time})` : ''}` : `Updated ${time}`;
}

function togglePause() {
  paused = !paused;
  const button = $('dash-pause');
  // the label says what the button does next (a pressed state on top would say it twice)
  button.textContent = paused ? 'Resume updates' : 'Pause updates';
  button.dataset.paused = String(paused);
  pauseProgress(paused);
  showUpdated();
  if (paused) {
    clearTimeout(timer);
  } else {
    statsAt = 0; // the charts too, at once
    refresh();
  }
}

// ------------------------------------------------------------------ panels

/** runningTotal: every job running, including any held by a node that stopped reporting. */
function renderCluster(cluster, runningTotal) {
  const nodes = [...(cluster.nodes || [])].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  renderNodes($('node-list'), nodes);
  $('nodes-empty').hidden = nodes.length > 0;
  const slots = nodes.reduce((sum, n) => sum + (n.slots || 0), 0);
  const busy = nodes.reduce((sum, n) => sum + (n.running || []).length, 0);
  // the two answers are read a moment apart, so a job that just started can be in one only:
  // say so only when two polls in a row agree
  const gap = Math.max(0, runningTotal - busy);
  const orphans = gap > 0 && orphansBefore > 0 ? Math.min(gap, orphansBefore) : 0;
  orphansBefore = gap;
  $('nodes-orphans').hidden = orphans === 0;
  $('nodes-orphans').textContent = orphans === 0 ? '' : `${orphans === 1 ? '1 more job is' : `${orphans} more jobs are`} `
    + 'held by a node that stopped reporting; each goes back to the queue when its lease runs out.';
  $('nodes-count').textContent = `${nodes.length} ${nodes.length === 1 ? 'node' : 'nodes'}, ${busy} of ${slots} slots busy`;
  $('glance-nodes').textContent = String(nodes.length);
  $('glance-slots').textContent = `${busy} of ${slots}`;
  $('glance-queued').textContent = String(cluster.queueDepth ?? 0);
}

function renderQueuePanel(queued) {
  renderQueue($('queue-list'), queued.items);
  $('queue-count').textContent = `${queued.total} waiting`;
  $('queue-empty').hidden = queued.total > 0;
  const more = queued.total - queued.items.length;
  $('queue-more').hidden = more <= 0;
  $('queue-more').textContent = more > 0 ? `and ${more} more after these` : '';
}

function renderFailedPanel(failed) {
  const pages = Math.max(1, Math.ceil(failed.total / FAILED_PAGE_SIZE));
  if (failed.items.length === 0 && failedPage > pages) { // the last row of the last page was retried
    failedPage = pages;
    again = true;
    return;
  }
  renderFailed($('failed-list'), failed.items, onRetried);
  $('failed-count').textContent = failed.total === 1 ? '1 job' : `${failed.total} jobs`;
  $('glance-failed').textContent = String(failed.total);
  $('failed-empty').hidden = failed.total > 0;
  $('failed-pager').hidden = pages <= 1;
  const first = (failedPage - 1) * FAILED_PAGE_SIZE + 1;
  $('failed-page-info').textContent = failed.items.length ? `${first}–${first + failed.items.length - 1} of ${failed.total}` : '';
  $('failed-prev').disabled = failedPage <= 1;
  $('failed-next').disabled = failedPage >= pages;
}

/** After a retry: the row leaves at once (the next poll shows it queued), and focus stays near. */
function onRetried(job, queuedAgain) {
  const row = $('failed-list').querySelector(`[data-video-id="${CSS.escape(job.videoId)}"]`);
  if (queuedAgain && row) {
    const had = row.contains(document.activeElement);
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (had) focusAfterRetry(next);
  }
  refresh();
}

function focusAfterRetry(next) {
  const button = next && next.querySelector('[data-action=retry]');
  if (button) {
    button.focus();
  } else {
    $('failed-heading').tabIndex = -1;
    $('failed-heading').focus();
  }
}

async function goToFailedPage(page) {
  failedPage = Math.max(1, page);
  await refresh();
  $('failed-heading').tabIndex = -1;
  $('failed-heading').focus();
}

/** Every account, a page at a time, summed: GET /api/admin/users is the only source of usage. */
async function loadUsers() {
  usersAt = Date.now();
  const users = [];
  let total = 0;
  for (let page = 1; page <= USER_PAGES_MAX; page += 1) {
    const answer = await listUsers(page, 100);
    total = answer.total;
    users.push(...answer.items);
    if (users.length >= total || answer.items.length === 0) break;
  }
  const used = users.reduce((sum, u) => sum + (u.usedBytes || 0), 0);
  const quota = users.reduce((sum, u) => sum + (u.quotaBytes || 0), 0);
  $('glance-storage').textContent = formatBytes(used);
  $('glance-accounts').textContent = String(total);
  const counted = users.length < total ? ` (the first ${users.length} accounts counted)` : '';
  $('storage-summary').textContent = `${formatBytes(used)} stored by ${total} ${total === 1 ? 'account' : 'accounts'}, `
    + `whose quotas add up to ${formatBytes(quota)}${counted}.`;
  const largest = [...users].sort((a, b) => (b.usedBytes || 0) - (a.usedBytes || 0)).slice(0, 5);
  $('largest-list').replaceChildren(...largest.map((u) => h('li', { class: 'largest-row', dataset: { username: u.username } },
    h('span', { class: 'user-name' }, u.username),
    usageMeter(u.usedBytes, u.quotaBytes, { label: `Storage used by ${u.username}` }).el)));
}

// ------------------------------------------------------------------ charts

/**
 * Whether a job ended since the last poll: a video seen queued or running is in neither now, or
 * a failure newer than the last one seen tops the failed jobs. A false alarm costs one more look.
 */
function jobEnded(cluster, queued, newestFailed) {
  const now = new Set([
    ...(cluster.nodes || []).flatMap((n) => (n.running || []).map((job) => job.videoId)),
    ...queued.items.map((job) => job.videoId),
  ]);
  const top = newestFailed.items[0];
  const failure = top ? `${top.videoId}|${top.updatedAt}` : null;
  const ended = [...active].some((id) => !now.has(id))
    || (newestFailure !== undefined && failure !== null && failure !== newestFailure);
  active = now;
  newestFailure = failure;
  return ended;
}

function makeCharts() {
  const made = {
    jobs: barChart({ id: 'chart-jobs', caption: 'Jobs finished per minute', kind: 'jobs' }),
    failures: barChart({ id: 'chart-failures', caption: 'Failures per minute', kind: 'failures' }),
    ready: barChart({ id: 'chart-ready', caption: 'Time to ready (median per minute)', kind: 'ready' }),
  };
  $('charts').replaceChildren(made.jobs.el, made.failures.el, made.ready.el);
  return made;
}

/** GET /api/admin/stats: the last hour, a minute a bar, as the server counted it. */
async function loadStats() {
  statsAt = Date.now();
  const { minutes } = await getStats(STATS_MINUTES);
  const sum = (values) => values.reduce((total, v) => total + v, 0);
  const ready = minutes.map((m) => m.ready);
  const failed = minutes.map((m) => m.failed);
  const medians = minutes.map((m) => m.medianSecondsToReady ?? null);
  const nReady = sum(ready);
  const nFailed = sum(failed);
  const nFinished = nReady + nFailed;

  charts.jobs.update(minutes.map((m) => m.ready + m.failed), `${nFinished} ${nFinished === 1 ? 'job' : 'jobs'} `
    + `finished in the last hour (${nReady} ready, ${nFailed} failed).`);
  charts.jobs.el.dataset.count = String(nFinished);
  charts.failures.update(failed, `${nFailed} ${nFailed === 1 ? 'failure' : 'failures'} in the last hour.`);
  charts.failures.el.dataset.count = String(nFailed);
  charts.ready.update(medians, readySummary(nReady, medians), shortDuration);
  charts.ready.el.dataset.count = String(nReady);
}

/** "2 videos became ready in the last hour; median time from upload to ready 21 s to 40 s by minute, latest 40 s." */
function readySummary(nReady, medians) {
  const known = medians.filter((v) => v !== null);
  if (nReady === 0) return 'No video became ready in the last hour.';
  const became = `${nReady} ${nReady === 1 ? 'video' : 'videos'} became ready in the last hour`;
  if (known.length === 0) return `${became}.`;
  const [low, high] = [Math.min(...known), Math.max(...known)].map(shortDuration);
  const latest = shortDuration(known[known.length - 1]);
  return low === high
    ? `${became}; median time from upload to ready ${low}.`
    : `${became}; median time from upload to ready ${low} to ${high} by minute, latest ${latest}.`;
}

/** 42 s, 3 min 5 s */
function shortDuration(seconds) {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}
