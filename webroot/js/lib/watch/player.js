// Playback: hls.js wherever Media Source Extensions exist, except Safari, which plays HLS itself;
// DASH with dash.js when the link asks for it (?format=dash) and the video has a DASH manifest.
// Fatal errors are retried (an expired link is signed again) before the page gives up. A link with
// ?t=83 (or 1m23s) starts there; seekTo plays from a time (chapters, times in comments).
import { applyCaptions, offerCaptions } from './captions.js';
import { showControls } from './controls.js';
import {
  buildQualityMenu, fixedQualityMenu, setNowPlaying, updateAutoLabel, wireDashQualityMenu, wireQualityMenu,
} from './quality.js';
import { state } from './state.js';
import { hideMessage, showMessage } from './view.js';

const video = document.getElementById('video');
const player = document.getElementById('player');

let hlsLoaded = Promise.resolve(false);
let dashLoaded = Promise.resolve(false);
/** Where the first play starts, in seconds; -1: where the player would (the start). */
let startPosition = -1;

/** DASH when the link says ?format=dash (and MSE exists); HLS otherwise. */
function wantsDash() {
  const mse = 'MediaSource' in window || 'ManagedMediaSource' in window;
  return mse && new URLSearchParams(location.search).get('format') === 'dash';
}

/** hls.js (about 400 KB) or dash.js (about 800 KB) downloads while the video's record is fetched. */
export function preloadHls() {
  if (wantsDash()) {
    dashLoaded = loadScript('/vendor/dash.all.min.js').then(() => true, () => false);
  }
  // hls.js too: a video processed before DASH existed falls back to HLS
  if (choosePlayer() === 'hlsjs') {
    hlsLoaded = loadScript('/vendor/hls.min.js').then(() => true, () => false);
  }
}

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

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

/**
 * Shows the controls and attaches the stream of a playable video (ready, or still processing with
 * its playlists growing); state.ready opens the keyboard.
 */
export async function startPlayer(record) {
  state.duration = record.durationSeconds;
  state.growing = record.status !== 'ready';
  // a video still processing starts at 0: what a link points at may not be stored yet
  if (!state.growing && startPosition < 0) startPosition = linkedStart(record.durationSeconds);
  hideMessage();
  showControls();
  state.mode = choosePlayer();
  player.dataset.mode = state.mode || 'none';
  offerCaptions(record);
  // no DASH manifest before the video is ready: a growing video plays over HLS whatever the link says
  if (wantsDash() && record.dashUrl && await dashLoaded && window.dashjs) {
    state.mode = 'dashjs';
    player.dataset.mode = state.mode;
    startDash(record.dashUrl);
    offerFormats(record);
    state.ready = true;
    return;
  }
  if (state.mode === 'hlsjs') {
    const loaded = await hlsLoaded;
    if (loaded && window.Hls && window.Hls.isSupported()) {
      startHls(record.playbackUrl, state.growing);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      state.mode = 'native';
    } else {
      state.mode = null;
    }
  }
  player.dataset.mode = state.mode || 'none';
  offerFormats(record);
  if (state.mode === 'native') {
    startNative(record.playbackUrl, state.growing);
  } else if (!state.mode) {
    showMessage('This browser cannot play streaming video. Open the link in a current Chrome, Edge, Firefox or Safari.', 'error');
    return;
  }
  state.ready = true;
}

/**
 * The playlists of a video still processing have no ENDLIST yet, so hls.js takes them for live and
 * would start near their end (and startLoad(-1) ignores config.startPosition): such a video starts
 * at 0. hls.js reloads them while they grow and turns to VOD by itself once ENDLIST appears.
 */
function startHls(url, growing) {
  const Hls = window.Hls;
  if (growing) startPosition = 0;
  // segments load on the first play, so opening a link costs the poster and two playlists
  const hls = new Hls({ autoStartLoad: false, capLevelToPlayerSize: false, startPosition });
  state.hls = hls;
  let networkRetries = 0;
  let mediaRecoveries = 0;
  let resumeAt = startPosition;

  hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, applyCaptions);
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
      resumeAt = video.currentTime || startPosition;
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
      // a time asked for before the first play (a ?t= link, a chapter) is read now, not at creation
      resumeAt = startPosition;
      hls.startLoad(startPosition);
    }
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  wireQualityMenu(hls);
}

/**
 * The settings choice between HLS and DASH, for a video that has both and a browser with MSE: it
 * reloads the page with ?format=dash (or without it), so the link says how it plays.
 */
function offerFormats(record) {
  const format = document.getElementById('format');
  const mse = 'MediaSource' in window || 'ManagedMediaSource' in window;
  if (!record.dashUrl || !mse || state.mode === 'native' || !state.mode) return;
  format.value = state.mode === 'dashjs' ? 'dash' : 'hls';
  format.hidden = false;
  format.addEventListener('change', () => {
    const params = new URLSearchParams(location.search);
    if (format.value === 'dash') params.set('format', 'dash');
    else params.delete('format');
    const query = params.toString();
    location.assign(location.pathname + (query ? `?${query}` : ''));
  });
}

/** dash.js on the DASH manifest: the same fMP4 files as HLS, every URL signed in the manifest. */
function startDash(url) {
  const { dashjs } = window;
  const events = dashjs.MediaPlayer.events;
  const dash = dashjs.MediaPlayer().create();
  state.dash = dash;
  dash.updateSettings({ debug: { logLevel: dashjs.Debug.LOG_LEVEL_WARNING } });
  let retries = 0;
  dash.on(events.STREAM_INITIALIZED, () => {
    const levels = dash.getBitrateInfoListFor('video')
      .map((b) => ({ width: b.width, height: b.height, bitrate: b.bitrate }));
    state.levels = levels;
    buildQualityMenu(levels);
    applyCaptions();
  });
  dash.on(events.QUALITY_CHANGE_RENDERED, (e) => {
    if (e.mediaType !== 'video' || !state.levels) return;
    player.dataset.level = String(e.newQuality);
    setNowPlaying(state.levels[e.newQuality], e.newQuality);
  });
  dash.on(events.FRAGMENT_LOADING_COMPLETED, () => {
    retries = 0;
  });
  dash.on(events.ERROR, (e) => {
    const error = e.error || {};
    state.fatalErrors.push(`dash: ${error.code} ${error.message || ''}`.trim());
    player.dataset.fatalErrors = String(state.fatalErrors.length);
    if (retries < 3) {
      // an expired link after hours on one page, or a dropped connection: fetch a freshly signed manifest
      retries += 1;
      const at = video.currentTime || 0;
      setTimeout(() => dash.attachSource(url, at), 1000 * retries);
    } else {
      dash.reset();
      state.dash = null;
      showMessage('The video stopped because of a playback error. Reload the page to try again.', 'error');
    }
  });
  video.addEventListener('play', () => { state.started = true; }, { once: true });
  dash.initialize(video, url, false, startPosition > 0 ? startPosition : NaN);
  wireDashQualityMenu(dash);
}

/** growing: Safari too may start an EVENT playlist near its end; the start of the video is what is wanted. */
function startNative(url, growing) {
  fixedQualityMenu();
  video.addEventListener('resize', () => {
    if (video.videoHeight) setNowPlaying({ width: video.videoWidth, height: video.videoHeight }, -1);
  });
  video.addEventListener('play', () => { state.started = true; }, { once: true });
  video.addEventListener('error', () => {
    if (!video.error) return;
    state.fatalErrors.push(`media: ${video.error.code}`);
    showMessage('This video could not be played in this browser. Reload the page, or try another browser.', 'error');
  });
  if (growing) {
    video.addEventListener('loadedmetadata', () => { if (video.currentTime > 0) video.currentTime = 0; }, { once: true });
  } else if (startPosition > 0) {
    video.addEventListener('loadedmetadata', () => { video.currentTime = within(startPosition); }, { once: true });
  }
  video.preload = 'metadata';
  video.src = url;
}

/**
 * The video that started playing while processing is now ready: the player keeps going (hls.js
 * saw ENDLIST and plays it as VOD), the controls take the final length, and DASH is on offer.
 */
export function finishProcessing(record) {
  if (!state.growing) return;
  state.growing = false;
  state.duration = record.durationSeconds;
  offerFormats(record);
}

/** Processing failed after playback began: what remains will not play, so stop rather than stall. */
export function stopPlayer() {
  video.pause();
  if (state.hls) state.hls.destroy();
  if (state.dash) state.dash.reset();
  state.hls = null;
  state.dash = null;
  state.ready = false;
}

/**
 * The start a link asks for: ?t=83, ?t=83s, ?t=1m23s or ?t=1h2m3s, in whole or decimal seconds;
 * -1 when it asks for none (or for nothing readable). Bounded to the video: a time past its end
 * starts a second before the end.
 */
function linkedStart(duration) {
  const raw = new URLSearchParams(location.search).get('t');
  const m = /^(?:(\d{1,3})h)?(?:(\d{1,5})m)?(?:(\d{1,6}(?:\.\d{1,3})?)s?)?$/.exec((raw || '').trim());
  if (!raw || !m || !(m[1] || m[2] || m[3])) return -1;
  const seconds = Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0);
  return duration > 0 ? Math.min(seconds, Math.max(0, duration - 1)) : seconds;
}

/** A time within what can be played: not past the end, and while processing, not past what is stored. */
function within(seconds) {
  const media = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : 0;
  const total = state.growing ? media : media || state.duration || 0;
  const t = Math.max(0, Number(seconds) || 0);
  return total > 0 ? Math.min(t, Math.max(0, total - 1)) : t;
}

/**
 * Plays from that time: a chapter picked, a time in a comment. Before the first play, hls.js has
 * loaded nothing yet, so the time becomes where its loading starts; the others seek the element
 * (once it knows its length, if it does not yet).
 */
export function seekTo(seconds) {
  const t = within(seconds);
  if (!state.ready) {
    startPosition = t; // the player is not attached yet: it will start there
    return;
  }
  if (state.mode === 'hlsjs' && state.hls && !state.started) {
    startPosition = t;
  } else if (video.readyState >= 1) {
    video.currentTime = t;
  } else {
    video.addEventListener('loadedmetadata', () => { video.currentTime = within(t); }, { once: true });
  }
  if (video.paused || video.ended) video.play().catch(() => {}); // e.g. interrupted by a pause
}
