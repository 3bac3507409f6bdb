// The shareable watch page, /watch/{id}: poster, custom controls, quality menu, keyboard.
// hls.js plays wherever Media Source Extensions exist, except Safari, which plays HLS itself.
import { getVideo } from './api.js';
import { icon, ICONS } from './dom.js';
import { formatAgo, formatClock, formatDate } from './format.js';
import { followStatus, statusSentence } from './status.js';

const $ = (id) => document.getElementById(id);
const video = $('video');
const player = $('player');
const controls = $('controls');
const message = $('player-message');
const bigPlay = $('big-play');
const playButton = $('play');
const seek = $('seek');
const time = $('time');
const muteButton = $('mute');
const volume = $('volume');
const quality = $('quality');
const nowPlaying = $('now-playing');
const fullscreenButton = $('fullscreen');

const videoId = (location.pathname.match(/^\/watch\/([A-Za-z0-9_-]{22})\/?$/) || [])[1];

/** What the player is doing, for people debugging playback (and for the browser tests). */
const state = { videoId, mode: null, hls: null, fatalErrors: [], started: false, ready: false };
window.kinoraPlayer = state;

// hls.js (about 400 KB) downloads while the video's record is fetched, not after it
const hlsLoaded = videoId && choosePlayer() === 'hlsjs'
  ? loadScript('/vendor/hls.min.js').then(() => true, () => false)
  : Promise.resolve(false);

main();

async function main() {
  if (!videoId) {
    notFound('This is not a valid video link. Check that it was copied completely.');
    return;
  }
  $('share-url').value = `${location.origin}/watch/${videoId}`;
  $('copy-link').addEventListener('click', copyLink);
  let record;
  try {
    record = await getVideo(videoId);
  } catch (err) {
    if (err.status === 404 || err.status === 400) notFound('This video does not exist, or it was deleted.');
    else showMessage(`The video could not be loaded: ${err.message}`, 'error');
    return;
  }
  showDetails(record);
  if (record.status === 'ready') {
    startPlayer(record);
  } else if (record.status === 'failed') {
    showFailed(record.error);
  } else {
    waitUntilReady(record);
  }
}

function notFound(text) {
  document.title = 'Video not found · Kinora';
  $('video-title').textContent = 'Video not found';
  document.querySelector('.share').hidden = true;
  showMessage(text, 'error');
}

function showDetails(record) {
  document.title = `${record.title} · Kinora`;
  $('video-title').textContent = record.title;
  $('video-description').textContent = record.description || '';
  const meta = [`Uploaded ${formatAgo(record.createdAt)}`];
  if (record.durationSeconds > 0) meta.push(formatClock(record.durationSeconds));
  if (record.width && record.height) meta.push(`${record.width}×${record.height}`);
  $('video-meta').textContent = meta.join(' · ');
  $('video-meta').title = formatDate(record.createdAt);
  if (record.posterUrl) video.poster = record.posterUrl;
}

function showMessage(text, kind = 'info', percent = null) {
  player.dataset.state = kind === 'error' ? 'error' : 'waiting';
  message.replaceChildren();
  message.className = `player-message ${kind}`;
  const p = document.createElement('p');
  p.textContent = text;
  message.append(p);
  if (percent !== null) {
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
    message.append(bar);
  }
  message.hidden = false;
}

function showFailed(error) {
  showMessage(`This video could not be processed. ${error || 'Upload the file again from the library.'}`, 'error');
}

function waitUntilReady(record) {
  const update = ({ status, progress, error }) => {
    if (status === 'ready') {
      getVideo(videoId).then((fresh) => {
        showDetails(fresh);
        startPlayer(fresh);
      }, (err) => showMessage(`The video could not be loaded: ${err.message}`, 'error'));
    } else if (status === 'failed') {
      showFailed(error);
    } else {
      showMessage(`${statusSentence(status, progress)} It will play here as soon as it is ready.`, 'info',
        status === 'processing' ? progress || 0 : 0);
    }
  };
  update(record);
  followStatus(videoId, update);
}

// ---------------------------------------------------------------- playback

function choosePlayer() {
  const forced = new URLSearchParams(location.search).get('player'); // native | hlsjs, for comparing
  const native = video.canPlayType('application/vnd.apple.mpegurl') !== '';
  const mse = 'MediaSource' in window || 'ManagedMediaSource' in window;
  if (forced === 'native' && native) return 'native';
  if (forced === 'hlsjs' && mse) return 'hlsjs';
  // Safari's own HLS brings AirPlay and better battery life. Chromium also answers canPlayType
  // for HLS nowadays, but without any control over quality, so hls.js plays there.
  const apple = (navigator.vendor || '').startsWith('Apple') || 'WebKitPlaybackTargetAvailabilityEvent' in window;
  if (native && (apple || !mse)) return 'native';
  if (mse) return 'hlsjs';
  return native ? 'native' : null;
}

async function startPlayer(record) {
  state.duration = record.durationSeconds;
  message.hidden = true;
  player.dataset.state = 'idle';
  controls.hidden = false;
  bigPlay.hidden = false;
  wireControls();
  state.mode = choosePlayer();
  player.dataset.mode = state.mode || 'none';
  if (state.mode === 'hlsjs') {
    const loaded = await hlsLoaded;
    if (loaded && window.Hls && window.Hls.isSupported()) {
      startHls(record.playbackUrl);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      state.mode = 'native';
    } else {
      state.mode = null;
    }
  }
  player.dataset.mode = state.mode || 'none';
  if (state.mode === 'native') {
    startNative(record.playbackUrl);
  } else if (!state.mode) {
    showMessage('This browser cannot play streaming video. Open the link in a current Chrome, Edge, Firefox or Safari.', 'error');
    return;
  }
  state.ready = true;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

function levelName(level) {
  if (level && level.width && level.height) return `${Math.min(level.width, level.height)}p`;
  if (level && level.height) return `${level.height}p`;
  return level && level.bitrate ? `${Math.round(level.bitrate / 1000)} kbps` : '';
}

function startHls(url) {
  const Hls = window.Hls;
  // segments load on the first play, so opening a link costs the poster and two playlists
  const hls = new Hls({ autoStartLoad: false, capLevelToPlayerSize: false });
  state.hls = hls;
  let networkRetries = 0;
  let mediaRecoveries = 0;
  let resumeAt = -1;

  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    buildQualityMenu(hls.levels);
    if (state.started) hls.startLoad(resumeAt);
  });
  hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => {
    player.dataset.level = String(data.level);
    updateAutoLabel(hls.levels[data.level]);
  });
  hls.on(Hls.Events.FRAG_CHANGED, (_, data) => setNowPlaying(hls.levels[data.frag.level], data.frag.level));
  hls.on(Hls.Events.FRAG_LOADED, () => {
    networkRetries = 0;
  });
  hls.on(Hls.Events.ERROR, (_, data) => {
    if (!data.fatal) return;
    state.fatalErrors.push(`${data.type}: ${data.details}`);
    player.dataset.fatalErrors = String(state.fatalErrors.length);
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries < 3) {
      // an expired link (403/410 after hours on one page) or a dropped connection: sign again
      networkRetries += 1;
      resumeAt = video.currentTime || -1;
      setTimeout(() => hls.loadSource(url), 1000 * networkRetries);
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
      mediaRecoveries += 1;
      hls.recoverMediaError();
    } else {
      hls.destroy();
      state.hls = null;
      showMessage('The video stopped because of a playback error. Reload the page to try again.', 'error');
    }
  });
  video.addEventListener('play', () => {
    if (!state.started) {
      state.started = true;
      hls.startLoad(-1);
    }
  });
  hls.loadSource(url);
  hls.attachMedia(video);

  quality.addEventListener('change', () => {
    const level = Number(quality.value);
    if (!state.started) {
      hls.startLevel = level;
      hls.loadLevel = level;
    } else if (level === -1) {
      hls.loadLevel = -1; // back to automatic, without throwing away what is buffered
    } else {
      hls.currentLevel = level; // what a person picks shows now, not after the buffer drains
    }
    updateAutoLabel(level === -1 && hls.currentLevel >= 0 ? hls.levels[hls.currentLevel] : null);
    flash(level === -1 ? 'Auto quality' : levelName(hls.levels[level]));
  });
}

function buildQualityMenu(levels) {
  const options = levels
    .map((level, index) => ({ level, index }))
    .sort((a, b) => (b.level.height - a.level.height) || (b.level.bitrate - a.level.bitrate))
    .map(({ level, index }) => {
      const option = document.createElement('option');
      option.value = String(index);
      option.textContent = levelName(level);
      option.dataset.height = String(level.height);
      return option;
    });
  const auto = document.createElement('option');
  auto.value = '-1';
  auto.textContent = 'Auto';
  const selected = quality.value;
  quality.replaceChildren(auto, ...options);
  quality.value = [...quality.options].some((o) => o.value === selected) ? selected : '-1';
  quality.disabled = levels.length < 2;
}

function updateAutoLabel(level) {
  const auto = quality.querySelector('option[value="-1"]');
  if (auto) auto.textContent = quality.value === '-1' && level ? `Auto (${levelName(level)})` : 'Auto';
}

function setNowPlaying(level, index) {
  const name = levelName(level);
  nowPlaying.textContent = name;
  nowPlaying.title = `Playing now: ${name}`;
  nowPlaying.setAttribute('aria-label', `Playing now: ${name}`);
  nowPlaying.dataset.level = String(index);
  nowPlaying.dataset.height = String(level ? level.height : 0);
  if (quality.value === '-1') updateAutoLabel(level);
}

function startNative(url) {
  // the browser picks the rendition; the menu can only say which one it is showing
  quality.replaceChildren(new Option('Auto', '-1'));
  quality.disabled = true;
  quality.title = 'Your browser chooses the quality';
  video.addEventListener('resize', () => {
    if (video.videoHeight) setNowPlaying({ width: video.videoWidth, height: video.videoHeight }, -1);
  });
  video.addEventListener('play', () => { state.started = true; }, { once: true });
  video.preload = 'metadata';
  video.src = url;
}

// ---------------------------------------------------------------- controls

let wired = false;
let seeking = false;
let idleTimer = null;
let flashTimer = null;

function wireControls() {
  if (wired) return;
  wired = true;
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
    if (Number.isFinite(video.duration)) video.currentTime = (Number(seek.value) / 1000) * video.duration;
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
  video.addEventListener('error', () => {
    if (state.mode === 'native' && video.error) {
      state.fatalErrors.push(`media: ${video.error.code}`);
      showMessage('This video could not be played in this browser. Reload the page, or try another browser.', 'error');
    }
  });
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

function renderTime() {
  // before the first play only the record knows the duration
  const duration = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : state.duration || 0;
  if (!seeking && duration > 0) seek.value = String(Math.round((video.currentTime / duration) * 1000));
  time.textContent = `${formatClock(video.currentTime)} / ${formatClock(duration)}`;
  seek.setAttribute('aria-valuetext', `${formatClock(video.currentTime)} of ${formatClock(duration)}`);
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

function flash(text) {
  const el = player.querySelector('.flash');
  if (!el) return;
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => el.classList.remove('show'), 700);
}

// ---------------------------------------------------------------- sharing

async function copyLink() {
  const input = $('share-url');
  const button = $('copy-link');
  const status = $('copy-status');
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch {
      copied = false;
    }
  }
  if (!copied) { // plain http on a LAN address has no clipboard API: the old way still works
    input.focus();
    input.select();
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  button.dataset.copied = String(copied);
  status.textContent = copied ? 'Link copied. Anyone with this link can watch the video.'
    : 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  button.textContent = copied ? 'Copied' : 'Copy link';
  setTimeout(() => { button.textContent = 'Copy link'; }, 2500);
}
