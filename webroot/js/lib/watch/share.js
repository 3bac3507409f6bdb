// The share box under the player: the video's link, a button that copies it, and a choice to
// start the link where the video is now (?t= with the current whole second).

import { copyFrom } from '../clipboard.js';
import { formatClock } from '../format.js';

const $ = (id) => document.getElementById(id);
const video = document.getElementById('video');
const WHO = {
  private: 'It is private: only its owner and administrators can open it.',
  public: 'Anyone with this link can watch the video; it is also listed on the home page.',
};
let who = 'Anyone with this link can watch the video.';
let base = '';

export function wireSharing(videoId) {
  base = `${location.origin}/watch/${videoId}`;
  $('share-url').value = base;
  $('copy-link').addEventListener('click', copyLink);
  $('share-at-time').addEventListener('change', renderLink);
  // the time follows the player, so the link says where the video is when it is copied
  video.addEventListener('timeupdate', renderLink);
  video.addEventListener('seeked', renderLink);
}

/** What the copied-link sentence says about who can watch, once the record is known. */
export function setShareVisibility(visibility) {
  who = WHO[visibility] || 'Anyone with this link can watch the video.';
}

const atSecond = () => Math.floor(video.currentTime || 0);

/** The link in the box, and the second the choice names; returns that second. */
function renderLink() {
  const at = atSecond();
  const time = formatClock(at);
  if ($('share-time').textContent !== time) $('share-time').textContent = time;
  const url = $('share-at-time').checked ? `${base}?t=${at}` : base;
  if ($('share-url').value !== url) $('share-url').value = url;
  return at;
}

async function copyLink() {
  const at = renderLink();
  const from = $('share-at-time').checked ? ` It starts at ${formatClock(at)}.` : '';
  const button = $('copy-link');
  const copied = await copyFrom($('share-url'));
  button.dataset.copied = String(copied);
  $('copy-status').textContent = copied ? `Link copied.${from} ${who}`
    : 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  button.textContent = copied ? 'Copied' : 'Copy link';
  setTimeout(() => { button.textContent = 'Copy link'; }, 2500);
}
