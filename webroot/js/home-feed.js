// The signed-in home's "From your subscriptions" strip: the newest few videos of the channels the
// person follows, with a link to the whole feed. Hidden when they follow nobody (or it fails).
import { api } from './api.js';
import { h, icon, ICONS } from './dom.js';
import { formatAgo, formatClock } from './format.js';

const STRIP_SIZE = 4;

export async function showFeedStrip(panel, list) {
  let page;
  try {
    page = await api(`/api/feed?limit=${STRIP_SIZE}`);
  } catch {
    return;
  }
  if (!page || !page.items || page.items.length === 0) return;
  list.replaceChildren(...page.items.map(card));
  panel.hidden = false;
}

function card(video) {
  const href = `/watch/${video.id}`;
  const thumb = video.posterUrl
    ? h('img', { src: video.posterUrl, alt: '', width: 320, height: 180, loading: 'lazy', decoding: 'async' })
    : h('span', { class: 'thumb-placeholder' }, icon(ICONS.film));
  const owner = video.owner && video.owner.username;
  return h('li', { class: 'feed-card', dataset: { id: video.id } },
    h('a', { class: 'thumb', href, tabindex: -1, 'aria-hidden': 'true' }, thumb,
      video.durationSeconds > 0 ? h('span', { class: 'duration' }, formatClock(video.durationSeconds)) : null),
    h('h3', { class: 'video-title' }, h('a', { href }, video.title || 'Untitled')),
    h('p', { class: 'video-meta' },
      owner ? h('a', { href: `/@${encodeURIComponent(owner)}` }, owner) : null,
      owner ? ' · ' : null,
      `${(video.views || 0).toLocaleString()} views · ${formatAgo(video.createdAt)}`));
}
