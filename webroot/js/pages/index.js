// The page at /: signed in, the newest videos of subscriptions, the upload panel and "My videos";
// signed out, the public videos and a call to sign in. Either way the account menu, and any message the previous page left.
import '../lib/header.js';
import { accountSettings } from '../lib/account-api.js';
import { refreshUsage, renderAccountMenu } from '../lib/account-menu.js';
import { showFeedStrip } from '../lib/home-feed.js';
import { Library } from '../lib/library.js';
import { showNotice } from '../lib/notice.js';
import { currentUser, goToSignIn, sessionExpired, takeFlash } from '../lib/session.js';
import { UploadQueue } from '../lib/upload.js';

const $ = (id) => document.getElementById(id);

start();

async function start() {
  const flash = takeFlash();
  if (flash) showNotice(flash);
  let user;
  try {
    user = await currentUser();
  } catch (err) {
    $('main').setAttribute('aria-busy', 'false');
    showNotice(`Kinora could not tell whether you are signed in: ${err.message} Reload the page to try again.`, 'error');
    return;
  }
  if (!user && sessionExpired()) {
    goToSignIn('expired');
    return;
  }
  if (user) {
    renderAccountMenu(user);
    myVideos();
  } else {
    await publicHome();
  }
  $('main').setAttribute('aria-busy', 'false');
}

function myVideos() {
  document.title = 'My videos · Kinora';
  $('upload-panel').hidden = false;
  $('library-panel').hidden = false;
  $('library-heading').textContent = 'My videos';
  const library = new Library({ scope: 'mine', editable: true, onChanged: refreshUsage });
  new UploadQueue({
    form: $('upload-form'),
    input: $('file-input'),
    chooser: $('choose-files'),
    dropzone: $('dropzone'),
    list: $('upload-list'),
    actions: $('upload-actions'),
    startButton: $('upload-start'),
    clearButton: $('upload-clear'),
    onVideoAdded: () => {
      refreshUsage();
      if (library.page === 1) library.reloadSoon();
    },
    onVideoFinished: () => {
      refreshUsage();
      library.reloadSoon();
    },
  });
  library.load();
  showFeedStrip($('feed-panel'), $('feed-strip'));
}

async function publicHome() {
  // with sign-up closed, nobody is invited to make an account (unknown: the links stay)
  const { signUpOpen } = await accountSettings().catch(() => ({ signUpOpen: true }));
  renderAccountMenu(null, { signUp: signUpOpen !== false });
  $('create-account').hidden = signUpOpen === false;
  document.title = 'Kinora';
  $('welcome').hidden = false;
  $('library-panel').hidden = false;
  $('library-heading').textContent = 'Public videos';
  $('library-empty').textContent = 'No public videos yet. Sign in to upload one and make it public.';
  new Library({ scope: 'public', editable: false }).load();
}
