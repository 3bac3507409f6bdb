// The custom controls (play, seek, volume, full screen), their keyboard shortcuts and the flash.
import { icon, ICONS } from '../dom.js';
import { formatClock } from '../format.js';
import { chapterAt, state } from './state.js';

const $ = (id) => document.getElementById(id);
const video = $('video');
const player = $('player');
const controls = $('controls');
const bigPlay = $('big-play');
const playButton = $('play');
const seek = $('seek');
const time = $('time');
const muteButton = $('mute');
const volume = $('volume');
const fullscreenButton = $('fullscreen');

let wired = false;
let seeking = false;
let idleTimer = null;
let flashTimer = null;

/** Shows the controls and the big play button; listeners are added once however often it runs. */
export function showControls() {
  controls.hidden = false;
  bigPlay.hidden = false;
  if (wired) return;
  wired = true;
  wireControls();
}

function wireControls() {
  const flashEl = document.createElement('div');
  flashEl.className = 'flash';
  flashEl.setAttribute('aria-hidden', 'true');
  player.append(flashEl);

  playButton.addEventListener('click', togglePlay);
  bigPlay.addEventListener('click', togglePlay);
  video.addEventListener('click', togglePlay);
  video.addEventListener('dblclick', toggleFullscreen);
  muteButton.addEventListener('click', toggleMute);
  fullscreenButton.addEventListener('click', toggleFullscreen);

  seek.addEventListener('pointerdown', () => { seeking = true; });
  seek.addEventListener('pointerup', () => { seeking = false; });
  seek.addEventListener('input', () => {
    if (Number.isFinite(video.duration)) {
      const at = (Number(seek.value) / 1000) * shownDuration();
      // while processing, the bar spans the whole video but only what is stored can be reached
      video.currentTime = state.growing ? Math.min(at, Math.max(0, video.duration - 1)) : at;
    }
    renderTime();
  });
  volume.addEventListener('input', () => {
    video.volume = Number(volume.value);
    video.muted = video.volume === 0;
  });

  video.addEventListener('play', renderPlay);
  video.addEventListener('pause', renderPlay);
  video.addEventListener('playing', () => {
    player.dataset.state = 'playing';
    bigPlay.hidden = true;
  });
  video.addEventListener('waiting', () => {
    if (!video.paused) player.dataset.state = 'buffering';
  });
  video.addEventListener('ended', () => {
    player.dataset.state = 'ended';
    bigPlay.hidden = false;
  });
  video.addEventListener('timeupdate', renderTime);
  video.addEventListener('durationchange', renderTime);
  video.addEventListener('volumechange', renderVolume);
  document.addEventListener('fullscreenchange', renderFullscreen);
  document.addEventListener('keydown', onKey);
  player.addEventListener('pointermove', wake);
  player.addEventListener('focusin', wake);
  renderPlay();
  renderVolume();
  renderFullscreen();
  renderTime();
}

function togglePlay() {
  if (video.paused || video.ended) {
    const started = video.play();
    if (started) started.catch(() => {}); // e.g. interrupted by a pause: nothing to report
  } else {
    video.pause();
  }
}

function toggleMute() {
  video.muted = !video.muted;
  if (!video.muted && video.volume === 0) video.volume = 0.5;
  flash(video.muted ? 'Muted' : `Volume ${Math.round(video.volume * 100)}%`);
}

function toggleFullscreen() {
  if (document.fullscreenElement) {
    document.exitFullscreen().catch(() => {});
  } else if (player.requestFullscreen) {
    player.requestFullscreen().catch(() => {});
  } else if (video.webkitEnterFullscreen) {
    video.webkitEnterFullscreen(); // iPhone: only the video element itself can go full screen
  }
}

function seekBy(seconds) {
  if (!Number.isFinite(video.duration)) return;
  video.currentTime = Math.max(0, Math.min(video.duration - 0.1, video.currentTime + seconds));
  flash(`${seconds > 0 ? '+' : '−'}${Math.abs(seconds)} s`);
}

function changeVolume(delta) {
  video.muted = false;
  video.volume = Math.max(0, Math.min(1, Math.round((video.volume + delta) * 20) / 20));
  flash(`Volume ${Math.round(video.volume * 100)}%`);
}

function onKey(e) {
  if (!state.ready || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  const tag = target.tagName;
  const range = tag === 'INPUT' && target.type === 'range';
  if ((tag === 'INPUT' && !range) || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return;
  const pressable = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY';
  switch (e.key) {
    case ' ':
      if (pressable) return; // space presses the focused button
      togglePlay();
      break;
    case 'k': case 'K': togglePlay(); break;
    case 'm': case 'M': toggleMute(); break;
    case 'f': case 'F': toggleFullscreen(); break;
    case 'j': case 'J': seekBy(-10); break;
    case 'l': case 'L': seekBy(10); break;
    case 'ArrowLeft': if (range) return; seekBy(-5); break;
    case 'ArrowRight': if (range) return; seekBy(5); break;
    case 'ArrowUp': if (range) return; changeVolume(0.1); break;
    case 'ArrowDown': if (range) return; changeVolume(-0.1); break;
    case 'Home': if (range) return; video.currentTime = 0; break;
    case 'End': if (range) return; if (Number.isFinite(video.duration)) video.currentTime = video.duration - 0.1; break;
    default: return;
  }
  e.preventDefault();
  wake();
}

function renderPlay() {
  const paused = video.paused || video.ended;
  playButton.replaceChildren(icon(paused ? ICONS.play : ICONS.pause));
  playButton.setAttribute('aria-label', paused ? 'Play (k)' : 'Pause (k)');
  playButton.title = paused ? 'Play (k)' : 'Pause (k)';
  if (paused && player.dataset.state === 'playing') player.dataset.state = 'paused';
  wake();
}

/**
 * Before the first play only the record knows the length; while the video is still processing the
 * media's length is what is stored so far, so the record's (the probed length) is shown.
 */
function shownDuration() {
  const media = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : 0;
  if (state.growing) return Math.max(media, state.duration || 0);
  return media || state.duration || 0;
}

function renderTime() {
  const duration = shownDuration();
  if (!seeking && duration > 0) seek.value = String(Math.round((video.currentTime / duration) * 1000));
  time.textContent = `${formatClock(video.currentTime)} / ${formatClock(duration)}`;
  // the bar says the chapter playing now too
  const chapter = chapterAt(state.chapters, video.currentTime);
  seek.setAttribute('aria-valuetext',
    `${formatClock(video.currentTime)} of ${formatClock(duration)}${chapter ? `, ${chapter.title}` : ''}`);
  seek.style.setProperty('--filled', `${duration > 0 ? (video.currentTime / duration) * 100 : 0}%`);
}


function renderVolume() {
  const muted = video.muted || video.volume === 0;
  muteButton.replaceChildren(icon(muted ? ICONS.muted : ICONS.volume));
  muteButton.setAttribute('aria-label', muted ? 'Unmute (m)' : 'Mute (m)');
  muteButton.title = muted ? 'Unmute (m)' : 'Mute (m)';
  volume.value = String(muted ? 0 : video.volume);
  volume.setAttribute('aria-valuetext', muted ? 'muted' : `${Math.round(video.volume * 100)}%`);
}

function renderFullscreen() {
  const full = Boolean(document.fullscreenElement);
  fullscreenButton.replaceChildren(icon(full ? ICONS.exitFullscreen : ICONS.fullscreen));
  fullscreenButton.setAttribute('aria-label', full ? 'Exit full screen (f)' : 'Full screen (f)');
  fullscreenButton.title = full ? 'Exit full screen (f)' : 'Full screen (f)';
}

/** Controls fade out after a while of playing without the pointer moving; any input brings them back. */
function wake() {
  player.dataset.idle = 'false';
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (!video.paused && !controls.contains(document.activeElement)) player.dataset.idle = 'true';
  }, 2500);
}

/** A short word over the video ("+10 s", "Muted", "480p") that fades by itself. */
export function flash(text) {
  const el = player.querySelector('.flash');
  if (!el) return;
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => el.classList.remove('show'), 700);
}
