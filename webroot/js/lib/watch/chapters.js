// The video's chapters (record.chapters: the owner's, or those its description lists): a mark on
// the seek bar where each one starts, the chapter's name over the bar wherever the pointer, a
// finger or the keyboard puts it, the name in the bar's spoken value (see controls.js), and a list
// under the player whose entries play from their chapter.
import { h } from '../dom.js';
import { formatClock } from '../format.js';
import { seekTo } from './player.js';
import { chapterAt, state } from './state.js';

const seek = document.getElementById('seek');
const video = document.getElementById('video');
const section = document.getElementById('chapters');
const list = document.getElementById('chapter-list');
/** How long a chapter's name stays once a finger lifts or a key moved the bar: long enough to read. */
const LINGER_MS = 1500;

let chapters = [];
let marks = null;
let tip = null;
let hideTimer = null;
let dragging = false;
let listed = null;

/** Shows the record's chapters (again, for a fresher record); a video without any shows none. */
export function showChapters(record) {
  chapters = (record.chapters || []).filter((c) => Number.isFinite(c.start) && typeof c.title === 'string');
  state.chapters = chapters;
  if (!chapters.length && !marks) {
    section.hidden = true;
    return;
  }
  build();
  render();
}

/** The length the seek bar spans, as the controls reckon it (a video still processing: its probed length). */
function duration() {
  const media = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : 0;
  if (state.growing) return Math.max(media, state.duration || 0);
  return media || state.duration || 0;
}

/** The chapters a player can reach: a chapter at or past the end of a known length is left out. */
function reachable() {
  const total = duration();
  return total > 0 ? chapters.filter((c) => c.start < total) : chapters;
}

function build() {
  if (marks) return;
  marks = h('div', { class: 'chapter-marks', 'aria-hidden': 'true' });
  tip = h('div', { class: 'chapter-tip', id: 'chapter-tip', role: 'tooltip', hidden: true });
  seek.parentElement.append(marks, tip);

  seek.addEventListener('pointermove', (e) => showTip(fractionAt(e.clientX)));
  seek.addEventListener('pointerdown', (e) => {
    dragging = true;
    showTip(fractionAt(e.clientX));
  });
  seek.addEventListener('pointerleave', () => { if (!dragging) hideTip(); });
  window.addEventListener('pointerup', () => { if (dragging) { dragging = false; hideSoon(); } });
  // touch: as for the storyboard, touch events back up pointer events the browser may cancel
  seek.addEventListener('touchmove', (e) => {
    if (!e.touches[0]) return;
    dragging = true;
    showTip(fractionAt(e.touches[0].clientX));
  }, { passive: true });
  const lifted = () => { if (dragging) { dragging = false; hideSoon(); } };
  window.addEventListener('touchend', lifted);
  window.addEventListener('touchcancel', lifted);
  seek.addEventListener('input', () => {
    if (dragging) return;
    showTip(Number(seek.value) / 1000);
    hideSoon();
  });
  seek.addEventListener('blur', hideTip);

  video.addEventListener('durationchange', render);
  video.addEventListener('timeupdate', markCurrent);
}

function render() {
  const shown = reachable();
  section.hidden = shown.length === 0;
  renderMarks(shown);
  // the length settles more than once as media loads: the list is rebuilt only when it changes,
  // so a focused entry keeps its focus
  const key = JSON.stringify(shown);
  if (key === listed) return;
  listed = key;
  list.replaceChildren(...shown.map((chapter) => h('li', {},
    h('button', { type: 'button', class: 'chapter-item', dataset: { start: String(chapter.start) }, onclick: () => seekTo(chapter.start) },
      h('span', { class: 'chapter-time' }, formatClock(chapter.start)), ' ',
      h('span', { class: 'chapter-title' }, chapter.title)))));
  markCurrent();
}

/** A mark where each chapter but the first begins; the first begins where the bar does. */
function renderMarks(shown) {
  const total = duration();
  marks.replaceChildren(...(total > 0 ? shown.filter((c) => c.start > 0) : []).map((chapter) => {
    const mark = h('span', { class: 'chapter-mark' });
    // through the CSSOM: the Content-Security-Policy forbids style attributes
    mark.style.left = `${(chapter.start / total) * 100}%`;
    return mark;
  }));
}

/** The list says which chapter is playing. */
function markCurrent() {
  const current = chapterAt(chapters, video.currentTime);
  for (const button of list.querySelectorAll('.chapter-item')) {
    const on = current !== null && Number(button.dataset.start) === current.start;
    if (on) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

function fractionAt(clientX) {
  const rect = seek.getBoundingClientRect();
  return rect.width > 0 ? Math.max(0, Math.min(1, (clientX - rect.left) / rect.width)) : 0;
}

function showTip(fraction) {
  const total = duration();
  const chapter = total > 0 ? chapterAt(reachable(), fraction * total) : null;
  if (!chapter) {
    hideTip();
    return;
  }
  clearTimeout(hideTimer);
  tip.textContent = chapter.title;
  tip.dataset.start = String(chapter.start);
  tip.hidden = false;
  // after the storyboard has placed its preview for the same move: the name goes above it
  requestAnimationFrame(() => place(fraction));
}

function place(fraction) {
  const preview = seek.parentElement.querySelector('.seek-preview');
  const lift = preview && !preview.hidden ? preview.offsetHeight + 4 : 0;
  tip.style.bottom = `calc(100% + .6rem + ${lift}px)`;
  const width = tip.offsetWidth;
  const bar = seek.offsetWidth;
  tip.style.left = `${seek.offsetLeft + Math.max(0, Math.min(bar - width, fraction * bar - width / 2))}px`;
}

function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hideTip, LINGER_MS);
}

function hideTip() {
  clearTimeout(hideTimer);
  if (tip) tip.hidden = true;
}
