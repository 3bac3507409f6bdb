// The admin page, /admin: every account, a page at a time, each with its own controls (see
// admin-user-row.js), and a link to the dashboard. Anyone else is told this page is for
// administrators.
import '../lib/header.js';
import { listUsers } from '../lib/account-api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { userRow } from '../lib/admin-user-row.js';
import { isAdmin, requireUser } from '../lib/session.js';

const PAGE_SIZE = 20;
const $ = (id) => document.getElementById(id);
let me = null;
let page = 1;

start();

async function start() {
  me = await requireUser();
  renderAccountMenu(me);
  if (!isAdmin(me)) {
    $('not-admin').hidden = false;
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  $('admin-nav').hidden = false;
  $('users-panel').hidden = false;
  $('users-prev').addEventListener('click', () => go(page - 1));
  $('users-next').addEventListener('click', () => go(page + 1));
  await load();
  $('main').setAttribute('aria-busy', 'false');
}

async function go(wanted) {
  page = Math.max(1, wanted);
  await load();
  $('users-heading').tabIndex = -1;
  $('users-heading').focus();
}

async function load() {
  let answer;
  try {
    answer = await listUsers(page, PAGE_SIZE);
  } catch (err) {
    $('users-error').textContent = err.status === 403
      ? 'You are no longer an administrator, so this page cannot list accounts.'
      : `The accounts could not be loaded: ${err.message}`;
    $('users-error').hidden = false;
    return;
  }
  $('users-error').hidden = true;
  const pages = Math.max(1, Math.ceil(answer.total / PAGE_SIZE));
  if (answer.items.length === 0 && page > pages) { // the last account of the last page was deleted
    page = pages;
    await load();
    return;
  }
  $('user-list').replaceChildren(...answer.items.map(render));
  $('users-count').textContent = answer.total === 1 ? '1 account' : `${answer.total} accounts`;
  $('users-pager').hidden = pages <= 1;
  const first = (page - 1) * PAGE_SIZE + 1;
  $('users-page-info').textContent = `${first}–${first + answer.items.length - 1} of ${answer.total}`;
  $('users-prev').disabled = page <= 1;
  $('users-next').disabled = page >= pages;
}

function render(user) {
  const row = userRow(user, {
    self: user.id === me.id,
    replaced: (fresh) => {
      const old = $('user-list').querySelector(`[data-id="${CSS.escape(String(fresh.id))}"]`);
      if (!old) return;
      const focused = old.contains(document.activeElement) ? document.activeElement.id : null;
      old.replaceWith(render(fresh));
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus(); // same control, new row
    },
    deleted: () => load(),
  });
  return row;
}
