// The feed, /feed: the newest public videos of the channels I follow, a page at a time with
// "Load more", and the channels themselves (the way to them when the feed is empty).
import '../lib/header.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { getFeed, mySubscriptions } from '../lib/channels-api.js';
import { h } from '../lib/dom.js';
import { requireUser } from '../lib/session.js';
import { videoCard } from '../lib/video-card.js';

const $ = (id) => document.getElementById(id);
let cursor = null;
let shown = 0;
let following = [];

main();

async function main() {
  const user = await requireUser();
  renderAccountMenu(user);
  $('feed-more').addEventListener('click', () => more(true));
  await Promise.all([loadFollowing(), more(false)]);
  showEmpty();
  $('main').setAttribute('aria-busy', 'false');
}

async function more(byButton) {
  const button = $('feed-more');
  button.disabled = true;
  $('feed-error').hidden = true;
  try {
    const answer = await getFeed(cursor);
    const cards = answer.items.map((video) => videoCard(video, { showChannel: true }));
    $('feed-videos').append(...cards);
    shown += cards.length;
    cursor = answer.nextCursor;
    button.hidden = !cursor;
    if (byButton) {
      $('feed-status').textContent = cards.length ? `${cards.length} more video${cards.length === 1 ? '' : 's'} loaded.` : 'No more videos.';
      // keyboard users carry on from the first new video
      if (cards.length) cards[0].querySelector('.card-title a').focus();
      else button.focus();
    }
  } catch (err) {
    $('feed-error').textContent = `The feed could not be loaded: ${err.message}`;
    $('feed-error').hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function loadFollowing() {
  try {
    const answer = await mySubscriptions(1, 50);
    following = answer.items;
  } catch {
    following = [];
  }
  const list = $('following');
  list.replaceChildren(...following.map(channelLink));
  $('following-empty').hidden = following.length > 0;
}

function channelLink(channel) {
  const picture = channel.avatarUrl
    ? h('img', { src: channel.avatarUrl, alt: '', width: 32, height: 32 })
    : document.createTextNode((channel.displayName || channel.username).charAt(0).toUpperCase());
  return h('li', {}, h('a', { class: 'channel-link', href: `/@${encodeURIComponent(channel.username)}` },
    h('span', { class: 'channel-avatar small', 'aria-hidden': 'true' }, picture),
    h('span', { class: 'channel-link-name' }, channel.displayName),
    channel.displayName === channel.username ? null : h('span', { class: 'muted' }, `@${channel.username}`)));
}

function showEmpty() {
  const empty = $('feed-empty');
  if (shown > 0 || !$('feed-error').hidden) {
    empty.hidden = true;
    return;
  }
  empty.replaceChildren(following.length
    ? h('p', {}, 'The channels you follow have no public videos yet. ',
      h('a', { href: '#following-heading' }, 'See the channels you follow'), '.')
    : h('p', {}, 'Your feed is empty: subscribe to channels to see their new videos here. ',
      h('a', { href: '/' }, 'Find videos and their channels on the home page'), '.'));
  empty.hidden = false;
}
