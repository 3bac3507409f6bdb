// "Save to playlist" on the watch page, for signed-in people: a dialog listing their playlists
// with a checkbox each (ticked = the video is in it; ticking adds, unticking removes) and a form
// to make a new playlist holding the video.
import { h } from '../dom.js';
import { addToPlaylist, createPlaylist, myPlaylists, removeFromPlaylist } from '../playlists-api.js';
import { VISIBILITIES } from '../visibility.js';
import { videoId } from './state.js';

/** Adds the button, given the video's record (it is visible to this viewer) and someone signed in. */
export function wireSaveToPlaylist(video, user) {
  if (!videoId || !user || !video) return;
  const button = h('button', { type: 'button', id: 'save-to-playlist', class: 'button secondary small',
    'aria-haspopup': 'dialog' }, 'Save to playlist');
  button.addEventListener('click', () => openDialog(button));
  const share = document.querySelector('.details .share');
  const row = h('div', { class: 'playlist-save' }, button);
  if (share) share.before(row);
  else document.querySelector('.details')?.append(row);
}

async function openDialog(opener) {
  const status = h('p', { class: 'save-status', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const list = h('ul', { class: 'save-list', 'aria-labelledby': 'save-list-heading', 'aria-busy': 'true' });
  const empty = h('p', { class: 'muted', hidden: true }, 'You have no playlists yet. Make one below.');
  const title = h('input', { type: 'text', id: 'new-playlist-title', maxlength: 200, 'aria-required': 'true', autocomplete: 'off' });
  const visibility = h('select', { id: 'new-playlist-visibility', class: 'select' },
    Object.entries(VISIBILITIES).map(([key, { label }]) => h('option', { value: key, selected: key === 'private' }, label)));
  const create = h('button', { type: 'submit', class: 'button small' }, 'Create and save');
  const createForm = h('form', { class: 'new-playlist', 'aria-labelledby': 'new-playlist-heading' },
    h('h3', { id: 'new-playlist-heading' }, 'New playlist'),
    h('div', { class: 'field' }, h('label', { for: 'new-playlist-title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'new-playlist-visibility' }, 'Visibility'), visibility),
    create);
  const done = h('button', { type: 'button', class: 'button secondary', autofocus: true }, 'Done');
  const dialog = h('dialog', { class: 'playlist-dialog', 'aria-labelledby': 'save-heading' },
    h('h2', { id: 'save-heading' }, 'Save to playlist'),
    h('h3', { id: 'save-list-heading', class: 'visually-hidden' }, 'Your playlists'),
    list, empty, status, error, createForm,
    h('div', { class: 'dialog-actions' }, done));
  document.body.append(dialog);
  done.addEventListener('click', () => dialog.close());
  // the player's shortcuts (k, m, f, arrows) must not act behind the open dialog
  dialog.addEventListener('keydown', (e) => e.stopPropagation());
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });

  const say = (text) => { status.textContent = text; };
  const fail = (err) => {
    error.textContent = err.message;
    error.hidden = false;
  };

  const row = (playlist) => {
    const id = `save-${playlist.id}`;
    const box = h('input', { type: 'checkbox', id, checked: Boolean(playlist.contains), dataset: { playlist: playlist.id } });
    box.addEventListener('change', async () => {
      error.hidden = true;
      box.disabled = true;
      try {
        if (box.checked) {
          await addToPlaylist(playlist.id, videoId);
          say(`Saved to ${playlist.title}.`);
        } else {
          await removeFromPlaylist(playlist.id, videoId);
          say(`Removed from ${playlist.title}.`);
        }
      } catch (err) {
        box.checked = !box.checked;
        fail(err);
      } finally {
        box.disabled = false;
      }
    });
    const badge = VISIBILITIES[playlist.visibility];
    return h('li', {}, h('label', { class: 'check', for: id }, box, playlist.title,
      badge ? h('span', { class: 'muted save-visibility' }, `(${badge.label})`) : null));
  };

  createForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!title.value.trim()) {
      fail(new Error('Give the new playlist a title.'));
      title.focus();
      return;
    }
    create.disabled = true;
    try {
      const playlist = await createPlaylist({ title: title.value.trim(), visibility: visibility.value });
      await addToPlaylist(playlist.id, videoId);
      list.prepend(row({ ...playlist, contains: true }));
      empty.hidden = true;
      title.value = '';
      say(`Made ${playlist.title} and saved the video to it.`);
    } catch (err) {
      fail(err);
    } finally {
      create.disabled = false;
    }
  });

  dialog.showModal();
  try {
    const mine = await myPlaylists(videoId);
    list.replaceChildren(...mine.items.map(row));
    empty.hidden = mine.items.length > 0;
  } catch (err) {
    fail(err);
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}
