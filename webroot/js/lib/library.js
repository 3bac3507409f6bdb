// A list of videos, newest first, with poster, duration, status and paging: the signed-in
// person's own (visibility badge, edit and delete) or the public catalogue (owner, read only).
import { listVideos } from './api.js';
import { h, icon, ICONS } from './dom.js';
import { formatAgo, formatClock, formatDate, spokenDuration } from './format.js';
import { viewsText } from './video-card.js';
import { followStatus, statusLabel, TERMINAL } from './status.js';
import { DeleteDialog, EditDialog } from './video-dialogs.js';
import { visibilityBadge } from './visibility.js';

const PAGE_SIZE = 10;

export class Library {
  /** scope: 'mine' | 'public'; editable rows get Edit and Delete; onChanged runs after either. */
  constructor({ scope = 'mine', editable = true, onChanged = null } = {}) {
    this.scope = scope;
    this.editable = editable;
    this.onChanged = onChanged;
    this.list = document.getElementById('library-list');
    this.count = document.getElementById('library-count');
    this.empty = document.getElementById('library-empty');
    this.error = document.getElementById('library-error');
    this.heading = document.getElementById('library-heading');
    this.pager = document.getElementById('pager');
    this.pageInfo = document.getElementById('page-info');
    this.prev = document.getElementById('page-prev');
    this.next = document.getElementById('page-next');
    this.page = Math.max(1, parseInt(new URLSearchParams(location.search).get('page'), 10) || 1);
    this.total = 0;
    this.videos = new Map();
    this.followers = new Map(); // video id -> stop following
    this.reloadTimer = null;
    this.prev.addEventListener('click', () => this.go(this.page - 1));
    this.next.addEventListener('click', () => this.go(this.page + 1));
    this.heading.tabIndex = -1;
    if (editable) {
      this.editDialog = new EditDialog(this);
      this.deleteDialog = new DeleteDialog(this);
    }
    window.addEventListener('popstate', () => {
      this.page = Math.max(1, parseInt(new URLSearchParams(location.search).get('page'), 10) || 1);
      this.load();
    });
  }

  go(page) {
    this.page = Math.max(1, page);
    const url = this.page === 1 ? location.pathname : `${location.pathname}?page=${this.page}`;
    history.pushState(null, '', url);
    this.load().then(() => this.heading.focus());
  }

  /** Reloads soon, folding bursts of changes (several uploads finishing) into one request. */
  reloadSoon() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.load(), 300);
  }

  async load() {
    this.list.setAttribute('aria-busy', 'true');
    let result;
    try {
      result = await listVideos(this.page, PAGE_SIZE, this.scope);
    } catch (err) {
      this.error.textContent = `The library could not be loaded: ${err.message}`;
      this.error.hidden = false;
      this.list.setAttribute('aria-busy', 'false');
      return;
    }
    this.error.hidden = true;
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (result.items.length === 0 && this.page > pages) { // e.g. the last video of the last page was deleted
      this.page = pages;
      history.replaceState(null, '', pages === 1 ? location.pathname : `${location.pathname}?page=${pages}`);
      await this.load();
      return;
    }
    this.total = result.total;
    this.render(result.items, pages);
  }

  render(items, pages) {
    const previous = this.followers;
    this.followers = new Map();
    this.videos = new Map(items.map((v) => [v.id, v]));
    this.list.replaceChildren(...items.map((v) => this.row(v)));
    // stopped only now, so a stream still wanted by a row is kept open rather than reopened
    for (const stop of previous.values()) stop();
    this.list.setAttribute('aria-busy', 'false');
    this.empty.hidden = this.total > 0;
    this.count.textContent = this.total === 1 ? '1 video' : `${this.total} videos`;
    this.pager.hidden = pages <= 1;
    const first = (this.page - 1) * PAGE_SIZE + 1;
    this.pageInfo.textContent = `${first}–${first + items.length - 1} of ${this.total}`;
    this.prev.disabled = this.page <= 1;
    this.next.disabled = this.page >= pages;
  }

  row(video) {
    const href = `/watch/${video.id}`;
    const badge = h('span', { class: `badge status-${video.status}` }, statusLabel(video.status, video.progress));
    const meter = h('div', { class: 'mini-progress', hidden: video.status !== 'processing' },
      h('div', { class: 'progress-fill', style: `width:${video.progress || 0}%` }));
    const thumbInner = video.posterUrl
      ? h('img', { src: video.posterUrl, alt: '', width: 320, height: 180, loading: 'lazy', decoding: 'async' })
      : h('span', { class: 'thumb-placeholder' }, icon(ICONS.film));
    const duration = video.durationSeconds > 0
      ? h('span', { class: 'duration', 'aria-label': `Duration ${spokenDuration(video.durationSeconds)}` }, formatClock(video.durationSeconds))
      : null;
    const meta = [h('time', { datetime: video.createdAt, title: formatDate(video.createdAt) }, `Uploaded ${formatAgo(video.createdAt)}`)];
    if (!this.editable && video.owner && video.owner.username) {
      meta.unshift(h('span', { class: 'owner' }, 'By ', h('a', { href: `/@${encodeURIComponent(video.owner.username)}` }, video.owner.username)));
    }
    if (video.status === 'ready') meta.push(h('span', { class: 'views' }, viewsText(video.views)));
    if (video.width && video.height) meta.push(h('span', {}, `${video.width}×${video.height}`));
    if (video.renditions && video.renditions.length) {
      meta.push(h('span', {}, video.renditions.map((r) => r.name).join(' · ')));
    }
    const li = h('li', { class: `video-row${this.editable ? '' : ' read-only'}`, dataset: { id: video.id, status: video.status, visibility: video.visibility || '' } },
      h('a', { class: 'thumb', href, tabindex: -1, 'aria-hidden': 'true' }, thumbInner, duration),
      h('div', { class: 'video-info' },
        h('h3', { class: 'video-title' }, h('a', { href }, video.title || 'Untitled')),
        video.description ? h('p', { class: 'video-description' }, video.description) : null,
        video.error ? h('p', { class: 'video-error' }, video.error) : null,
        h('p', { class: 'video-meta' }, meta.flatMap((m, i) => (i ? [h('span', { 'aria-hidden': 'true' }, ' · '), m] : [m])))),
      h('div', { class: 'video-status' }, badge, meter, this.editable ? visibilityBadge(video.visibility) : null),
      this.editable ? h('div', { class: 'video-actions' },
        h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Edit details of ${video.title}`, 'data-action': 'edit', onclick: () => this.editDialog.open(video) }, 'Edit'),
        h('button', { type: 'button', class: 'button small secondary danger-text', 'aria-label': `Delete ${video.title}`, 'data-action': 'delete', onclick: () => this.deleteDialog.open(video) }, 'Delete')) : null);
    const previous = this.followers.get(video.id);
    this.followers.delete(video.id);
    if (video.status === 'queued' || video.status === 'processing') {
      this.followers.set(video.id, followStatus(video.id, ({ status, progress }) => {
        li.dataset.status = status;
        badge.className = `badge status-${status}`;
        badge.textContent = statusLabel(status, progress);
        meter.hidden = status !== 'processing';
        meter.firstChild.style.width = `${progress || 0}%`;
        if (TERMINAL.has(status)) this.reloadSoon(); // poster, duration and renditions are known now
      }));
    }
    if (previous) previous();
    return li;
  }

  updated(video) {
    this.videos.set(video.id, video);
    const old = this.list.querySelector(`[data-id="${video.id}"]`);
    if (old) old.replaceWith(this.row(video));
  }
}
