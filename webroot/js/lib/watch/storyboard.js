// The storyboard: while the pointer hovers or drags the seek bar (mouse, pen or touch), or the
// keyboard moves it, a thumbnail of that moment and its time float above it. The thumbnails come
// from the video's WebVTT track (GET /api/videos/{id}/storyboard.vtt): one cue per thumbnail, its
// text a signed sheet URL with #xywh=x,y,w,h naming the tile.
import { h } from '../dom.js';
import { formatClock } from '../format.js';
import { state } from './state.js';

const seek = document.getElementById('seek');
const video = document.getElementById('video');

let cues = [];
let preview = null;
let thumb = null;
let label = null;
let hideTimer = null;
let dragging = false;

/** Fetches the track of a ready video once and wires the preview; a video without one gets the time only. */
export async function wireStoryboard(record) {
  build();
  if (!record.storyboardUrl) return;
  try {
    const response = await fetch(record.storyboardUrl, { credentials: 'same-origin' });
    if (response.ok) cues = parseVtt(await response.text());
  } catch {
    cues = []; // the preview still shows the time
  }
  state.storyboardCues = cues.length;
}

/** The cues of a thumbnail track: start and end in seconds, the sheet URL and the tile. */
export function parseVtt(text) {
  const found = [];
  const cue = /(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})[^\n]*\n([^\n#]+)#xywh=(\d+),(\d+),(\d+),(\d+)/g;
  const seconds = (m, at) => Number(m[at]) * 3600 + Number(m[at + 1]) * 60 + Number(m[at + 2]) + Number(m[at + 3]) / 1000;
  for (const m of text.replace(/\r\n?/g, '\n').matchAll(cue)) {
    found.push({ start: seconds(m, 1), end: seconds(m, 5), url: m[9].trim(),
      x: Number(m[10]), y: Number(m[11]), w: Number(m[12]), h: Number(m[13]) });
  }
  return found;
}

function build() {
  if (preview) return;
  thumb = h('div', { class: 'seek-preview-thumb' });
  label = h('span', { class: 'seek-preview-time' });
  preview = h('div', { class: 'seek-preview', 'aria-hidden': 'true', hidden: true }, thumb, label);
  seek.parentElement.append(preview);

  seek.addEventListener('pointermove', (e) => show(fractionAt(e.clientX)));
  seek.addEventListener('pointerdown', (e) => {
    dragging = true;
    show(fractionAt(e.clientX));
  });
  seek.addEventListener('pointerleave', () => { if (!dragging) hide(); });
  // a drag (touch above all) ends wherever the finger lifts, on the bar or not
  window.addEventListener('pointerup', () => { if (dragging) { dragging = false; hide(); } });
  // touch: the bar takes the gesture (touch-action: none), and touch events back up pointer events
  // in case the browser cancels the pointer anyway
  seek.addEventListener('touchmove', (e) => {
    if (!e.touches[0]) return;
    dragging = true;
    show(fractionAt(e.touches[0].clientX));
  }, { passive: true });
  const lifted = () => { if (dragging) { dragging = false; hide(); } };
  window.addEventListener('touchend', lifted);
  window.addEventListener('touchcancel', lifted);
  // keyboard (arrows on the focused bar): show where it landed for a moment
  seek.addEventListener('input', () => {
    if (dragging) return;
    show(Number(seek.value) / 1000);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 900);
  });
  seek.addEventListener('blur', hide);
}

function fractionAt(clientX) {
  const rect = seek.getBoundingClientRect();
  return rect.width > 0 ? Math.max(0, Math.min(1, (clientX - rect.left) / rect.width)) : 0;
}

function duration() {
  return Number.isFinite(video.duration) && video.duration > 0 ? video.duration : state.duration || 0;
}

/** The cue at {@code t} seconds: the last one that starts at or before it. */
export function cueAt(list, t) {
  let lo = 0;
  let hi = list.length - 1;
  let found = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= t) {
      found = list[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function show(fraction) {
  const total = duration();
  if (!(total > 0)) return;
  clearTimeout(hideTimer);
  const t = fraction * total;
  const cue = cueAt(cues, t);
  if (cue) {
    thumb.hidden = false;
    thumb.style.width = `${cue.w}px`;
    thumb.style.height = `${cue.h}px`;
    thumb.style.backgroundImage = `url("${cue.url}")`;
    thumb.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    thumb.dataset.url = cue.url;
    thumb.dataset.xywh = `${cue.x},${cue.y},${cue.w},${cue.h}`;
  } else {
    thumb.hidden = true;
  }
  label.textContent = formatClock(t);
  preview.hidden = false;
  const width = preview.offsetWidth;
  const bar = seek.offsetWidth;
  const left = Math.max(0, Math.min(bar - width, fraction * bar - width / 2));
  preview.style.left = `${seek.offsetLeft + left}px`;
}

function hide() {
  clearTimeout(hideTimer);
  if (preview) preview.hidden = true;
}
