// The webhooks page, /webhooks: add an endpoint (its signing secret shown once, with a copy
// button), list endpoints, delete one after confirmation, and per endpoint the log of its last
// delivery attempts with a Resend button.
import '../lib/header.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { copyFrom } from '../lib/clipboard.js';
import { confirmAction } from '../lib/confirm.js';
import { h, toast } from '../lib/dom.js';
import { busy, clearFormError, showFormError } from '../lib/forms.js';
import { formatAgo, formatDate } from '../lib/format.js';
import { requireUser } from '../lib/session.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, resendDelivery } from '../lib/webhooks-api.js';

const $ = (id) => document.getElementById(id);
const OUTCOMES = { delivered: 'Delivered', retrying: 'Will retry', failed: 'Gave up' };

start();

async function start() {
  const user = await requireUser();
  renderAccountMenu(user);
  $('webhook-form').addEventListener('submit', (e) => {
    e.preventDefault();
    create();
  });
  $('copy-secret').addEventListener('click', async () => {
    const copied = await copyFrom($('new-webhook-secret'));
    $('copy-secret-status').textContent = copied
      ? 'Secret copied. Keep it with your server\'s other secrets.'
      : 'It is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  });
  $('new-webhook-done').addEventListener('click', hideSecret);
  await load();
  $('main').setAttribute('aria-busy', 'false');
}

async function load() {
  let answer;
  try {
    answer = await listWebhooks();
  } catch (err) {
    $('webhooks-load-error').textContent = `Your endpoints could not be loaded: ${err.message}`;
    $('webhooks-load-error').hidden = false;
    return;
  }
  $('webhooks-load-error').hidden = true;
  const items = answer.items || [];
  $('webhook-list').replaceChildren(...items.map(row));
  $('webhooks-empty').hidden = items.length > 0;
  $('webhook-count').textContent = items.length === 1 ? '1 endpoint' : `${items.length} endpoints`;
}

function row(endpoint) {
  const logId = `log-${endpoint.id}`;
  const log = h('div', { id: logId, class: 'delivery-log', hidden: true });
  const toggle = h('button', { type: 'button', class: 'button small secondary', 'aria-expanded': 'false', 'aria-controls': logId, dataset: { action: 'deliveries' } }, 'Deliveries');
  toggle.addEventListener('click', async () => {
    const open = log.hidden;
    log.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) await showLog(endpoint, log);
  });
  const remove = h('button', { type: 'button', class: 'button small secondary danger-text', 'aria-label': `Delete ${endpoint.url}`, dataset: { action: 'delete' } }, 'Delete');
  remove.addEventListener('click', () => askToDelete(endpoint));
  return h('li', { class: 'token-row webhook-row', dataset: { id: endpoint.id } },
    h('div', { class: 'token-info' },
      h('span', { class: 'token-name' }, endpoint.url),
      h('span', { class: 'token-date' }, 'Added ',
        h('time', { datetime: endpoint.createdAt, title: formatDate(endpoint.createdAt) }, formatAgo(endpoint.createdAt)))),
    h('div', { class: 'row-actions' }, toggle, remove),
    log);
}

async function showLog(endpoint, log) {
  log.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  let answer;
  try {
    answer = await listDeliveries(endpoint.id);
  } catch (err) {
    log.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The log could not be loaded: ${err.message}`));
    return;
  }
  const items = answer.items || [];
  if (items.length === 0) {
    log.replaceChildren(h('p', { class: 'muted' }, 'Nothing sent yet. Events appear here when one of your videos is ready, fails or is deleted.'));
    return;
  }
  const newest = new Set(); // Resend belongs on a delivery's latest attempt only
  const refresh = h('button', { type: 'button', class: 'button small secondary' }, 'Refresh');
  refresh.addEventListener('click', () => showLog(endpoint, log));
  log.replaceChildren(
    h('div', { class: 'row-actions' }, h('span', { class: 'muted' }, items.length === 1 ? 'The last attempt' : `The last ${items.length} attempts, newest first`), refresh),
    h('ul', { class: 'delivery-list' }, items.map((attempt) => {
      const first = !newest.has(attempt.deliveryId);
      newest.add(attempt.deliveryId);
      return attemptRow(endpoint, attempt, first, () => showLog(endpoint, log));
    })));
}

function attemptRow(endpoint, attempt, latest, reload) {
  const answer = attempt.statusCode ? `HTTP ${attempt.statusCode}` : attempt.error;
  const outcome = h('span', { class: `badge outcome-${attempt.outcome}` }, OUTCOMES[attempt.outcome] || attempt.outcome);
  const resend = latest && attempt.outcome !== 'retrying'
    ? h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Resend ${attempt.type} of ${formatDate(attempt.at)}` }, 'Resend')
    : null;
  if (resend) {
    resend.addEventListener('click', async () => {
      resend.disabled = true;
      try {
        await resendDelivery(endpoint.id, attempt.deliveryId);
        toast(`${attempt.type} will be sent again in a moment.`);
        setTimeout(reload, 2500);
      } catch (err) {
        resend.disabled = false;
        toast(`Not resent: ${err.message}`, 'error');
      }
    });
  }
  return h('li', { class: 'delivery-row' },
    h('div', { class: 'token-info' },
      h('span', { class: 'token-name' }, attempt.type, ' ', outcome),
      h('span', { class: 'token-date' },
        h('time', { datetime: attempt.at, title: formatDate(attempt.at) }, formatAgo(attempt.at)),
        ` · attempt ${attempt.attempt} · ${answer} · ${attempt.durationMs} ms`)),
    resend);
}

async function create() {
  const error = $('webhook-error');
  const url = $('webhook-url');
  if (!url.value.trim()) {
    showFormError(error, 'Give the https:// address Kinora should send events to.', url);
    return;
  }
  clearFormError(error);
  const restore = busy($('webhook-create'), 'Adding…');
  let made;
  try {
    made = await createWebhook(url.value.trim());
  } catch (err) {
    restore();
    showFormError(error, err.message, url);
    return;
  }
  restore();
  url.value = '';
  $('new-webhook-heading').textContent = `Signing secret for ${made.url}`;
  $('new-webhook-secret').value = made.secret;
  $('copy-secret-status').textContent = '';
  $('new-webhook').hidden = false;
  $('new-webhook-secret').focus();
  $('new-webhook-secret').select();
  await load();
}

/** The secret leaves the page for good. */
function hideSecret() {
  $('new-webhook-secret').value = '';
  $('new-webhook').hidden = true;
  $('webhook-url').focus();
}

async function askToDelete(endpoint) {
  const deleted = await confirmAction({
    title: `Delete the endpoint ${endpoint.url}?`,
    text: 'Kinora stops sending events to it at once, including retries still waiting. This cannot be undone.',
    confirmLabel: 'Delete endpoint',
    action: () => deleteWebhook(endpoint.id).catch((err) => {
      if (err.status !== 404) throw err; // already gone is what the person wanted
    }),
  });
  if (!deleted) return;
  toast(`Deleted ${endpoint.url}.`);
  await load();
  $('webhook-list-heading').tabIndex = -1;
  $('webhook-list-heading').focus();
}
