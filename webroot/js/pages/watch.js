// The shareable watch page, /watch/{id}: loads the record once, then plays it or says why it
// cannot, and hands the same record to the parts beside the player (owner line, rating, comments,
// Save to playlist) rather than each fetching it.
import '../lib/header.js';
import { getVideo } from '../lib/api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { currentUser } from '../lib/session.js';
import { followStatus, statusSentence } from '../lib/status.js';
import { finishProcessing, preloadHls, startPlayer, stopPlayer } from '../lib/watch/player.js';
import { renderDownloads } from '../lib/watch/downloads.js';
import { showChapters } from '../lib/watch/chapters.js';
import { setShareVisibility, wireSharing } from '../lib/watch/share.js';
import { wireStoryboard } from '../lib/watch/storyboard.js';
import { hideComments, showComments } from '../lib/watch/comments.js';
import { wirePlaylistQueue } from '../lib/watch/playlist-queue.js';
import { countViewWhenWatched, renderRating } from '../lib/watch/rating.js';
import { wireSaveToPlaylist } from '../lib/watch/save-to-playlist.js';
import { showChannel } from '../lib/watch/subscribe.js';
import { videoId } from '../lib/watch/state.js';
import {
  hideProcessingNote, notFound, showDetails, showFailed, showMessage, showProcessingNote,
} from '../lib/watch/view.js';

let player = null; // startPlayer's promise: the player starts once, early or when ready
let fetchingToPlay = false;

const signedIn = currentUser().catch(() => null);
signedIn.then(renderAccountMenu);
wirePlaylistQueue();
countViewWhenWatched();
main();

async function main() {
  if (!videoId) {
    notFound('This is not a valid video link. Check that it was copied completely.');
    return;
  }
  preloadHls();
  wireSharing(videoId);
  let record;
  try {
    record = await getVideo(videoId);
  } catch (err) {
    hideComments();
    if (err.status === 404 || err.status === 400) notFoundFor(await signedIn);
    else showMessage(`The video could not be loaded: ${err.message}`, 'error');
    return;
  }
  showDetails(record);
  setShareVisibility(record.visibility);
  wireParts(record);
  if (record.status === 'ready') {
    playOnce(record);
    renderExtras(record);
  } else if (record.status === 'failed') {
    showFailed(record.error);
  } else {
    waitUntilReady(record);
  }
}

/** The parts beside the player, from the record the page loaded and the signed-in viewer (or null). */
async function wireParts(record) {
  const user = await signedIn;
  renderRating(record, user);
  showChannel(record, user);
  showComments(record, user);
  wireSaveToPlaylist(record, user);
}

/**
 * Starts the player unless it already runs (a video playable while processing starts early); the
 * chapters follow the latest record.
 */
function playOnce(record) {
  player ||= startPlayer(record);
  showChapters(record);
  return player;
}

/** What a ready video offers beside the stream: the Download menu and the seek bar's thumbnails. */
function renderExtras(record) {
  renderDownloads(record);
  wireStoryboard(record);
}

/** A private video answers 404 like a missing one: signed out, signing in may be the way in. */
function notFoundFor(user) {
  if (user) {
    notFound('This video does not exist, it was deleted, or it is private to someone else.');
  } else {
    const next = new URLSearchParams({ next: location.pathname });
    notFound('This video does not exist, it was deleted, or it is private. If it is yours, sign in to watch it.',
      `/signin?${next}`);
  }
}

/**
 * Says how processing goes until the video is ready or failed. It plays as soon as it is playable:
 * often while still processing, from the segments stored so far, with a note under the player.
 */
function waitUntilReady(record) {
  const update = ({ status, progress, error, playable }) => {
    if (status === 'ready') {
      whenReady();
    } else if (status === 'failed') {
      if (player) player.then(stopPlayer);
      showFailed(error);
    } else if (player || (status === 'processing' && playable)) {
      // once started the player stays, even should a retried run not be playable for a while
      if (!player) playEarly();
      showProcessingNote(progress || 0);
    } else {
      showMessage(`${statusSentence(status, progress)} It will play here as soon as it is ready.`, 'info',
        status === 'processing' ? progress || 0 : 0);
    }
  };
  if (record.status === 'processing' && record.playable) playOnce(record);
  update(record);
  followStatus(videoId, update);
}

/** The event says playable but not where: the record has the playlist, the length and the size. */
function playEarly() {
  if (fetchingToPlay) return;
  fetchingToPlay = true;
  getVideo(videoId).then((fresh) => {
    // ready meanwhile: whenReady starts it
    if (fresh.status !== 'processing' || !fresh.playable) return;
    showDetails(fresh);
    playOnce(fresh);
  }, (err) => showMessage(`The video could not be loaded: ${err.message}`, 'error'))
    .finally(() => { fetchingToPlay = false; });
}

/** Ready: the player starts, or, started early, keeps playing and takes the final record. Then the extras. */
function whenReady() {
  hideProcessingNote();
  getVideo(videoId).then((fresh) => {
    showDetails(fresh);
    const early = player !== null;
    playOnce(fresh).then(() => { if (early) finishProcessing(fresh); });
    renderExtras(fresh);
  }, (err) => {
    // a video already playing goes on without its extras rather than behind an error
    if (!player) showMessage(`The video could not be loaded: ${err.message}`, 'error');
  });
}
