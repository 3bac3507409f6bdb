// Like and dislike buttons with their counts, the view count, and counting this view once the
// viewer has really watched a few seconds (not on page load: a bot or a bounce is not a view).
import { api } from '../api.js';
import { h, icon } from '../dom.js';
import { viewsText } from '../video-card.js';
import { videoId } from './state.js';

/** Seconds of playback before a view counts (or the whole video, when it is shorter). */
const VIEW_AFTER_SECONDS = 5;
const THUMB_UP = 'M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.5-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1.2-.7z';
const THUMB_DOWN = 'M22 3h-4v12h4zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3a1.5 1.5 0 0 0 .5 1l1.1 1.1 6.6-6.6A2 2 0 0 0 18 15V5a2 2 0 0 0-2-2H7a2 2 0 0 0-1.8 1.2l-3 7.1L2 12z';

const box = document.getElementById('rating');
const viewsLabel = document.getElementById('video-views');

/** Shows the buttons and counts of this video's record for this viewer (null: signed out). */
export function renderRating(video, user) {
  if (!box) return;
  let mine = video.myRating || 'none';
  let counts = { likes: video.likes || 0, dislikes: video.dislikes || 0 };
  const status = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const like = button('like', 'Like', THUMB_UP);
  const dislike = button('dislike', 'Dislike', THUMB_DOWN);
  const hint = h('p', { class: 'rating-hint muted', hidden: true });

  function button(kind, label, path) {
    const count = h('span', { class: 'rating-count' });
    const el = h('button', { type: 'button', class: `rating-button ${kind}`, 'aria-pressed': 'false' },
      icon(path), h('span', { class: 'visually-hidden' }, label), count);
    el.addEventListener('click', () => choose(kind));
    el.count = count;
    el.label = label;
    return el;
  }

  function paint() {
    for (const [el, kind] of [[like, 'likes'], [dislike, 'dislikes']]) {
      el.count.textContent = counts[kind].toLocaleString();
      el.setAttribute('aria-pressed', String(mine === (kind === 'likes' ? 'like' : 'dislike')));
      el.title = `${el.label} (${counts[kind].toLocaleString()})`;
    }
    if (viewsLabel) viewsLabel.textContent = viewsText(video.views);
  }

  async function choose(kind) {
    if (!user) {
      hint.replaceChildren('Sign in to rate videos. ',
        h('a', { href: `/signin?${new URLSearchParams({ next: location.pathname + location.search })}` }, 'Sign in'));
      hint.hidden = false;
      return;
    }
    const next = mine === kind ? 'none' : kind;
    like.disabled = dislike.disabled = true;
    try {
      const answer = await api(`/api/videos/${videoId}/rating`, { method: 'PUT', body: { rating: next } });
      mine = answer.myRating;
      counts = { likes: answer.likes, dislikes: answer.dislikes };
      status.textContent = next === 'none' ? 'Rating removed.' : `You ${next}d this video.`;
      paint();
    } catch (err) {
      hint.textContent = err.message;
      hint.hidden = false;
    } finally {
      like.disabled = dislike.disabled = false;
    }
  }

  box.replaceChildren(h('div', { class: 'rating-buttons', role: 'group', 'aria-label': 'Rate this video' },
    like, dislike), status, hint);
  box.hidden = false;
  paint();
}

/** Counts real playback time (not seeking, not paused) and posts the view once. */
export function countViewWhenWatched() {
  const video = document.getElementById('video');
  if (!video || !videoId) return;
  let watched = 0;
  let last = null;
  let sent = false;
  const send = () => {
    if (sent) return;
    sent = true;
    api(`/api/videos/${videoId}/views`, { method: 'POST' })
      .then((answer) => { if (viewsLabel && answer) viewsLabel.textContent = viewsText(answer.views); })
      .catch(() => { /* a view that did not count is not worth bothering the viewer with */ });
  };
  video.addEventListener('timeupdate', () => {
    const now = video.currentTime;
    if (last !== null && !video.paused && !video.seeking && now > last && now - last < 1.5) watched += now - last;
    last = now;
    const needed = Math.min(VIEW_AFTER_SECONDS, (video.duration || VIEW_AFTER_SECONDS) * 0.9);
    if (watched >= needed) send();
  });
  video.addEventListener('seeking', () => { last = null; });
  video.addEventListener('ended', () => { if (watched > 0) send(); });
}
