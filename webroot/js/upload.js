// The upload panel: files picked or dropped become items with their own title, description and
// visibility; each goes POST /api/uploads -> presigned PUT (with real progress) -> complete -> live status.
import { ApiError, completeUpload, createUpload, deleteVideo, getLimits, putFile } from './api.js';
import { h, icon, ICONS } from './dom.js';
import { formatBytes, formatSpeed, formatTimeLeft, titleFromFilename } from './format.js';
import { followStatus, statusSentence } from './status.js';
import { visibilityChooser } from './visibility.js';

const CONCURRENT_UPLOADS = 2;
const SPEED_WINDOW_MS = 3000;
const BUSY = new Set(['waiting', 'starting', 'uploading', 'confirming']);
const FINISHED = new Set(['ready', 'failed', 'refused']);
let nextKey = 1;

class UploadItem {
  constructor(file, queue, limits) {
    this.file = file;
    this.queue = queue;
    this.limits = limits;
    this.key = nextKey++;
    this.stage = 'pending';
    this.seen = new Set();
    this.videoId = null;
    this.transfer = null;
    this.stopFollowing = null;
    this.lastAnnounced = '';
    this.build();
    this.setStage('pending');
  }

  build() {
    const name = this.file.name || 'video';
    const ids = { title: `upload-title-${this.key}`, description: `upload-description-${this.key}` };
    const { maxTitleLength, maxDescriptionLength } = this.limits;
    this.titleInput = h('input', { id: ids.title, type: 'text', maxlength: maxTitleLength, value: titleFromFilename(name, maxTitleLength), autocomplete: 'off' });
    this.descriptionInput = h('textarea', { id: ids.description, maxlength: maxDescriptionLength, rows: 2, placeholder: 'Optional' });
    this.removeButton = h('button', { type: 'button', class: 'icon-button', onclick: () => this.remove() }, icon(ICONS.close));
    this.fill = h('div', { class: 'progress-fill' });
    this.bar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-label': `Progress of ${name}` }, this.fill);
    this.status = h('p', { class: 'upload-status' });
    this.detail = h('p', { class: 'upload-detail' });
    this.announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.error = h('p', { class: 'upload-error', role: 'alert', hidden: true });
    this.watchLink = h('a', { class: 'button small', hidden: true }, 'Watch');
    this.retryButton = h('button', { type: 'button', class: 'button small secondary', hidden: true, onclick: () => this.retry() }, 'Try again');
    this.visibility = visibilityChooser();
    this.fields = h('div', { class: 'upload-fields' },
      h('div', { class: 'field' }, h('label', { for: ids.title }, 'Title'), this.titleInput),
      h('div', { class: 'field' }, h('label', { for: ids.description }, 'Description'), this.descriptionInput),
      this.visibility.el);
    this.progress = h('div', { class: 'upload-progress' }, this.bar,
      h('div', { class: 'upload-status-row' }, this.status, this.detail));
    this.el = h('li', { class: 'upload-item' },
      h('div', { class: 'upload-file' },
        icon(ICONS.film),
        h('div', { class: 'upload-file-text' }, h('span', { class: 'file-name' }, name), h('span', { class: 'file-size' }, formatBytes(this.file.size))),
        this.removeButton),
      this.fields, this.progress, this.error,
      h('div', { class: 'upload-links' }, this.watchLink, this.retryButton),
      this.announcer);
  }

  get busy() {
    return BUSY.has(this.stage);
  }

  get finished() {
    return FINISHED.has(this.stage);
  }

  setStage(stage) {
    this.stage = stage;
    this.seen.add(stage);
    this.el.dataset.stage = stage;
    this.el.dataset.seen = [...this.seen].join(' ');
    const editable = stage === 'pending';
    this.fields.hidden = !editable;
    this.titleInput.disabled = !editable;
    this.descriptionInput.disabled = !editable;
    this.visibility.disabled = !editable;
    this.progress.hidden = editable || stage === 'refused';
    this.retryButton.hidden = stage !== 'error';
    const name = this.file.name;
    const cancellable = stage === 'uploading' || stage === 'waiting' || stage === 'starting';
    this.removeButton.hidden = stage === 'confirming';
    this.removeButton.setAttribute('aria-label', cancellable ? `Cancel the upload of ${name}` : `Remove ${name} from this list`);
    this.removeButton.title = cancellable ? 'Cancel upload' : 'Remove from list';
    this.el.classList.toggle('processing-phase', ['queued', 'processing', 'ready', 'failed'].includes(stage));
    this.queue.changed();
  }

  setBar(percent) {
    const value = Math.max(0, Math.min(100, Math.round(percent)));
    this.fill.style.width = `${value}%`;
    this.bar.setAttribute('aria-valuenow', value);
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
  }

  /** Screen readers hear stage changes and every tenth percent, not every progress tick. */
  announce(text) {
    if (text !== this.lastAnnounced) {
      this.lastAnnounced = text;
      this.announcer.textContent = `${this.file.name}: ${text}`;
    }
  }

  async run() {
    this.showError('');
    if (this.videoId && this.uploaded) { // only the confirmation failed: the file is in storage
      await this.confirm();
      return;
    }
    this.setStage('starting');
    this.status.textContent = 'Starting upload…';
    this.detail.textContent = '';
    this.setBar(0);
    let created;
    try {
      created = await createUpload({
        filename: this.file.name || 'video',
        size: Math.max(1, this.file.size),
        title: this.titleInput.value.trim() || undefined,
        description: this.descriptionInput.value.trim() || undefined,
        visibility: this.visibility.value,
      });
    } catch (err) {
      if (this.stage !== 'starting') return;
      if (err.status >= 400 && err.status < 500) {
        this.setStage('refused');
        this.showError(`Not uploaded. ${err.message}`);
        this.announce(`refused. ${err.message}`);
      } else {
        this.fail(err.message);
      }
      return;
    }
    if (this.stage !== 'starting') { // cancelled meanwhile
      deleteVideo(created.id).catch(() => {});
      return;
    }
    this.videoId = created.id;
    this.el.dataset.videoId = created.id;
    try {
      await this.put(created.uploadUrl);
    } catch (err) {
      deleteVideo(created.id).catch(() => {});
      this.videoId = null;
      if (err.status === -1) return; // cancelled by the person
      this.fail(err.message);
      return;
    }
    this.uploaded = true;
    await this.confirm();
  }

  async confirm() {
    const id = this.videoId;
    this.setStage('confirming');
    this.status.textContent = 'Upload complete. Handing it over for processing…';
    try {
      await completeUpload(id);
    } catch (err) {
      this.fail(err instanceof ApiError ? err.message : String(err));
      return;
    }
    this.queue.videoAdded(id);
    this.follow(id);
  }

  put(url) {
    this.setStage('uploading');
    const started = performance.now();
    const samples = [];
    let events = 0;
    let maxPercent = 0;
    this.status.textContent = 'Uploading 0%';
    this.detail.textContent = `0 bytes of ${formatBytes(this.file.size)}`;
    this.transfer = putFile(url, this.file, (loaded, total) => {
      const now = performance.now();
      samples.push({ t: now, loaded });
      while (samples.length > 2 && now - samples[0].t > SPEED_WINDOW_MS) samples.shift();
      const first = samples[0];
      const span = (now - first.t) / 1000;
      const speed = span > 0.25 ? (loaded - first.loaded) / span : loaded / Math.max(0.001, (now - started) / 1000);
      const percent = total > 0 ? (loaded * 100) / total : 0;
      events += 1;
      maxPercent = Math.max(maxPercent, Math.floor(percent));
      this.el.dataset.uploadEvents = events;
      this.el.dataset.uploadPercent = maxPercent;
      this.setBar(percent);
      this.status.textContent = `Uploading ${Math.floor(percent)}%`;
      this.detail.textContent = `${formatBytes(loaded)} of ${formatBytes(total)} · ${formatSpeed(speed)} · ${formatTimeLeft(speed > 0 ? (total - loaded) / speed : NaN)}`;
      this.announce(`uploading, ${Math.floor(percent / 10) * 10}%`);
    });
    return this.transfer.promise.then(() => {
      const seconds = (performance.now() - started) / 1000;
      this.transfer = null;
      this.setBar(100);
      this.el.dataset.uploadPercent = 100;
      this.detail.textContent = `${formatBytes(this.file.size)} uploaded in ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s (${formatSpeed(this.file.size / Math.max(seconds, 0.001))})`;
    }, (err) => {
      this.transfer = null;
      throw err;
    });
  }

  follow(id) {
    this.setStage('queued');
    this.setBar(0);
    this.status.textContent = statusSentence('queued', 0);
    let maxProgress = 0;
    this.stopFollowing = followStatus(id, ({ status, progress, error }) => {
      if (this.stage === 'removed') return;
      if (status === 'processing') {
        maxProgress = Math.max(maxProgress, progress || 0);
        this.el.dataset.processingPercent = maxProgress;
      }
      if (status !== this.stage && ['queued', 'processing', 'ready', 'failed'].includes(status)) this.setStage(status);
      this.status.textContent = statusSentence(status, progress);
      this.setBar(status === 'ready' ? 100 : status === 'processing' ? progress : 0);
      if (status === 'processing') this.announce(`processing, ${Math.floor((progress || 0) / 10) * 10}%`);
      if (status === 'ready') {
        this.detail.textContent = '';
        this.watchLink.href = `/watch/${id}`;
        this.watchLink.hidden = false;
        this.watchLink.setAttribute('aria-label', `Watch ${this.titleInput.value || this.file.name}`);
        this.announce('ready to watch');
        this.queue.videoFinished(id);
      } else if (status === 'failed') {
        this.detail.textContent = '';
        const reason = error || 'Kinora could not process this file. Upload it again; if it fails again, the file may be damaged.';
        this.showError(reason);
        this.announce(`processing failed. ${reason}`);
        this.queue.videoFinished(id);
      } else if (status !== 'processing') {
        this.announce(statusSentence(status, progress));
      }
    });
  }

  fail(message) {
    this.setStage('error');
    this.showError(message);
    this.status.textContent = 'Upload stopped.';
    this.detail.textContent = '';
  }

  retry() {
    this.setStage('waiting');
    this.status.textContent = 'Waiting to upload…';
    this.queue.pump();
  }

  remove() {
    if (this.transfer) this.transfer.abort();
    if (this.stopFollowing) this.stopFollowing();
    this.setStage('removed');
    this.el.remove();
    this.queue.removed(this);
  }
}

export class UploadQueue {
  constructor({ form, input, chooser, dropzone, list, actions, startButton, clearButton, onVideoAdded, onVideoFinished }) {
    Object.assign(this, { form, input, dropzone, list, actions, startButton, clearButton, onVideoAdded, onVideoFinished });
    this.items = [];
    getLimits(); // asked now, so it has answered by the time a file is picked
    chooser.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      this.add(input.files);
      input.value = '';
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.startAll();
    });
    clearButton.addEventListener('click', () => {
      for (const item of this.items.filter((i) => i.finished)) item.remove();
    });
    this.wireDragAndDrop();
    window.addEventListener('beforeunload', (e) => {
      if (this.items.some((i) => i.busy)) {
        e.preventDefault();
        e.returnValue = '';
      }
    });
  }

  wireDragAndDrop() {
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    // files dropped anywhere on the page are taken, rather than the browser opening them
    window.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      depth += 1;
      this.dropzone.classList.add('dragging');
    });
    window.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.dropzone.classList.remove('dragging');
    });
    window.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      this.dropzone.classList.remove('dragging');
      this.add(e.dataTransfer.files);
    });
  }

  async add(fileList) {
    const files = [...(fileList || [])]; // copied first: the input is cleared and a drop's list expires
    const limits = await getLimits();
    for (const file of files) {
      const item = new UploadItem(file, this, limits);
      this.items.push(item);
      this.list.append(item.el);
    }
    if (files.length === 1) this.items[this.items.length - 1].titleInput.focus();
    this.changed();
  }

  startAll() {
    for (const item of this.items.filter((i) => i.stage === 'pending')) {
      item.setStage('waiting');
      item.status.textContent = 'Waiting to upload…';
    }
    this.pump();
  }

  pump() {
    const active = () => this.items.filter((i) => ['starting', 'uploading', 'confirming'].includes(i.stage)).length;
    for (const item of this.items) {
      if (active() >= CONCURRENT_UPLOADS) break;
      if (item.stage === 'waiting') item.run().finally(() => this.pump());
    }
  }

  removed(item) {
    // an upload cancelled mid-way deletes its own record (see run); a finished one stays in the library
    this.items = this.items.filter((i) => i !== item);
    this.changed();
    this.pump();
  }

  videoAdded(id) {
    if (this.onVideoAdded) this.onVideoAdded(id);
  }

  videoFinished(id) {
    if (this.onVideoFinished) this.onVideoFinished(id);
  }

  changed() {
    if (!this.items) return;
    const pending = this.items.filter((i) => i.stage === 'pending').length;
    this.actions.hidden = this.items.length === 0;
    this.startButton.hidden = pending === 0;
    this.startButton.textContent = pending > 1 ? `Upload ${pending} videos` : 'Upload';
    this.clearButton.hidden = !this.items.some((i) => i.finished);
  }
}
