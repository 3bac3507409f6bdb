// A playlist's page, /playlist/{pid}: its title, owner, description and videos (a page at a time)
// with "Play all"; for its owner (and admins) also editing, removing and moving videos up or down,
// and deleting the playlist.
import '../lib/header.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { confirmAction } from '../lib/confirm.js';
import { h, icon, ICONS, toast } from '../lib/dom.js';
import { formatAgo, formatClock } from '../lib/format.js';
import { allItems, deletePlaylist, getPlaylist, isId, removeFromPlaylist, updatePlaylist } from '../lib/playlists-api.js';
import { currentUser, setFlash } from '../lib/session.js';
import { visibilityBadge, visibilityChooser } from '../lib/visibility.js';

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 50;
const pid = (location.pathname.match(/^\/playlist\/([A-Za-z0-9_-]{22})\/?$/) || [])[1];
let page = Math.max(1, parseInt(new URLSearchParams(location.search).get('page'), 10) || 1);
let playlist = null;
const chooser = visibilityChooser('private');

start();

async function start() {
  currentUser().catch(() => null).then(renderAccountMenu);
  $('edit-visibility').append(chooser.el);
  $('page-prev').addEventListener('click', () => go(page - 1));
  $('page-next').addEventListener('click', () => go(page + 1));
  $('edit-playlist').addEventListener('click', () => toggleEdit(true));
  $('edit-cancel').addEventListener('click', () => toggleEdit(false));
  $('edit-form').addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });
  $('delete-playlist').addEventListener('click', remove);
  if (!isId(pid)) {
    notFound();
  } else {
    await load();
  }
  $('main').setAttribute('aria-busy', 'false');
}

function notFound() {
  document.title = 'Playlist not found · Kinora';
  $('playlist-title').textContent = 'Playlist not found';
  $('playlist-meta').textContent = 'This playlist does not exist, it was deleted, or it is private.';
  $('playlist-items').closest('section').hidden = true;
}

function fail(err) {
  $('playlist-error').textContent = err.message;
  $('playlist-error').hidden = false;
}

async function load() {
  $('playlist-items').setAttribute('aria-busy', 'true');
  try {
    playlist = await getPlaylist(pid, page, PAGE_SIZE);
  } catch (err) {
    if (err.status === 404 || err.status === 400) notFound();
    else fail(new Error(`The playlist could not be loaded: ${err.message}`));
    return;
  }
  $('playlist-error').hidden = true;
  renderHead();
  renderItems();
  $('playlist-items').setAttribute('aria-busy', 'false');
  await renderPlayAll();
}

function renderHead() {
  document.title = `${playlist.title} · Kinora`;
  $('playlist-title').textContent = playlist.title;
  const badge = visibilityBadge(playlist.visibility);
  $('playlist-visibility').replaceChildren(...(badge ? [badge] : []));
  const meta = $('playlist-meta');
  meta.replaceChildren();
  if (playlist.owner) {
    meta.append('By ', h('a', { href: `/@${encodeURIComponent(playlist.owner.username)}` },
      playlist.owner.displayName || playlist.owner.username), ' · ');
  }
  meta.append(`${playlist.videoCount === 1 ? '1 video' : `${playlist.videoCount} videos`} · updated ${formatAgo(playlist.updatedAt)}`);
  $('playlist-description').textContent = playlist.description || '';
  $('edit-playlist').hidden = !playlist.mayEdit;
  $('delete-playlist').hidden = !playlist.mayEdit;
}

/** "Play all" starts at the first video the visitor may see, wherever the page is. */
async function renderPlayAll() {
  let first = playlist.items.find((item) => !item.unavailable);
  if (page !== 1) {
    const start = await getPlaylist(pid, 1, PAGE_SIZE).catch(() => null);
    first = start && start.items.find((item) => !item.unavailable);
  }
  const link = $('play-all');
  link.hidden = !first;
  if (first) link.href = `/watch/${encodeURIComponent(first.id)}?list=${encodeURIComponent(pid)}`;
}

function renderItems() {
  const items = playlist.items;
  const offset = (page - 1) * PAGE_SIZE;
  $('playlist-items').replaceChildren(...items.map((item, i) => row(item, offset + i)));
  $('playlist-items').start = offset + 1;
  $('playlist-empty').hidden = items.length > 0 || page > 1;
  const pages = Math.max(1, Math.ceil(playlist.videoCount / PAGE_SIZE));
  $('pager').hidden = pages === 1 && page === 1;
  $('page-info').textContent = `Page ${page} of ${pages}`;
  $('page-prev').disabled = page <= 1;
  $('page-next').disabled = page >= pages;
  $('items-count').textContent = playlist.mayEdit && items.some((item) => item.unavailable)
    ? 'Some videos are no longer available: remove them, or keep them in case they come back.' : '';
}

function row(item, position) {
  const title = item.unavailable ? 'Unavailable video' : (item.title || 'Untitled');
  const href = `/watch/${encodeURIComponent(item.id)}?list=${encodeURIComponent(pid)}`;
  const thumb = h('span', { class: 'thumb', 'aria-hidden': 'true' },
    item.posterUrl ? h('img', { src: item.posterUrl, alt: '', loading: 'lazy' })
      : h('span', { class: 'thumb-placeholder' }, icon(ICONS.film)),
    item.durationSeconds > 0 ? h('span', { class: 'duration' }, formatClock(item.durationSeconds)) : null);
  const meta = item.unavailable ? 'Deleted, or made private by its owner.'
    : [item.owner && item.owner.username, item.createdAt ? formatAgo(item.createdAt) : null].filter(Boolean).join(' · ');
  const info = h('div', { class: 'video-info' },
    h('h3', { class: 'video-title' }, item.unavailable ? title : h('a', { href }, title)),
    h('p', { class: 'video-meta' }, meta));
  const li = h('li', { class: 'video-row read-only playlist-row', dataset: { id: item.id } }, thumb, info);
  if (playlist.mayEdit) li.append(actions(item, position, title));
  return li;
}

function actions(item, position, title) {
  const up = h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'up' },
    'aria-label': `Move ${title} up`, disabled: position === 0 }, '↑ Up');
  const down = h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'down' },
    'aria-label': `Move ${title} down`, disabled: position >= playlist.videoCount - 1 }, '↓ Down');
  const drop = h('button', { type: 'button', class: 'button secondary small danger-text', dataset: { action: 'remove' },
    'aria-label': `Remove ${title} from the playlist` }, 'Remove');
  up.addEventListener('click', () => move(item.id, -1, 'up'));
  down.addEventListener('click', () => move(item.id, +1, 'down'));
  drop.addEventListener('click', async () => {
    drop.disabled = true;
    try {
      await removeFromPlaylist(pid, item.id);
      toast(`Removed ${title}.`);
      await load();
      $('items-heading').focus();
    } catch (err) {
      drop.disabled = false;
      fail(err);
    }
  });
  return h('div', { class: 'video-actions' }, up, down, drop);
}

/** Moves one video a place up or down in the whole playlist, then keeps focus on the same button. */
async function move(videoId, by, action) {
  try {
    const { items } = await allItems(pid);
    const order = items.map((item) => item.id);
    const from = order.indexOf(videoId);
    const to = from + by;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to], order[from]];
    await updatePlaylist(pid, { videoIds: order });
    const wanted = Math.floor(to / PAGE_SIZE) + 1;
    if (wanted !== page) {
      page = wanted;
      history.replaceState(null, '', `${location.pathname}?page=${page}`);
    }
    await load();
    const button = document.querySelector(`.playlist-row[data-id="${videoId}"] [data-action="${action}"]`);
    if (button && !button.disabled) button.focus();
    else document.querySelector(`.playlist-row[data-id="${videoId}"] [data-action]:not(:disabled)`)?.focus();
    toast(`Moved to place ${to + 1}.`);
  } catch (err) {
    fail(err);
  }
}

function go(next) {
  page = Math.max(1, next);
  history.pushState(null, '', page === 1 ? location.pathname : `${location.pathname}?page=${page}`);
  load().then(() => $('items-heading').focus());
}

window.addEventListener('popstate', () => {
  page = Math.max(1, parseInt(new URLSearchParams(location.search).get('page'), 10) || 1);
  load();
});

function toggleEdit(open) {
  $('edit-form').hidden = !open;
  $('edit-playlist').setAttribute('aria-expanded', String(open));
  if (open) {
    $('edit-title').value = playlist.title;
    $('edit-description').value = playlist.description || '';
    chooser.value = playlist.visibility;
    $('edit-title').focus();
  } else {
    $('edit-playlist').focus();
  }
}

async function save() {
  const title = $('edit-title').value.trim();
  if (!title) {
    $('edit-title').setAttribute('aria-invalid', 'true');
    fail(new Error('Give the playlist a title.'));
    $('edit-title').focus();
    return;
  }
  $('edit-title').removeAttribute('aria-invalid');
  $('edit-save').disabled = true;
  try {
    await updatePlaylist(pid, { title, description: $('edit-description').value, visibility: chooser.value });
    toast('Playlist saved.');
    toggleEdit(false);
    await load();
  } catch (err) {
    fail(err);
  } finally {
    $('edit-save').disabled = false;
  }
}

async function remove() {
  const done = await confirmAction({
    title: 'Delete this playlist?',
    text: `“${playlist.title}” will be gone for everyone. The videos in it stay as they are.`,
    confirmLabel: 'Delete playlist',
    action: () => deletePlaylist(pid),
  });
  if (done) {
    setFlash(`The playlist “${playlist.title}” was deleted.`);
    location.assign('/');
  }
}
