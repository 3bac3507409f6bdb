// The results page, /search?q=&page=: public videos matching the words, best match first, then
// newest, as cards (poster, title linking to the watch page, channel, views, duration), with an
// empty state and Previous/Next. The search box in the top bar (search-box.js) starts a new search.
import '../lib/header.js';
import { api } from '../lib/api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { h, icon, ICONS } from '../lib/dom.js';
import { formatAgo, formatClock, formatDate, spokenDuration } from '../lib/format.js';
import { currentUser } from '../lib/session.js';
import { viewsText } from '../lib/video-card.js';

const PAGE_SIZE = 20;
const WINDOW = 200; // the server pages through its first 200 results only
const $ = (id) => document.getElementById(id);

start();

async function start() {
  currentUser().then((user) => renderAccountMenu(user)).catch(() => renderAccountMenu(null));
  $('search-prev').addEventListener('click', () => go(state().page - 1));
  $('search-next').addEventListener('click', () => go(state().page + 1));
  window.addEventListener('popstate', () => load());
  await load();
}

function state() {
  const params = new URLSearchParams(location.search);
  const page = Math.max(1, Math.min(WINDOW / PAGE_SIZE, parseInt(params.get('page'), 10) || 1));
  return { q: (params.get('q') || '').trim(), page };
}

async function go(page) {
  const { q } = state();
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('page', String(page));
  history.pushState(null, '', `/search?${params}`);
  await load();
  $('search-heading').focus();
}

async function load() {
  const { q, page } = state();
  const main = $('main');
  $('search-error').hidden = true;
  if (!q) {
    document.title = 'Search · Kinora';
    $('search-heading').textContent = 'Search';
    show([], 0, false, page);
    $('search-empty').textContent = 'Type a few words in the search box above: a title, a channel or something from a description.';
    main.setAttribute('aria-busy', 'false');
    return;
  }
  document.title = `${q} · Search · Kinora`;
  $('search-heading').textContent = `Results for “${q}”`;
  main.setAttribute('aria-busy', 'true');
  let answer;
  try {
    answer = await api(`/api/search?${new URLSearchParams({ q, page: String(page), pageSize: String(PAGE_SIZE) })}`);
  } catch (err) {
    $('search-error').textContent = `The search did not work: ${err.message}`;
    $('search-error').hidden = false;
    show([], 0, false, page);
    $('search-empty').hidden = true;
    main.setAttribute('aria-busy', 'false');
    return;
  }
  show(answer.items, answer.total, answer.totalIsEstimate, page);
  $('search-empty').textContent = page > 1 && answer.total > 0
    ? 'No more results on this page. Go back to the first page.'
    : 'No public videos match. Check the spelling, or try fewer or more general words.';
  main.setAttribute('aria-busy', 'false');
}

function show(items, total, estimate, page) {
  $('search-results').replaceChildren(...items.map(card));
  $('search-empty').hidden = items.length > 0;
  const plus = estimate ? '+' : '';
  $('search-count').textContent = total === 0 ? '' : total === 1 ? '1 video' : `${total}${plus} videos`;
  const pages = Math.max(1, Math.min(WINDOW / PAGE_SIZE, Math.ceil(total / PAGE_SIZE)));
  $('search-pager').hidden = pages <= 1;
  $('search-page-info').textContent = `Page ${page} of ${pages}${estimate && pages * PAGE_SIZE >= WINDOW ? ' (the best 200 shown)' : ''}`;
  $('search-prev').disabled = page <= 1;
  $('search-next').disabled = page >= pages;
}

function card(video) {
  const href = `/watch/${encodeURIComponent(video.id)}`;
  const poster = video.posterUrl
    ? h('img', { src: video.posterUrl, alt: '', width: 320, height: 180, loading: 'lazy', decoding: 'async' })
    : h('span', { class: 'thumb-placeholder' }, icon(ICONS.film));
  const duration = video.durationSeconds > 0
    ? h('span', { class: 'duration', 'aria-label': `Duration ${spokenDuration(video.durationSeconds)}` }, formatClock(video.durationSeconds))
    : null;
  const meta = [];
  if (video.owner && video.owner.username) meta.push(h('span', { class: 'owner' }, video.owner.username));
  meta.push(h('span', {}, viewsText(video.views)));
  meta.push(h('time', { datetime: video.createdAt, title: formatDate(video.createdAt) }, formatAgo(video.createdAt)));
  return h('li', { class: 'search-card', dataset: { id: video.id } },
    h('a', { class: 'thumb', href, tabindex: -1, 'aria-hidden': 'true' }, poster, duration),
    h('div', { class: 'video-info' },
      h('h2', { class: 'video-title' }, h('a', { href }, video.title || 'Untitled')),
      h('p', { class: 'video-meta' }, meta.flatMap((m, i) => (i ? [h('span', { 'aria-hidden': 'true' }, ' · '), m] : [m]))),
      video.description ? h('p', { class: 'video-description' }, video.description) : null,
      video.said ? saidAt(video.said) : null));
}

/** Where the captions say the words: that moment's storyboard tile and a link that starts there. */
function saidAt(said) {
  const link = h('a', { class: 'said', href: said.watchUrl }, `Said at ${formatClock(said.at)}`);
  if (said.thumbnail) {
    const t = said.thumbnail;
    const tile = h('span', { class: 'said-thumb', 'aria-hidden': 'true' });
    // CSSOM, not a style attribute: the page's CSP allows no inline styles
    Object.assign(tile.style, {
      width: `${t.width}px`, height: `${t.height}px`,
      backgroundImage: `url("${t.url}")`, backgroundPosition: `-${t.x}px -${t.y}px`,
    });
    link.prepend(tile);
  }
  return h('p', { class: 'said-line' }, link);
}
