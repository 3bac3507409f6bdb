// Playing a playlist on the watch page (/watch/{id}?list={pid}): the queue beside the player (under
// it on narrow screens) with the current video marked, and on to the next one when a video ends.
import { h } from '../dom.js';
import { formatClock } from '../format.js';
import { allItems, isId } from '../playlists-api.js';
import { state, videoId } from './state.js';

const listId = new URLSearchParams(location.search).get('list');
const watchUrl = (id) => `/watch/${encodeURIComponent(id)}?list=${encodeURIComponent(listId)}`;

/** Window for the player to be set up before the queue gives up starting it on its own. */
const READY_WAIT_MS = 60000;

export async function wirePlaylistQueue() {
  if (!videoId || !isId(listId)) return;
  const aside = document.getElementById('playlist-queue');
  if (!aside) return;
  let loaded;
  try {
    loaded = await allItems(listId);
  } catch (err) {
    aside.replaceChildren(h('p', { class: 'muted' }, `The playlist could not be loaded: ${err.message}`));
    show(aside);
    return;
  }
  const items = loaded.items.filter((item) => !item.unavailable);
  const at = items.findIndex((item) => item.id === videoId);
  render(aside, loaded.playlist, items, at);
  show(aside);
  const next = at >= 0 ? items[at + 1] : null;
  aside.dataset.next = next ? next.id : '';
  const video = document.getElementById('video');
  if (next) {
    video.addEventListener('ended', () => location.assign(watchUrl(next.id)));
  }
  if (at >= 0) autoplay(video);
}

function show(aside) {
  aside.hidden = false;
  document.getElementById('main').classList.add('with-queue');
}

function render(aside, playlist, items, at) {
  const heading = h('h2', { id: 'playlist-queue-heading' },
    h('a', { href: `/playlist/${encodeURIComponent(playlist.id)}` }, playlist.title));
  const owner = playlist.owner ? `${playlist.owner.displayName || playlist.owner.username}` : '';
  const position = at >= 0 ? `${at + 1} of ${items.length}` : `${items.length} videos`;
  const list = h('ol', { class: 'queue-list', 'aria-labelledby': 'playlist-queue-heading' },
    items.map((item, i) => {
      const current = i === at;
      return h('li', { class: current ? 'queue-item current' : 'queue-item', dataset: { id: item.id } },
        h('a', { href: watchUrl(item.id), 'aria-current': current ? 'true' : null },
          h('span', { class: 'queue-index', 'aria-hidden': 'true' }, current ? '▶' : String(i + 1)),
          h('span', { class: 'queue-thumb', 'aria-hidden': 'true' },
            item.posterUrl ? h('img', { src: item.posterUrl, alt: '', loading: 'lazy' }) : null),
          h('span', { class: 'queue-text' },
            h('span', { class: 'queue-title' }, item.title || 'Untitled'),
            h('span', { class: 'queue-meta' },
              [item.owner && item.owner.username, item.durationSeconds > 0 ? formatClock(item.durationSeconds) : null]
                .filter(Boolean).join(' · ')))));
    }));
  aside.setAttribute('aria-labelledby', 'playlist-queue-heading');
  aside.replaceChildren(
    h('div', { class: 'queue-head' }, heading,
      h('p', { class: 'muted' }, [owner, position].filter(Boolean).join(' · '))),
    list);
  const current = list.querySelector('.current');
  if (current) list.scrollTop = Math.max(0, current.offsetTop - list.offsetTop - 8);
}

/** A playlist plays on: once the player is set up, start the video (the browser may refuse). */
function autoplay(video) {
  const started = Date.now();
  const tick = () => {
    if (state.ready) {
      if (!state.started) video.play().catch(() => {});
    } else if (Date.now() - started < READY_WAIT_MS) {
      setTimeout(tick, 100);
    }
  };
  tick();
}
