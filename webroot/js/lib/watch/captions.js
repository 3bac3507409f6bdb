// The captions menu (CC): Off or one of the video's caption tracks, remembered for the next video.
// hls.js and dash.js load a track from the manifests and show it through the video element's
// text tracks; native HLS (Safari) lists the same tracks there by itself.
import { flash } from './controls.js';
import { state } from './state.js';

const menu = document.getElementById('captions');
const video = document.getElementById('video');
const STORED = 'kinora.captions';
/** Cues without a position of their own sit this many lines up: above the controls, not under them. */
const CLEAR_OF_CONTROLS = -3;
const lifted = new WeakSet();

let tracks = [];

/** The menu for this record's tracks; hidden when it has none. The choice is applied as tracks load. */
export function offerCaptions(record) {
  tracks = record.captions || [];
  menu.hidden = tracks.length === 0;
  if (!tracks.length) return;
  const off = new Option('Captions off', 'off');
  menu.replaceChildren(off, ...tracks.map((t) => new Option(t.label, t.language)));
  menu.value = initialChoice();
  menu.addEventListener('change', () => {
    localStorage.setItem(STORED, menu.value);
    applyCaptions();
    flash(menu.value === 'off' ? 'Captions off' : menu.selectedOptions[0].textContent);
  });
  video.textTracks.addEventListener('addtrack', applyCaptions);
}

/** The viewer's last choice if this video has it, else its default track, else off. */
function initialChoice() {
  const stored = localStorage.getItem(STORED);
  if (stored === 'off') return 'off';
  if (stored && tracks.some((t) => t.language === stored)) return stored;
  const fallback = tracks.find((t) => t.default);
  return fallback ? fallback.language : 'off';
}

/** Shows the chosen track in whichever player runs, and no other. */
export function applyCaptions() {
  if (!tracks.length) return;
  const language = menu.value;
  if (state.hls) {
    state.hls.subtitleDisplay = language !== 'off';
    state.hls.subtitleTrack = state.hls.subtitleTracks.findIndex((t) => t.lang === language);
  } else if (state.dash) {
    const text = state.dash.getTracksFor('text');
    const index = text.findIndex((t) => t.lang === language);
    state.dash.enableText(index >= 0);
    if (index >= 0) state.dash.setTextTrack(index);
  }
  for (const track of video.textTracks) {
    if (track.kind !== 'subtitles' && track.kind !== 'captions') continue;
    track.mode = track.language === language ? 'showing' : 'disabled';
    if (track.mode === 'showing' && !lifted.has(track)) {
      lifted.add(track);
      track.addEventListener('cuechange', () => liftCues(track));
      liftCues(track);
    }
  }
}

/** The bottom line is where the controls are: hls.js places cues there as -1, browsers as 'auto'. */
function liftCues(track) {
  let moved = false;
  for (const cue of track.activeCues || []) {
    if (cue.snapToLines && (cue.line === 'auto' || cue.line === -1)) {
      cue.line = CLEAR_OF_CONTROLS;
      moved = true;
    }
  }
  if (moved && track.mode === 'showing') {
    // a cue on screen keeps its place until the track is shown again
    track.mode = 'hidden';
    track.mode = 'showing';
  }
}
