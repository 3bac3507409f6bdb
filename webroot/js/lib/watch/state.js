// The video id from the URL and the player's state, shared by the watch modules.

export const videoId = (location.pathname.match(/^\/watch\/([A-Za-z0-9_-]{22})\/?$/) || [])[1];

/**
 * What the player is doing, for people debugging playback (and for the browser tests). growing: the
 * video plays while still processing, its playlists growing; chapters: those in effect (chapters.js).
 */
export const state = {
  videoId, mode: null, hls: null, dash: null, levels: null, fatalErrors: [], started: false, ready: false, growing: false,
  chapters: [],
};

/** The chapter of a list sorted by start that time t falls in; null before the first. */
export function chapterAt(list, t) {
  let found = null;
  for (const chapter of list) {
    if (chapter.start > t) break;
    found = chapter;
  }
  return found;
}
window.kinoraPlayer = state;
