// The admin dashboard, /admin/dashboard: nodes and their running jobs (live), the queue, failed
// jobs with Retry, storage and accounts, and charts of the last hour. It polls the admin API
// every few seconds; the charts are built from what those polls see, since the server keeps no
// history. Anyone but an administrator is told the page is not for them.
import { getCluster, listJobs } from './admin-api.js';
import { listUsers } from './account-api.js';
import { renderAccountMenu } from './account-menu.js';
import { getVideo } from './api.js';
import { BUCKETS, barChart, median, OutcomeSeries } from './dashboard-charts.js';
import { renderFailed, renderQueue } from './dashboard-jobs.js';
import { pauseProgress, renderNodes } from './dashboard-nodes.js';
import { h } from './dom.js';
import { formatBytes } from './format.js';
import { usageMeter } from './quota.js';
import { isAdmin, requireUser } from './session.js';

const POLL_MS = 3000;
const USERS_MS = 30_000;
const QUEUE_SHOWN = 20;
const FAILED_PAGE_SIZE = 10;
const USER_PAGES_MAX = 50; // 5,000 accounts: enough for a sum, bounded for a huge deployment
const MINUTE = 60_000;
const $ = (id) => document.getElementById(id);

const series = new OutcomeSeries();
const active = new Set(); // videos seen queued or running at the last poll
let failedSeen = null; // "videoId|updatedAt" of failures already counted (or there when the page opened)
let failedPage = 1;
let paused = false;
let timer = null;
let stopped = false; // no longer an administrator: polling would only be refused
let inFlight = null;
let again = false;
let usersAt = 0;
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

/** One look at the cluster, the queue and the failed jobs (and every 30 s the accounts). */
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
    noticeEndings(cluster, queued);
    noticeFailures(newestFailed || failed);
    if (Date.now() - usersAt > USERS_MS) await loadUsers();
    drawCharts();
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

// ------------------------------------------------------------------ what happened, for the charts

/**
 * A video seen queued or running that is gone from both is asked for once: ready counts as a
 * finished job with its time to ready; failed ones are counted from the failed list instead.
 */
function noticeEndings(cluster, queued) {
  const now = new Set([
    ...(cluster.nodes || []).flatMap((n) => (n.running || []).map((job) => job.videoId)),
    ...queued.items.map((job) => job.videoId),
  ]);
  for (const id of active) {
    if (!now.has(id)) settle(id);
  }
  active.clear();
  for (const id of now) active.add(id);
}

async function settle(id) {
  let video;
  try {
    video = await getVideo(id);
  } catch {
    return; // deleted meanwhile: neither ready nor failed
  }
  if (video.status === 'ready') {
    const seconds = (Date.parse(video.updatedAt) - Date.parse(video.createdAt)) / 1000;
    series.record('ready', Date.now(), Number.isFinite(seconds) && seconds >= 0 ? seconds : null);
    usersAt = 0; // its renditions now count against its owner: sum the storage again at the next poll
    drawCharts();
  } else if (video.status === 'queued' || video.status === 'processing') {
    active.add(id); // still going, further down the queue than this page lists
  }
}

/** New entries at the top of the failed list (a failure has its own updatedAt) are counted once. */
function noticeFailures(newest) {
  const keys = newest.items.map((job) => [`${job.videoId}|${job.updatedAt}`, job]);
  if (!failedSeen) { // what had failed before the page opened is not in its charts
    failedSeen = new Set(keys.map(([key]) => key));
    return;
  }
  for (const [key, job] of keys) {
    if (failedSeen.has(key)) continue;
    failedSeen.add(key);
    const at = Date.parse(job.updatedAt);
    series.record('failed', Number.isFinite(at) ? Math.min(at, Date.now()) : Date.now());
  }
}

// ------------------------------------------------------------------ charts

function makeCharts() {
  const made = {
    jobs: barChart({ id: 'chart-jobs', caption: 'Jobs finished per minute', kind: 'jobs' }),
    failures: barChart({ id: 'chart-failures', caption: 'Failures per minute', kind: 'failures' }),
    ready: barChart({ id: 'chart-ready', caption: 'Time to ready (median per minute)', kind: 'ready' }),
  };
  $('charts').replaceChildren(made.jobs.el, made.failures.el, made.ready.el);
  const opened = new Date(series.openedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  $('charts-note').textContent = `These charts start when this page opens (${opened}): the server keeps no history, so `
    + 'they count what the page sees every 3 seconds, and the shaded part of the hour has no data. A job that starts '
    + 'and ends between two looks is missed. Time to ready runs from the start of the upload to ready.';
  return made;
}

function drawCharts() {
  if (!charts) return;
  const now = Date.now();
  series.prune(now);
  const openFor = now - series.openedAt;
  const noDataBefore = Math.max(0, BUCKETS - 1 - Math.floor(openFor / MINUTE));
  const since = openFor >= BUCKETS * MINUTE ? 'in the last hour' : 'since the page opened';
  const count = (g) => g.length;
  const finished = series.perMinute(() => true, count, now);
  const failed = series.perMinute((e) => e.kind === 'failed', count, now);
  const readySeconds = series.events.filter((e) => e.kind === 'ready' && e.seconds !== null).map((e) => e.seconds);
  const ttr = series.perMinute((e) => e.kind === 'ready' && e.seconds !== null, (g) => median(g.map((e) => e.seconds)), now);
  const total = (values) => values.reduce((sum, v) => sum + (v || 0), 0);
  const nFinished = total(finished);
  const nFailed = total(failed);

  charts.jobs.update(finished, `${nFinished} ${nFinished === 1 ? 'job' : 'jobs'} finished ${since} `
    + `(${nFinished - nFailed} ready, ${nFailed} failed).`, noDataBefore);
  charts.jobs.el.dataset.count = String(nFinished);
  charts.failures.update(failed, `${nFailed} ${nFailed === 1 ? 'failure' : 'failures'} ${since}.`, noDataBefore);
  charts.failures.el.dataset.count = String(nFailed);
  charts.ready.update(ttr, readySeconds.length
    ? `Median ${shortDuration(median(readySeconds))} from upload to ready over ${readySeconds.length} `
      + `${readySeconds.length === 1 ? 'video' : 'videos'} ${since}.`
    : `No video became ready ${since}.`, noDataBefore, shortDuration);
  charts.ready.el.dataset.count = String(readySeconds.length);
}

/** 42 s, 3 min 5 s */
function shortDuration(seconds) {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}
