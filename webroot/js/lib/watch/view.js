// What the page says about the video: its details, and the messages shown in place of the player.
import { formatAgo, formatClock, formatDate } from '../format.js';
import { visibilityBadge } from '../visibility.js';

const $ = (id) => document.getElementById(id);
const player = $('player');
const message = $('player-message');

/** signIn: a link to offer when nobody is signed in (the video may be private). */
export function notFound(text, signIn = null) {
  document.title = 'Video not found · Kinora';
  $('video-title').textContent = 'Video not found';
  document.querySelector('.share').hidden = true;
  showMessage(text, 'error');
  if (signIn) {
    const link = document.createElement('a');
    link.href = signIn;
    link.textContent = 'Sign in';
    link.className = 'button';
    message.append(link);
  }
}

export function showDetails(record) {
  document.title = `${record.title} · Kinora`;
  $('video-title').textContent = record.title;
  $('video-description').textContent = record.description || '';
  const meta = [`Uploaded ${formatAgo(record.createdAt)}`];
  if (record.owner && record.owner.username) meta.unshift(`By ${record.owner.username}`);
  if (record.durationSeconds > 0) meta.push(formatClock(record.durationSeconds));
  if (record.width && record.height) meta.push(`${record.width}×${record.height}`);
  $('video-meta').textContent = meta.join(' · ');
  $('video-meta').title = formatDate(record.createdAt);
  if (record.posterUrl) $('video').poster = record.posterUrl;
  const badge = visibilityBadge(record.visibility);
  $('video-visibility').replaceChildren(...(badge ? [badge] : []));
}

/** A message over the player, with a progress bar when percent is given. */
export function showMessage(text, kind = 'info', percent = null) {
  player.dataset.state = kind === 'error' ? 'error' : 'waiting';
  message.replaceChildren();
  message.className = `player-message ${kind}`;
  const p = document.createElement('p');
  p.textContent = text;
  message.append(p);
  if (percent !== null) message.append(progressBar(percent));
  message.hidden = false;
}

function progressBar(percent) {
  const bar = document.createElement('div');
  bar.className = 'progress';
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-label', 'Processing');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(percent));
  const fill = document.createElement('div');
  fill.className = 'progress-fill';
  fill.style.width = `${percent}%`;
  bar.append(fill);
  return bar;
}

/** The player takes the message's place: idle until the first play. */
export function hideMessage() {
  message.hidden = true;
  player.dataset.state = 'idle';
}

/**
 * The line under the player while a video plays before its processing is done: the player stays
 * usable, so this is not a message over it. Not a live region, or every percent would be read out.
 */
export function showProcessingNote(percent) {
  const note = $('processing-note');
  const text = `Still processing (${percent || 0} %): you can watch what is ready; the rest follows.`;
  const bar = note.querySelector('.progress');
  if (bar) {
    note.firstChild.textContent = text;
    bar.setAttribute('aria-valuenow', String(percent || 0));
    bar.firstChild.style.width = `${percent || 0}%`;
  } else {
    note.replaceChildren(document.createElement('span'), progressBar(percent || 0));
    note.firstChild.textContent = text;
  }
  note.hidden = false;
}

export function hideProcessingNote() {
  $('processing-note').hidden = true;
}

export function showFailed(error) {
  hideProcessingNote();

  showMessage(`This video could not be processed. ${error || 'Upload the file again from the library.'}`, 'error');
}
