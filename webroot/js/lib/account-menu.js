// The account corner of the top bar on every page. Signed in: a menu button with the username,
// opening the quota bar, links (My videos, My channel, Feed, API tokens, Webhooks, Admin) and Sign out. Signed out: Sign in
// and Sign up links that come back to this page.
import { me } from './account-api.js';
import { h, toast } from './dom.js';
import { leftSentence, usageMeter } from './quota.js';
import { endSession, isAdmin } from './session.js';

let meter = null;
let left = null;

/** Fills #account-nav for this user (null: signed out); signUp: false leaves out Sign up (closed). */
export function renderAccountMenu(user, { signUp = true } = {}) {
  const nav = document.getElementById('account-nav');
  if (!nav) return;
  nav.replaceChildren(user ? signedIn(user) : signedOut(signUp));
  nav.dataset.state = user ? 'signed-in' : 'signed-out';
}

/** Asks the server again how much storage is used (after an upload or a delete). */
export async function refreshUsage() {
  if (!meter) return;
  try {
    const user = await me();
    meter.update(user.usedBytes, user.quotaBytes);
    left.textContent = leftSentence(user.usedBytes, user.quotaBytes);
  } catch {
    // the bar keeps its last numbers; a lost session is handled by api.js
  }
}

function signedOut(signUp) {
  const here = location.pathname + location.search;
  const back = location.pathname === '/' || /^\/sign(in|up)/.test(location.pathname) ? '' : `?next=${encodeURIComponent(here)}`;
  const links = [];
  if (location.pathname !== '/signin') links.push(h('a', { class: 'nav-link', href: `/signin${back}` }, 'Sign in'));
  if (signUp && location.pathname !== '/signup') links.push(h('a', { class: 'button small', href: '/signup' }, 'Sign up'));
  return h('div', { class: 'account-links-out' }, links);
}

function signedIn(user) {
  const panelId = 'account-panel';
  const button = h('button', {
    type: 'button', id: 'account-button', class: 'account-button', 'aria-expanded': 'false', 'aria-controls': panelId,
    'aria-label': `${user.username}, account menu`,
  },
  h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(user.username)),
  h('span', { class: 'account-name' }, user.username),
  h('span', { class: 'chevron', 'aria-hidden': 'true' }));
  meter = usageMeter(user.usedBytes, user.quotaBytes, { label: 'Storage used' });
  left = h('p', { class: 'usage-left' }, leftSentence(user.usedBytes, user.quotaBytes));
  const signOutButton = h('button', { type: 'button', id: 'sign-out', class: 'button secondary small' }, 'Sign out');
  const links = [
    h('li', {}, h('a', { href: '/', 'aria-current': location.pathname === '/' ? 'page' : false }, 'My videos')),
    h('li', {}, h('a', { href: `/@${encodeURIComponent(user.username)}`, 'aria-current': location.pathname === `/@${encodeURIComponent(user.username)}` ? 'page' : false }, 'My channel')),
    h('li', {}, h('a', { href: '/feed', 'aria-current': location.pathname === '/feed' ? 'page' : false }, 'Feed')),
    h('li', {}, h('a', { href: '/tokens', 'aria-current': location.pathname === '/tokens' ? 'page' : false }, 'API tokens')),
    h('li', {}, h('a', { href: '/webhooks', 'aria-current': location.pathname === '/webhooks' ? 'page' : false }, 'Webhooks')),
  ];
  if (isAdmin(user)) {
    links.push(h('li', {}, h('a', { href: '/admin', 'aria-current': location.pathname === '/admin' ? 'page' : false }, 'Admin')));
  }
  const panel = h('div', { id: panelId, class: 'account-panel', hidden: true },
    h('p', { class: 'account-who' }, h('span', {}, 'Signed in as ', h('strong', {}, user.username)),
      isAdmin(user) ? h('span', { class: 'role-badge' }, 'Administrator') : null),
    h('div', { class: 'account-usage' }, h('p', { class: 'usage-heading' }, 'Storage'), meter.el, left),
    h('ul', { class: 'account-links' }, links),
    signOutButton);
  const root = h('div', { class: 'account' }, button, panel);
  wireDisclosure(root, button, panel);
  signOutButton.addEventListener('click', async () => {
    signOutButton.disabled = true;
    try {
      await endSession();
    } catch (err) {
      signOutButton.disabled = false;
      toast(`Not signed out: ${err.message}`, 'error');
    }
  });
  return root;
}

/** Opens and closes like a disclosure: the button, Escape, a click or focus elsewhere. */
function wireDisclosure(root, button, panel) {
  const setOpen = (open) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => setOpen(panel.hidden));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      setOpen(false);
      button.focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (!root.contains(e.target)) setOpen(false);
  });
  root.addEventListener('focusout', (e) => {
    if (e.relatedTarget && !root.contains(e.relatedTarget)) setOpen(false);
  });
}

function initial(name) {
  return (name || '?').charAt(0).toUpperCase();
}
