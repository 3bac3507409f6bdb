// The library: every video, newest first, with poster, duration, status and paging; edit and
// delete through dialogs.
import { deleteVideo, getLimits, listVideos, updateVideo } from './api.js';
import { h, icon, ICONS, toast } from './dom.js';
import { formatAgo, formatClock, formatDate, spokenDuration } from './format.js';
import { followStatus, statusLabel, TERMINAL } from './status.js';

const PAGE_SIZE = 10;

export class Library {
  constructor() {
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
    this.editDialog = new EditDialog(this);
    this.deleteDialog = new DeleteDialog(this);
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
      result = await listVideos(this.page, PAGE_SIZE);
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
    if (video.width && video.height) meta.push(h('span', {}, `${video.width}×${video.height}`));
    if (video.renditions && video.renditions.length) {
      meta.push(h('span', {}, video.renditions.map((r) => r.name).join(' · ')));
    }
    const li = h('li', { class: 'video-row', dataset: { id: video.id, status: video.status } },
      h('a', { class: 'thumb', href, tabindex: -1, 'aria-hidden': 'true' }, thumbInner, duration),
      h('div', { class: 'video-info' },
        h('h3', { class: 'video-title' }, h('a', { href }, video.title || 'Untitled')),
        video.description ? h('p', { class: 'video-description' }, video.description) : null,
        video.error ? h('p', { class: 'video-error' }, video.error) : null,
        h('p', { class: 'video-meta' }, meta.flatMap((m, i) => (i ? [h('span', { 'aria-hidden': 'true' }, ' · '), m] : [m])))),
      h('div', { class: 'video-status' }, badge, meter),
      h('div', { class: 'video-actions' },
        h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Edit details of ${video.title}`, 'data-action': 'edit', onclick: () => this.editDialog.open(video) }, 'Edit'),
        h('button', { type: 'button', class: 'button small secondary danger-text', 'aria-label': `Delete ${video.title}`, 'data-action': 'delete', onclick: () => this.deleteDialog.open(video) }, 'Delete')));
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

class EditDialog {
  constructor(library) {
    this.library = library;
    this.dialog = document.getElementById('edit-dialog');
    this.form = document.getElementById('edit-form');
    this.title = document.getElementById('edit-title');
    this.description = document.getElementById('edit-description');
    this.error = document.getElementById('edit-error');
    this.save = document.getElementById('edit-save');
    getLimits().then(({ maxTitleLength, maxDescriptionLength }) => {
      this.title.maxLength = maxTitleLength;
      this.description.maxLength = maxDescriptionLength;
    });
    this.dialog.querySelector('[data-close]').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  open(video) {
    this.video = video;
    this.title.value = video.title;
    this.description.value = video.description || '';
    this.error.hidden = true;
    this.title.removeAttribute('aria-invalid');
    this.save.disabled = false;
    this.dialog.showModal();
    this.title.select();
  }

  async submit() {
    const title = this.title.value.trim();
    if (!title) {
      this.error.textContent = 'Give the video a title.';
      this.error.hidden = false;
      this.title.setAttribute('aria-invalid', 'true');
      this.title.focus();
      return;
    }
    this.save.disabled = true;
    try {
      const video = await updateVideo(this.video.id, { title, description: this.description.value });
      this.dialog.close();
      this.library.updated(video);
      toast(`Saved “${video.title}”.`);
    } catch (err) {
      this.error.textContent = err.message;
      this.error.hidden = false;
      this.save.disabled = false;
    }
  }
}

class DeleteDialog {
  constructor(library) {
    this.library = library;
    this.dialog = document.getElementById('delete-dialog');
    this.text = document.getElementById('delete-text');
    this.error = document.getElementById('delete-error');
    this.confirm = document.getElementById('delete-confirm');
    this.dialog.querySelector('[data-close]').addEventListener('click', () => this.dialog.close());
    document.getElementById('delete-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  open(video) {
    this.video = video;
    this.text.textContent = `“${video.title}”, its renditions and its poster will be removed. Anyone with its link will no longer be able to watch it. This cannot be undone.`;
    this.error.hidden = true;
    this.confirm.disabled = false;
    this.dialog.showModal();
  }

  async submit() {
    this.confirm.disabled = true;
    try {
      await deleteVideo(this.video.id);
    } catch (err) {
      if (err.status !== 404) { // already gone is what the person wanted
        this.error.textContent = err.message;
        this.error.hidden = false;
        this.confirm.disabled = false;
        return;
      }
    }
    this.dialog.close();
    toast(`Deleted “${this.video.title}”.`);
    await this.library.load();
    this.library.heading.focus();
  }
}
