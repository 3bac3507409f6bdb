// The quality menu and the "playing now" label: built from hls.js's levels, or fixed for native HLS.
import { flash } from './controls.js';
import { state } from './state.js';

const quality = document.getElementById('quality');
const nowPlaying = document.getElementById('now-playing');

/** "480p" (the short side, so portrait videos read the same), else the height or the bitrate. */
export function levelName(level) {
  if (level && level.width && level.height) return `${Math.min(level.width, level.height)}p`;
  if (level && level.height) return `${level.height}p`;
  return level && level.bitrate ? `${Math.round(level.bitrate / 1000)} kbps` : '';
}

/** Auto plus one option per level, best first; the choice survives a rebuild (a re-signed manifest). */
export function buildQualityMenu(levels) {
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

/** A pick in the menu goes to hls.js. */
export function wireQualityMenu(hls) {
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

/** A pick in the menu goes to dash.js: a fixed quality turns its automatic switching off. */
export function wireDashQualityMenu(dash) {
  quality.addEventListener('change', () => {
    const level = Number(quality.value);
    const auto = level === -1;
    dash.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: auto } } } });
    if (!auto) dash.setQualityFor('video', level, true);
    flash(auto ? 'Auto quality' : levelName(state.levels[level]));
  });
}

/** Native HLS: the browser picks the rendition; the menu can only say which one it is showing. */
export function fixedQualityMenu() {
  quality.replaceChildren(new Option('Auto', '-1'));
  quality.disabled = true;
  quality.title = 'Your browser chooses the quality';
}

export function updateAutoLabel(level) {
  const auto = quality.querySelector('option[value="-1"]');
  if (auto) auto.textContent = quality.value === '-1' && level ? `Auto (${levelName(level)})` : 'Auto';
}

export function setNowPlaying(level, index) {
  const name = levelName(level);
  nowPlaying.textContent = name;
  nowPlaying.title = `Playing now: ${name}`;
  nowPlaying.setAttribute('aria-label', `Playing now: ${name}`);
  nowPlaying.dataset.level = String(index);
  nowPlaying.dataset.height = String(level ? level.height : 0);
  if (quality.value === '-1') updateAutoLabel(level);
}
