// A channel page, /@{username}: who it is, a subscribe button, its public videos page by page,
// and on one's own channel a form to edit the profile and picture.
import '../lib/header.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import {
  channelVideos, getChannel, MAX_AVATAR_BYTES, removeAvatar, subscribe, unsubscribe, UNREADABLE, updateProfile, uploadAvatar,
} from '../lib/channels-api.js';
import { h, toast } from '../lib/dom.js';
import { currentUser } from '../lib/session.js';
import { videoCard } from '../lib/video-card.js';

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 24;
const counted = new Intl.NumberFormat();
const match = location.pathname.match(/^\/@([^/]+)\/?$/);
const username = match ? safeDecode(match[1]) : '';

let channel = null;
let page = 1;
let me = null;

main();

async function main() {
  me = await currentUser().catch(() => null);
  renderAccountMenu(me);
  if (!username) {
    notFound();
    return;
  }
  try {
    channel = await getChannel(username);
  } catch (err) {
    if (err.status === 404) notFound();
    else showError(`The channel could not be loaded: ${err.message}`);
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  showChannel();
  wireSubscribe();
  if (isMine()) wireEditor();
  await loadVideos();
  $('main').setAttribute('aria-busy', 'false');
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

const isMine = () => Boolean(me && channel && me.username.toLowerCase() === channel.username.toLowerCase());

function notFound() {
  document.title = 'Channel not found · Kinora';
  $('channel-name').textContent = 'Channel not found';
  showError('There is no channel by that name. Check the address, or find videos on the home page.');
}

function showError(text) {
  $('channel-error').textContent = text;
  $('channel-error').hidden = false;
}

function showChannel() {
  document.title = `${channel.displayName} · Kinora`;
  $('channel-name').textContent = channel.displayName;
  $('channel-handle').textContent = `@${channel.username}`;
  $('channel-bio').textContent = channel.bio || '';
  $('channel-bio').hidden = !channel.bio;
  showStats();
  $('channel-avatar').replaceChildren(avatarContent(channel));
}

function showStats() {
  const subs = channel.subscribers;
  const videos = channel.videoCount;
  $('channel-stats').textContent = `${counted.format(subs)} subscriber${subs === 1 ? '' : 's'} · `
    + `${counted.format(videos)} video${videos === 1 ? '' : 's'}`;
}

function avatarContent(c) {
  if (c.avatarUrl) return h('img', { src: c.avatarUrl, alt: '', width: 96, height: 96 });
  return document.createTextNode((c.displayName || c.username || '?').charAt(0).toUpperCase());
}

// ---- subscribing ----

function wireSubscribe() {
  const button = $('subscribe');
  if (!me) {
    const link = $('subscribe-signin');
    link.href = `/signin?${new URLSearchParams({ next: location.pathname })}`;
    link.hidden = false;
    return;
  }
  if (isMine()) return;
  button.hidden = false;
  showSubscribed(Boolean(channel.subscribed));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const wanted = !channel.subscribed;
    try {
      if (wanted) {
        const answer = await subscribe(channel.username);
        channel.subscribers = answer.subscribers;
      } else {
        await unsubscribe(channel.username);
        channel.subscribers = Math.max(0, channel.subscribers - 1);
      }
      channel.subscribed = wanted;
      showSubscribed(wanted);
      showStats();
      toast(wanted ? `Subscribed to ${channel.displayName}.` : `Unsubscribed from ${channel.displayName}.`);
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
}

function showSubscribed(subscribed) {
  const button = $('subscribe');
  button.setAttribute('aria-pressed', String(subscribed));
  button.textContent = subscribed ? 'Subscribed' : 'Subscribe';
  button.classList.toggle('secondary', subscribed);
  button.title = subscribed ? 'Unsubscribe' : '';
}

// ---- videos ----

async function loadVideos() {
  const list = $('channel-videos');
  list.setAttribute('aria-busy', 'true');
  try {
    const answer = await channelVideos(channel.username, page, PAGE_SIZE);
    list.replaceChildren(...answer.items.map((video) => videoCard(video)));
    const pages = Math.max(1, Math.ceil(answer.total / PAGE_SIZE));
    $('videos-empty').hidden = answer.items.length > 0 || page > 1;
    $('videos-count').textContent = answer.total ? `${counted.format(answer.total)} public` : '';
    $('pager').hidden = pages <= 1;
    $('page-info').textContent = `Page ${page} of ${pages}`;
    $('page-prev').disabled = page <= 1;
    $('page-next').disabled = page >= pages;
  } catch (err) {
    toast(`The videos could not be loaded: ${err.message}`, 'error');
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

$('page-prev').addEventListener('click', () => turn(-1));
$('page-next').addEventListener('click', () => turn(1));

async function turn(step) {
  page = Math.max(1, page + step);
  await loadVideos();
  $('videos-heading').scrollIntoView({ block: 'start' });
}

// ---- editing one's own channel ----

let chosen = null;
let previewUrl = null;
let removePicture = false;

function wireEditor() {
  const toggle = $('edit-profile');
  const editor = $('profile-editor');
  toggle.hidden = false;
  const setOpen = (open) => {
    editor.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      fillForm();
      $('display-name').focus();
    }
  };
  toggle.addEventListener('click', () => setOpen(editor.hidden));
  $('profile-cancel').addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });
  $('avatar-file').addEventListener('change', pickFile);
  $('avatar-remove').addEventListener('click', () => {
    chosen = null;
    removePicture = true;
    $('avatar-file').value = '';
    showPreview(null);
    $('profile-status').textContent = 'The picture will be removed when you save.';
  });
  $('profile-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await save(() => setOpen(false));
  });
}

function fillForm() {
  chosen = null;
  removePicture = false;
  $('display-name').value = channel.displayName === channel.username ? '' : channel.displayName;
  $('bio').value = channel.bio || '';
  $('avatar-file').value = '';
  $('profile-error').hidden = true;
  $('profile-status').textContent = '';
  showPreview(channel.avatarUrl);
}

function pickFile() {
  const file = $('avatar-file').files[0] || null;
  $('profile-error').hidden = true;
  if (!file) return;
  if (!file.type.startsWith('image/')) {
    formError(UNREADABLE);
    $('avatar-file').value = '';
    return;
  }
  if (file.size > MAX_AVATAR_BYTES) {
    formError('The picture is larger than 5 MiB; choose a smaller one (it is shown at 256x256 anyway).');
    $('avatar-file').value = '';
    return;
  }
  chosen = file;
  removePicture = false;
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = URL.createObjectURL(file);
  showPreview(previewUrl);
}

function showPreview(src) {
  const img = $('avatar-preview');
  if (src) img.src = src;
  else img.removeAttribute('src');
  img.hidden = !src;
  $('avatar-none').hidden = Boolean(src);
  $('avatar-remove').hidden = !src;
}

function formError(text) {
  $('profile-error').textContent = text;
  $('profile-error').hidden = false;
}

async function save(done) {
  const button = $('profile-save');
  button.disabled = true;
  $('profile-error').hidden = true;
  $('profile-status').textContent = 'Saving…';
  try {
    const fresh = await updateProfile({ displayName: $('display-name').value.trim(), bio: $('bio').value });
    Object.assign(channel, fresh);
    if (chosen) Object.assign(channel, await uploadAvatar(chosen));
    else if (removePicture) {
      await removeAvatar();
      channel.avatarUrl = null;
    }
    showChannel();
    $('profile-status').textContent = '';
    toast('Your profile is saved.');
    done();
    $('edit-profile').focus();
  } catch (err) {
    $('profile-status').textContent = '';
    formError(err.message);
  } finally {
    button.disabled = false;
  }
}
