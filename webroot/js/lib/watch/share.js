// The share box under the player: the video's link and a button that copies it.

import { copyFrom } from '../clipboard.js';

const $ = (id) => document.getElementById(id);
const WHO = {
  private: 'It is private: only its owner and administrators can open it.',
  public: 'Anyone with this link can watch the video; it is also listed on the home page.',
};
let who = 'Anyone with this link can watch the video.';

export function wireSharing(videoId) {
  $('share-url').value = `${location.origin}/watch/${videoId}`;
  $('copy-link').addEventListener('click', copyLink);
}

/** What the copied-link sentence says about who can watch, once the record is known. */
export function setShareVisibility(visibility) {
  who = WHO[visibility] || 'Anyone with this link can watch the video.';
}

async function copyLink() {
  const button = $('copy-link');
  const copied = await copyFrom($('share-url'));
  button.dataset.copied = String(copied);
  $('copy-status').textContent = copied ? `Link copied. ${who}`
    : 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  button.textContent = copied ? 'Copied' : 'Copy link';
  setTimeout(() => { button.textContent = 'Copy link'; }, 2500);
}
