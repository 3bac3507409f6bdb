// How one comment looks: author, time, text with its web links and times in the video (1:23)
// clickable, and its buttons. Everything is built as DOM nodes; a comment's text is never parsed as HTML.
import { h } from '../dom.js';
import { formatAgo, formatDate } from '../format.js';

const LINK = /https?:\/\/[^\s<>"']+/g;
const TRAILING = /[.,;:!?)\]}'"]+$/;
/** 1:23, 01:23, 1:02:03: not part of a longer run of digits and colons (a ratio, a clock with seconds). */
const TIME = /(?<![\d:])(?:(\d{1,2}):)?(\d{1,2}):([0-5]\d)(?![\d:])/g;

/**
 * The text as nodes: plain text, http(s) addresses as links that open elsewhere, and, given
 * timestamps ({seek(seconds), longest}), times within the video as links that play it from there.
 */
export function linkified(text, timestamps = null) {
  const nodes = [];
  let last = 0;
  const plain = (to) => {
    if (to > last) nodes.push(...timed(text.slice(last, to), timestamps));
  };
  for (const match of text.matchAll(LINK)) {
    const address = match[0].replace(TRAILING, '');
    const start = match.index;
    const url = safeUrl(address);
    if (!url) continue;
    plain(start);
    nodes.push(h('a', { href: url, rel: 'nofollow noopener noreferrer', target: '_blank' }, address));
    last = start + address.length;
  }
  plain(text.length);
  return nodes;
}

/** Plain text with its times as links to ?t=seconds; a click plays from there without leaving the page. */
function timed(text, timestamps) {
  if (!timestamps) return [document.createTextNode(text)];
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(TIME)) {
    const [clock, hours, minutes, seconds] = match;
    if (hours !== undefined && Number(minutes) > 59) continue;
    const at = Number(hours || 0) * 3600 + Number(minutes) * 60 + Number(seconds);
    if (at > timestamps.longest) continue; // "at 10:30" under a two-minute video is a time of day
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    nodes.push(h('a', {
      href: `?t=${at}`,
      class: 'timestamp',
      onclick: (e) => {
        // a new tab or window (modifier keys, middle button) opens the link itself
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        timestamps.seek(at);
      },
    }, clock));
    last = match.index + clock.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

function safeUrl(address) {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export const authorName = (comment) =>
  (comment.author && (comment.author.displayName || comment.author.username)) || 'Former member';

function avatar(comment) {
  const author = comment.author;
  if (author && author.avatarUrl) {
    return h('img', { class: 'comment-avatar', src: author.avatarUrl, alt: '', width: 36, height: 36, loading: 'lazy' });
  }
  const letter = comment.deleted ? '' : authorName(comment).slice(0, 1).toUpperCase();
  return h('span', { class: 'comment-avatar placeholder', 'aria-hidden': 'true' }, letter);
}

function meta(comment) {
  if (comment.deleted) return h('p', { class: 'comment-meta muted' }, 'Deleted comment');
  const author = comment.author
    ? h('a', { class: 'comment-author', href: `/@${encodeURIComponent(comment.author.username)}` }, authorName(comment))
    : h('span', { class: 'comment-author' }, authorName(comment));
  const when = h('time', { datetime: comment.createdAt, title: formatDate(comment.createdAt) }, formatAgo(comment.createdAt));
  const edited = comment.editedAt ? h('span', { class: 'comment-edited', title: formatDate(comment.editedAt) }, '(edited)') : null;
  return h('p', { class: 'comment-meta' }, author, ' ', when, edited ? ' ' : null, edited);
}

function body(comment, timestamps) {
  if (comment.deleted) return h('p', { class: 'comment-text muted' }, 'This comment was deleted.');
  return h('p', { class: 'comment-text' }, ...linkified(comment.text, timestamps));
}

/**
 * The buttons this viewer may use on the comment. can: {reply, edit, remove} booleans;
 * on: {reply, edit, remove} callbacks.
 */
function actions(comment, can, on) {
  const name = authorName(comment);
  const buttons = [];
  if (can.reply) {
    buttons.push(h('button', { type: 'button', class: 'link-button comment-reply', 'aria-label': `Reply to ${name}`, onclick: on.reply }, 'Reply'));
  }
  if (can.edit) {
    buttons.push(h('button', { type: 'button', class: 'link-button comment-edit', 'aria-label': 'Edit your comment', onclick: on.edit }, 'Edit'));
  }
  if (can.remove) {
    buttons.push(h('button', { type: 'button', class: 'link-button comment-delete', 'aria-label': `Delete the comment by ${name}`, onclick: on.remove }, 'Delete'));
  }
  return h('div', { class: 'comment-actions' }, ...buttons);
}

/** "3 replies" / "Hide replies" */
export function repliesLabel(count, open) {
  if (open) return 'Hide replies';
  return count === 1 ? '1 reply' : `${count} replies`;
}

/**
 * A new list item for the comment. Top-level ones get a replies toggle and a list for them.
 * on.timestamps: {seek, longest} for times in the text (see linkified), or none.
 * Returns {item, parts} where parts holds the elements the page changes later.
 */
export function commentItem(comment, can, on) {
  const parts = {
    meta: meta(comment),
    text: body(comment, on.timestamps),
    actions: actions(comment, can, on),
    slot: h('div', { class: 'comment-slot' }),
  };
  const content = [parts.meta, parts.text, parts.actions, parts.slot];
  if (!comment.parentId) {
    parts.toggle = h('button', {
      type: 'button', class: 'link-button replies-toggle', 'aria-expanded': 'false', onclick: on.toggleReplies,
      hidden: comment.replyCount > 0 ? null : true,
    }, repliesLabel(comment.replyCount, false));
    parts.replies = h('ol', { class: 'reply-list', hidden: true, 'aria-label': `Replies to ${authorName(comment)}` });
    parts.moreReplies = h('button', { type: 'button', class: 'button secondary small replies-more', hidden: true, onclick: on.moreReplies }, 'More replies');
    content.push(parts.toggle, parts.replies, parts.moreReplies);
  }
  const item = h('li', { class: `comment${comment.deleted ? ' deleted' : ''}`, id: `comment-${comment.id}`, dataset: { id: comment.id } },
    avatar(comment), h('div', { class: 'comment-main' }, ...content));
  return { item, parts };
}

/** Replaces what an edit or a deletion changed, in place (replies stay where they are). */
export function refresh(entry, comment, can, on) {
  const { parts, item } = entry;
  const fresh = { meta: meta(comment), text: body(comment, on.timestamps), actions: actions(comment, can, on) };
  parts.meta.replaceWith(fresh.meta);
  parts.text.replaceWith(fresh.text);
  parts.actions.replaceWith(fresh.actions);
  Object.assign(parts, fresh);
  parts.slot.replaceChildren();
  item.classList.toggle('deleted', Boolean(comment.deleted));
  item.firstElementChild.replaceWith(avatar(comment));
}

let nextFormId = 1;

/**
 * A small labelled form with a textarea: for a reply or an edit. onSubmit(text) returns a promise;
 * its error is shown under the field and the form stays.
 */
export function textForm({ label, submitLabel, initial = '', className, onSubmit, onCancel }) {
  const id = `comment-form-${nextFormId++}`;
  const field = h('textarea', { id, rows: 3, maxlength: 5000, required: true, 'aria-describedby': `${id}-error` });
  field.value = initial;
  const error = h('p', { id: `${id}-error`, class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button small' }, submitLabel);
  const cancel = h('button', { type: 'button', class: 'button secondary small', onclick: onCancel }, 'Cancel');
  const form = h('form', { class: `comment-form ${className}`, novalidate: true },
    h('label', { for: id }, label), field, error, h('div', { class: 'comment-form-actions' }, submit, cancel));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = field.value.trim();
    if (!text) {
      showError(error, field, 'Write something first.');
      return;
    }
    submit.disabled = true;
    try {
      await onSubmit(text);
    } catch (err) {
      showError(error, field, err.message);
    } finally {
      submit.disabled = false;
    }
  });
  return { form, field };
}

export function showError(error, field, message) {
  error.textContent = message;
  error.hidden = false;
  field.setAttribute('aria-invalid', 'true');
  field.focus();
}
