// The API tokens page, /tokens: create a token (shown once, with a copy button and a curl
// example that uses it), list tokens by name and date, revoke one after confirmation.
import '../lib/header.js';
import { createToken, listTokens, revokeToken } from '../lib/account-api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { copyFrom } from '../lib/clipboard.js';
import { confirmAction } from '../lib/confirm.js';
import { h, toast } from '../lib/dom.js';
import { busy, clearFormError, showFormError } from '../lib/forms.js';
import { formatAgo, formatDate } from '../lib/format.js';
import { requireUser } from '../lib/session.js';

const $ = (id) => document.getElementById(id);

start();

async function start() {
  const user = await requireUser();
  renderAccountMenu(user);
  showCurl('<token>');
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    create();
  });
  wireCopy($('copy-token'), $('new-token-value'), $('copy-token-status'), 'Token copied. Paste it where your script keeps secrets.');
  wireCopy($('copy-curl'), $('curl-example'), $('copy-curl-status'), 'Command copied.');
  $('new-token-done').addEventListener('click', hideNewToken);
  await load();
  $('main').setAttribute('aria-busy', 'false');
}

/** The upload command for this server, with the token given (or a placeholder). */
function showCurl(token) {
  $('curl-example').value = `curl -H "Authorization: Bearer ${token}" -F file=@clip.mp4 ${location.origin}/api/videos`;
}

async function load() {
  let answer;
  try {
    answer = await listTokens();
  } catch (err) {
    $('tokens-load-error').textContent = `Your tokens could not be loaded: ${err.message}`;
    $('tokens-load-error').hidden = false;
    return;
  }
  $('tokens-load-error').hidden = true;
  const items = answer.items || [];
  $('token-list').replaceChildren(...items.map(row));
  $('tokens-empty').hidden = items.length > 0;
  $('token-count').textContent = items.length === 1 ? '1 token' : `${items.length} tokens`;
}

function row(token) {
  const revoke = h('button', { type: 'button', class: 'button small secondary danger-text', 'aria-label': `Revoke ${token.name}`, dataset: { action: 'revoke' } }, 'Revoke');
  revoke.addEventListener('click', () => askToRevoke(token));
  return h('li', { class: 'token-row', dataset: { id: token.id } },
    h('div', { class: 'token-info' },
      h('span', { class: 'token-name' }, token.name),
      h('span', { class: 'token-date' }, 'Created ',
        h('time', { datetime: token.createdAt, title: formatDate(token.createdAt) }, formatAgo(token.createdAt)))),
    revoke);
}

async function create() {
  const error = $('token-error');
  const name = $('token-name');
  if (!name.value.trim()) {
    showFormError(error, 'Give the token a name, such as where it will be used.', name);
    return;
  }
  clearFormError(error);
  const restore = busy($('token-create'), 'Creating…');
  let made;
  try {
    made = await createToken(name.value.trim());
  } catch (err) {
    restore();
    showFormError(error, err.message, name);
    return;
  }
  restore();
  name.value = '';
  $('new-token-heading').textContent = `New token “${made.name}”`;
  $('new-token-value').value = made.token;
  $('copy-token-status').textContent = '';
  showCurl(made.token);
  $('new-token').hidden = false;
  $('new-token-value').focus();
  $('new-token-value').select();
  await load();
}

/** The secret leaves the page: only its name and date remain, in the list. */
function hideNewToken() {
  $('new-token-value').value = '';
  $('new-token').hidden = true;
  showCurl('<token>');
  $('token-name').focus();
}

async function askToRevoke(token) {
  const revoked = await confirmAction({
    title: `Revoke “${token.name}”?`,
    text: 'Scripts and tools using this token stop working at once. This cannot be undone.',
    confirmLabel: 'Revoke token',
    action: () => revokeToken(token.id).catch((err) => {
      if (err.status !== 404) throw err; // already revoked is what the person wanted
    }),
  });
  if (!revoked) return;
  toast(`Revoked “${token.name}”.`);
  await load();
  $('token-list-heading').tabIndex = -1;
  $('token-list-heading').focus();
}

function wireCopy(button, field, status, done) {
  button.addEventListener('click', async () => {
    const copied = await copyFrom(field);
    button.dataset.copied = String(copied);
    status.textContent = copied ? done : 'It is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  });
}
