// The comments under a video on the watch page: the list (newest or oldest first, a page at a
// time), threads of replies, adding, editing and deleting, the owner's on/off switch, new
// comments arriving live over the video's event stream, and times in them that play from there.
import { api, eventsUrl } from '../api.js';
import { confirmAction } from '../confirm.js';
import { h } from '../dom.js';
import { isAdmin } from '../session.js';
import { authorName, commentItem, refresh, repliesLabel, showError, textForm } from './comment-view.js';
import { seekTo } from './player.js';
import { videoId } from './state.js';

const section = document.getElementById('comments');
const commentsPath = `/api/videos/${encodeURIComponent(videoId || '')}/comments`;
const commentPath = (id) => `/api/comments/${encodeURIComponent(id)}`;

const state = {
  user: null,
  video: null,
  sort: 'newest',
  cursor: null,
  count: 0,
  enabled: true,
  /** id -> {comment, item, parts, replies: {open, loaded, cursor}} for every comment on the page */
  shown: new Map(),
  /** ids already counted as new, so our own comment and its echo on the stream count once */
  counted: new Set(),
};

const ui = {};

/** The page could not load the video: it says why, and there are no comments to show. */
export function hideComments() {
  if (section) section.hidden = true;
}

/** Shows the comments of this video's record for this viewer (null: signed out). */
export async function showComments(video, user) {
  if (!section || !videoId) return;
  state.user = user;
  state.video = video;
  state.count = video.commentCount || 0;
  state.enabled = video.commentsEnabled !== false;
  build();
  await loadPage(true);
  listen();
}

const moderator = () => Boolean(state.user && (isAdmin(state.user)
  || (state.video.owner && state.video.owner.id === state.user.id)));
const isAuthor = (comment) => Boolean(state.user && comment.author && comment.author.username === state.user.username);

function build() {
  ui.heading = h('h2', { id: 'comments-heading' });
  ui.sort = h('select', { id: 'comments-sort', class: 'select', onchange: () => changeSort(ui.sort.value) },
    h('option', { value: 'newest' }, 'Newest first'), h('option', { value: 'oldest' }, 'Oldest first'));
  ui.toggle = moderator()
    ? h('button', { type: 'button', id: 'comments-switch', class: 'button secondary small', onclick: switchComments })
    : null;
  ui.compose = h('div', { class: 'comment-compose' });
  ui.list = h('ol', { id: 'comment-list', class: 'comment-list', 'aria-labelledby': 'comments-heading' });
  ui.more = h('button', { type: 'button', id: 'comments-more', class: 'button secondary', hidden: true, onclick: () => loadPage(false) },
    'Load more comments');
  ui.error = h('p', { class: 'error', role: 'alert', hidden: true });
  ui.live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  section.setAttribute('aria-labelledby', 'comments-heading');
  section.replaceChildren(
    h('div', { class: 'comments-head' }, ui.heading,
      h('div', { class: 'comments-tools' }, h('label', { for: 'comments-sort' }, 'Sort'), ui.sort, ui.toggle)),
    ui.compose, ui.error, ui.list, ui.more, ui.live);
  renderCount();
  renderCompose();
}

function renderCount() {
  ui.heading.textContent = state.count === 1 ? '1 comment' : `${state.count} comments`;
}

/** The form for a new comment, a way to sign in, or word that comments are off. */
function renderCompose() {
  if (ui.toggle) ui.toggle.textContent = state.enabled ? 'Turn comments off' : 'Turn comments on';
  if (!state.enabled) {
    ui.compose.replaceChildren(h('p', { id: 'comments-off', class: 'muted' }, 'Comments are turned off for this video.'));
    return;
  }
  if (!state.user) {
    const next = new URLSearchParams({ next: location.pathname + location.search });
    ui.compose.replaceChildren(h('p', { class: 'muted' },
      h('a', { href: `/signin?${next}`, id: 'comments-signin' }, 'Sign in'), ' to comment.'));
    return;
  }
  const field = h('textarea', { id: 'comment-text', rows: 3, maxlength: 5000, required: true,
    placeholder: 'Say something about the video', 'aria-describedby': 'comment-error' });
  const error = h('p', { id: 'comment-error', class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', id: 'comment-submit', class: 'button' }, 'Comment');
  const form = h('form', { id: 'comment-form', class: 'comment-form', novalidate: true },
    h('label', { for: 'comment-text' }, 'Add a comment'), field, error, h('div', { class: 'comment-form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = field.value.trim();
    if (!text) {
      showError(error, field, 'Write something first.');
      return;
    }
    submit.disabled = true;
    try {
      const comment = await api(commentsPath, { method: 'POST', body: { text } });
      field.value = '';
      error.hidden = true;
      field.removeAttribute('aria-invalid');
      added(comment, true);
    } catch (err) {
      showError(error, field, err.message);
    } finally {
      submit.disabled = false;
    }
  });
  ui.compose.replaceChildren(form);
}

async function switchComments() {
  ui.toggle.disabled = true;
  try {
    const answer = await api(`${commentsPath}/settings`, { method: 'PUT', body: { enabled: !state.enabled } });
    state.enabled = answer.enabled;
    renderCompose();
    redrawAll();
    ui.live.textContent = state.enabled ? 'Comments are on.' : 'Comments are off.';
  } catch (err) {
    showListError(err);
  } finally {
    ui.toggle.disabled = false;
  }
}

function changeSort(sort) {
  state.sort = sort;
  loadPage(true);
}

/** The first page (replacing the list) or the next one. */
async function loadPage(first) {
  const params = new URLSearchParams({ sort: state.sort });
  if (!first && state.cursor) params.set('cursor', state.cursor);
  ui.more.disabled = true;
  try {
    const page = await api(`${commentsPath}?${params}`);
    if (first) {
      state.shown.clear();
      ui.list.replaceChildren();
    }
    for (const comment of page.items) {
      if (!state.shown.has(comment.id)) ui.list.append(show(comment).item);
    }
    state.cursor = page.nextCursor;
    ui.more.hidden = !page.nextCursor;
    ui.error.hidden = true;
  } catch (err) {
    showListError(err);
  } finally {
    ui.more.disabled = false;
  }
}

function showListError(err) {
  ui.error.textContent = err.message;
  ui.error.hidden = false;
}

// ---- one comment on the page ----

function permissions(comment) {
  const alive = !comment.deleted;
  return {
    reply: alive && state.enabled && Boolean(state.user),
    edit: alive && state.enabled && isAuthor(comment),
    remove: alive && (isAuthor(comment) || moderator()),
  };
}

function handlers(id) {
  return {
    reply: () => openReply(id),
    edit: () => openEdit(id),
    remove: () => remove(id),
    toggleReplies: () => toggleReplies(id),
    moreReplies: () => loadReplies(id),
    timestamps: { seek: playFrom, longest: state.video.durationSeconds > 0 ? state.video.durationSeconds : Infinity },
  };
}

/** A time in a comment: the player plays from there, brought into view, and takes the focus for its keys. */
function playFrom(seconds) {
  seekTo(seconds);
  const player = document.getElementById('player');
  player.scrollIntoView({ block: 'nearest' });
  player.focus({ preventScroll: true });
}

/** Builds the comment's item and remembers it; the caller places it. */
function show(comment) {
  const { item, parts } = commentItem(comment, permissions(comment), handlers(comment.id));
  const entry = { comment, item, parts, replies: { open: false, loaded: false, cursor: null } };
  state.shown.set(comment.id, entry);
  return entry;
}

function redraw(entry) {
  refresh(entry, entry.comment, permissions(entry.comment), handlers(entry.comment.id));
}

function redrawAll() {
  for (const entry of state.shown.values()) redraw(entry);
}

/** A new comment (ours, just posted, or one heard live); shown once whichever arrives first. */
function added(comment, mine = false) {
  if (state.shown.has(comment.id) || state.counted.has(comment.id)) return;
  state.counted.add(comment.id);
  state.count += 1;
  renderCount();
  if (comment.parentId) {
    addedReply(comment, mine);
    return;
  }
  if (state.sort === 'newest') {
    ui.list.prepend(show(comment).item);
  } else if (!state.cursor) {
    ui.list.append(show(comment).item);
  }
  if (!mine) ui.live.textContent = `New comment from ${authorName(comment)}.`;
}

function addedReply(reply, mine) {
  const thread = state.shown.get(reply.parentId);
  if (!thread) return;
  thread.comment.replyCount = (thread.comment.replyCount || 0) + 1;
  thread.parts.toggle.hidden = false;
  if (mine && !thread.replies.open) {
    toggleReplies(reply.parentId); // loads the thread, this reply included
    return;
  }
  if (thread.replies.loaded && !thread.replies.cursor) thread.parts.replies.append(show(reply).item);
  thread.parts.toggle.textContent = repliesLabel(thread.comment.replyCount, thread.replies.open);
}

function edited(comment) {
  const entry = state.shown.get(comment.id);
  if (!entry || entry.comment.deleted) return;
  entry.comment = { ...entry.comment, ...comment, replyCount: entry.comment.replyCount };
  redraw(entry);
}

/** remains: the comment had replies and stays as a "deleted" placeholder. */
function deleted(id, remains) {
  const entry = state.shown.get(id);
  if (!entry) return;
  if (!entry.comment.deleted) {
    state.count = Math.max(0, state.count - 1);
    renderCount();
  }
  const thread = entry.comment.parentId && state.shown.get(entry.comment.parentId);
  if (remains) {
    entry.comment = { ...entry.comment, deleted: true, text: '', author: null, editedAt: undefined };
    redraw(entry);
    return;
  }
  state.shown.delete(id);
  entry.item.remove();
  if (thread) {
    thread.comment.replyCount = Math.max(0, (thread.comment.replyCount || 0) - 1);
    thread.parts.toggle.textContent = repliesLabel(thread.comment.replyCount, thread.replies.open);
    thread.parts.toggle.hidden = thread.comment.replyCount === 0;
  }
}

// ---- replies ----

async function toggleReplies(id) {
  const entry = state.shown.get(id);
  const { replies, parts } = entry;
  replies.open = !replies.open;
  parts.replies.hidden = !replies.open;
  parts.moreReplies.hidden = !replies.open || !replies.cursor;
  parts.toggle.setAttribute('aria-expanded', String(replies.open));
  parts.toggle.textContent = repliesLabel(entry.comment.replyCount, replies.open);
  if (replies.open && !replies.loaded) await loadReplies(id);
}

async function loadReplies(id) {
  const entry = state.shown.get(id);
  const { replies, parts } = entry;
  const params = new URLSearchParams();
  if (replies.cursor) params.set('cursor', replies.cursor);
  try {
    const page = await api(`${commentPath(id)}/replies?${params}`);
    for (const reply of page.items) {
      if (!state.shown.has(reply.id)) parts.replies.append(show(reply).item);
    }
    replies.loaded = true;
    replies.cursor = page.nextCursor;
    parts.moreReplies.hidden = !page.nextCursor;
  } catch (err) {
    showListError(err);
  }
}

// ---- writing ----

function openReply(id) {
  const entry = state.shown.get(id);
  const threadId = entry.comment.parentId || id;
  const back = () => {
    entry.parts.slot.replaceChildren();
    const button = entry.item.querySelector('.comment-reply');
    if (button) button.focus();
  };
  const { form, field } = textForm({
    label: `Reply to ${authorName(entry.comment)}`,
    submitLabel: 'Reply',
    className: 'reply-form',
    onCancel: back,
    onSubmit: async (text) => {
      const reply = await api(commentsPath, { method: 'POST', body: { text, parentId: id } });
      entry.parts.slot.replaceChildren();
      added(reply, true);
      const thread = state.shown.get(threadId);
      if (thread && !thread.replies.open) await toggleReplies(threadId);
    },
  });
  entry.parts.slot.replaceChildren(form);
  field.focus();
}

function openEdit(id) {
  const entry = state.shown.get(id);
  const back = () => {
    entry.parts.slot.replaceChildren();
    entry.parts.text.hidden = false;
    const button = entry.item.querySelector('.comment-edit');
    if (button) button.focus();
  };
  const { form, field } = textForm({
    label: 'Edit your comment',
    submitLabel: 'Save',
    initial: entry.comment.text,
    className: 'edit-form',
    onCancel: back,
    onSubmit: async (text) => {
      const comment = await api(commentPath(id), { method: 'PATCH', body: { text } });
      edited(comment);
      const button = entry.item.querySelector('.comment-edit');
      if (button) button.focus();
    },
  });
  entry.parts.text.hidden = true;
  entry.parts.slot.replaceChildren(form);
  field.focus();
}

async function remove(id) {
  const entry = state.shown.get(id);
  const hasReplies = !entry.comment.parentId && entry.comment.replyCount > 0;
  const removed = await confirmAction({
    title: 'Delete this comment?',
    text: hasReplies ? 'Its replies stay, under a note that the comment was deleted. This cannot be undone.'
      : 'This cannot be undone.',
    confirmLabel: 'Delete comment',
    action: () => api(commentPath(id), { method: 'DELETE' }),
  });
  if (removed) {
    deleted(id, hasReplies);
    ui.live.textContent = 'Comment deleted.';
    ui.heading.setAttribute('tabindex', '-1');
    if (!state.shown.has(id)) ui.heading.focus();
  }
}

// ---- live ----

/** New, edited and deleted comments from everyone, over the video's event stream. */
function listen() {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource(`${eventsUrl(videoId)}?comments=1`);
  // for people (and tests) looking at the page: whether new comments arrive by themselves
  source.addEventListener('open', () => { section.dataset.live = 'open'; });
  source.addEventListener('error', () => { section.dataset.live = 'reconnecting'; });
  source.addEventListener('comment', (e) => {
    let news;
    try {
      news = JSON.parse(e.data);
    } catch {
      return;
    }
    const comment = news.comment || {};
    if (news.type === 'added') added(comment);
    else if (news.type === 'edited') edited(comment);
    else if (news.type === 'deleted') deleted(comment.id, Boolean(comment.remains));
  });
  source.addEventListener('deleted', () => source.close());
  window.addEventListener('pagehide', () => source.close());
}
