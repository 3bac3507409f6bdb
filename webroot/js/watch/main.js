// The shareable watch page, /watch/{id}: loads the record, then plays it or says why it cannot.
import { getVideo } from '../api.js';
import { renderAccountMenu } from '../account-menu.js';
import { currentUser } from '../session.js';
import { followStatus, statusSentence } from '../status.js';
import { preloadHls, startPlayer } from './player.js';
import { renderDownloads } from './downloads.js';
import { setShareVisibility, wireSharing } from './share.js';
import { wireStoryboard } from './storyboard.js';
import { videoId } from './state.js';
import { notFound, showDetails, showFailed, showMessage } from './view.js';

const signedIn = currentUser().catch(() => null);
signedIn.then(renderAccountMenu);
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
    if (err.status === 404 || err.status === 400) notFoundFor(await signedIn);
    else showMessage(`The video could not be loaded: ${err.message}`, 'error');
    return;
  }
  showDetails(record);
  setShareVisibility(record.visibility);
  if (record.status === 'ready') {
    startPlayer(record);
    renderExtras(record);
  } else if (record.status === 'failed') {
    showFailed(record.error);
  } else {
    waitUntilReady(record);
  }
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

/** Says how processing goes until the video is ready (then plays it) or failed. */
function waitUntilReady(record) {
  const update = ({ status, progress, error }) => {
    if (status === 'ready') {
      getVideo(videoId).then((fresh) => {
        showDetails(fresh);
        startPlayer(fresh);
        renderExtras(fresh);
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
