// A public video as a card (poster, duration, title linking to the watch page, channel, views,
// date), for channel pages and the feed. Text from people is only ever set as text.
import { h, icon, ICONS } from './dom.js';
import { formatAgo, formatClock, formatDate } from './format.js';

const counted = new Intl.NumberFormat();

export function viewsText(views) {
  const n = Number(views) || 0;
  return `${counted.format(n)} view${n === 1 ? '' : 's'}`;
}

/** showChannel: add the owner's name as a link to their channel (the feed mixes channels). */
export function videoCard(video, { showChannel = false } = {}) {
  const href = `/watch/${encodeURIComponent(video.id)}`;
  const poster = video.posterUrl
    ? h('img', { src: video.posterUrl, alt: '', loading: 'lazy', width: 320, height: 180 })
    : h('span', { class: 'thumb-placeholder' }, icon(ICONS.film));
  const duration = video.durationSeconds > 0
    ? h('span', { class: 'duration', 'aria-label': `Duration ${formatClock(video.durationSeconds)}` }, formatClock(video.durationSeconds))
    : null;
  const owner = video.owner && video.owner.username;
  const meta = [viewsText(video.views), formatAgo(video.createdAt)].filter(Boolean).join(' · ');
  return h('li', { class: 'video-card', dataset: { id: video.id } },
    h('a', { class: 'thumb', href, tabindex: '-1', 'aria-hidden': 'true' }, poster, duration),
    h('div', { class: 'card-info' },
      h('h3', { class: 'card-title' }, h('a', { href }, video.title || 'Untitled')),
      showChannel && owner ? h('p', { class: 'card-channel' }, h('a', { href: `/@${encodeURIComponent(owner)}` }, owner)) : null,
      h('p', { class: 'card-meta', title: formatDate(video.createdAt) }, meta)));
}
