// The nodes on the admin dashboard: each node's address, uptime and slots, and the jobs it runs
// with a progress bar. Bars move with each poll of the cluster and, between polls, with the
// video's own event stream (status.js), so they advance smoothly rather than every 3 s.
import { h } from './dom.js';
import { formatAgo, formatDate } from './format.js';
import { syncKeyed } from './keyed-list.js';
import { followStatus } from './status.js';

const following = new Map(); // videoId -> stop function of its event stream
const shown = new Map(); // videoId -> progress on screen, never moved back while it runs
let paused = false;

/** While paused (the admin asked the page to hold still), stream events do not move the bars. */
export function pauseProgress(flag) {
  paused = flag;
}

/** Redraws the node list from GET /api/admin/cluster; rows that still exist are kept. */
export function renderNodes(list, nodes) {
  syncKeyed(list, nodes, (node) => node.id, createNode, updateNode);
  const running = new Set(nodes.flatMap((node) => (node.running || []).map((job) => job.videoId)));
  for (const [id, stop] of following) {
    if (!running.has(id)) {
      stop();
      following.delete(id);
      shown.delete(id);
    }
  }
}

function createNode(node) {
  const jobs = h('ul', { class: 'node-jobs', 'aria-label': `Jobs running on ${node.id}` });
  const card = h('li', { class: 'node-card', dataset: { nodeId: node.id } },
    h('div', { class: 'node-head' },
      h('h3', { class: 'node-name' }, node.id),
      h('span', { class: 'node-address' }, node.address || '')),
    h('p', { class: 'node-facts' }),
    h('p', { class: 'muted node-idle' }, 'Idle: no job running.'),
    jobs);
  updateNode(card, node);
  return card;
}

function updateNode(card, node) {
  const running = node.running || [];
  const slots = node.slots || 0;
  card.dataset.slots = String(slots);
  card.dataset.busy = String(running.length);
  card.querySelector('.node-address').textContent = node.address || '';
  const pips = h('span', { class: 'slot-pips', 'aria-hidden': 'true' },
    Array.from({ length: Math.max(slots, running.length) }, (_, i) => h('span', { class: `slot-pip${i < running.length ? ' busy' : ''}` })));
  card.querySelector('.node-facts').replaceChildren(
    h('span', { class: 'node-slots' }, pips, `${running.length} of ${slots} ${slots === 1 ? 'slot' : 'slots'} busy`),
    node.startedAt ? h('span', { class: 'muted' }, 'started ',
      h('time', { datetime: node.startedAt, title: formatDate(node.startedAt) }, formatAgo(node.startedAt))) : null);
  card.querySelector('.node-idle').hidden = running.length > 0;
  syncKeyed(card.querySelector('.node-jobs'), running, (job) => job.videoId, createJob, updateJob);
}

/** One running job: its title (a link to watch it) and a progress bar fed by polls and its stream. */
function createJob(job) {
  const id = job.videoId;
  const bar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 },
    h('div', { class: 'progress-fill' }));
  const row = h('li', { class: 'node-job', dataset: { videoId: id } },
    h('div', { class: 'node-job-head' },
      h('a', { href: `/watch/${encodeURIComponent(id)}`, class: 'job-title' }),
      h('span', { class: 'job-percent' })),
    bar);
  updateJob(row, job);
  if (!following.has(id)) following.set(id, followStatus(id, (event) => onEvent(id, event)));
  return row;
}

function updateJob(row, job) {
  const title = job.title || job.videoId;
  row.querySelector('.job-title').textContent = title;
  row.querySelector('.progress').setAttribute('aria-label', `Progress of ${title}`);
  const value = Math.max(shown.get(job.videoId) || 0, clamp(job.progress));
  paint(row, value);
}

function paint(row, value) {
  shown.set(row.dataset.videoId, value);
  row.querySelector('.progress-fill').style.width = `${value}%`;
  row.querySelector('.progress').setAttribute('aria-valuenow', String(value));
  row.querySelector('.job-percent').textContent = `${value}%`;
  row.dataset.progress = String(value);
}

/** A progress event between polls moves that job's bar, never backwards. */
function onEvent(id, event) {
  if (paused || event.status !== 'processing') return;
  const value = clamp(event.progress);
  if (value <= (shown.get(id) || 0)) return;
  const row = document.querySelector(`.node-job[data-video-id="${CSS.escape(id)}"]`);
  if (row) paint(row, value);
}

const clamp = (n) => Math.max(0, Math.min(100, Math.round(Number(n) || 0)));
