// The upload panel: files picked or dropped become items with their own title, description and
// visibility; each goes POST /api/uploads (multipart) -> its parts straight to storage (see
// multipart.js) -> complete -> live status. Uploads can be paused, resumed, cancelled, and
// resumed after a reload by choosing the same file again.
import { ApiError, cancelUpload, completeUpload, createUpload, getLimits, storedParts } from './api.js';
import { h, icon, ICONS } from './dom.js';
import { formatBytes, formatSpeed, formatTimeLeft, titleFromFilename } from './format.js';
import { PartTransfer } from './multipart.js';
import { findUpload, forgetExpiredUploads, forgetUpload, rememberUpload } from './resume-store.js';
import { followStatus, statusSentence } from './status.js';
import { visibilityChooser } from './visibility.js';

const CONCURRENT_UPLOADS = 2;
const SPEED_WINDOW_MS = 3000;
const BUSY = new Set(['waiting', 'starting', 'uploading', 'confirming']);
const FINISHED = new Set(['ready', 'failed', 'refused']);
const PAUSABLE = new Set(['waiting', 'starting', 'uploading']);
// stages in which a created upload may still be open in storage: removing the item cancels it
const OPEN = new Set(['waiting', 'starting', 'uploading', 'paused', 'error']);
const AFTER_UPLOAD = ['queued', 'processing', 'ready', 'failed'];
const CANCEL_TRIES = 4;
const CUT_OFF_SETTLE_MS = 1000;
// complete is idempotent, and asked again it restarts an assembly that failed in storage
const ASSEMBLY_NUDGE_MS = 30000;
let nextKey = 1;

/**
 * DELETE /api/uploads/{id}, tried again while the server or storage is busy (parts cut off a
 * moment ago may still be arriving there). Resolves whether the upload is gone.
 */
async function cancelOnServer(id) {
  for (let attempt = 1; ; attempt++) {
    try {
      await cancelUpload(id);
      return true;
    } catch (err) {
      if (err.status === 404) return true;
      if (attempt >= CANCEL_TRIES || !(err.status === 0 || err.status >= 500)) return false;
      await new Promise((resolve) => { setTimeout(resolve, 1000 * 2 ** (attempt - 1)); });
    }
  }
}

/** Bytes a second over the last few seconds of samples. */
class SpeedMeter {
  constructor() {
    this.samples = [];
  }

  add(bytes) {
    const now = performance.now();
    this.samples.push({ t: now, bytes });
    while (this.samples.length > 2 && now - this.samples[0].t > SPEED_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const span = (now - first.t) / 1000;
    return span > 0.25 ? Math.max(0, bytes - first.bytes) / span : NaN;
  }
}

const percentOf = (part, total) => (total > 0 ? (part * 100) / total : 0);

class UploadItem {
  constructor(file, queue, limits) {
    this.file = file;
    this.queue = queue;
    this.limits = limits;
    this.key = nextKey++;
    this.stage = 'pending';
    this.seen = new Set();
    this.videoId = null;
    this.upload = null; // {partSize, partCount} of the open multipart upload
    this.transfer = null;
    this.bytesSentBefore = 0; // by this page's earlier runs (before a pause or an error)
    this.stopFollowing = null;
    this.lastAnnounced = '';
    this.build();
    this.setStage('pending');
  }

  build() {
    const name = this.file.name || 'video';
    const ids = { title: `upload-title-${this.key}`, description: `upload-description-${this.key}`, offer: `upload-offer-${this.key}` };
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
    this.pauseButton = h('button', { type: 'button', class: 'button small secondary', hidden: true, 'aria-label': `Pause the upload of ${name}`, onclick: () => this.pause() }, icon(ICONS.pause), 'Pause');
    this.resumeButton = h('button', { type: 'button', class: 'button small', hidden: true, 'aria-label': `Resume the upload of ${name}`, onclick: () => this.resume() }, icon(ICONS.play), 'Resume');
    this.retryButton = h('button', { type: 'button', class: 'button small secondary', hidden: true, onclick: () => this.retry() }, 'Try again');
    this.offerText = h('p', { id: ids.offer, class: 'upload-offer-text' });
    this.offer = h('div', { class: 'upload-offer', role: 'group', 'aria-labelledby': ids.offer, hidden: true },
      this.offerText,
      h('div', { class: 'upload-offer-actions' },
        h('button', { type: 'button', class: 'button small', 'data-action': 'resume-offer', 'aria-label': `Resume the unfinished upload of ${name}`, onclick: () => this.acceptOffer() }, 'Resume'),
        h('button', { type: 'button', class: 'button small secondary', 'data-action': 'start-over', 'aria-label': `Start over: upload ${name} from the beginning`, onclick: () => this.startOver() }, 'Start over')));
    this.visibility = visibilityChooser();
    this.fields = h('div', { class: 'upload-fields' },
      h('div', { class: 'field' }, h('label', { for: ids.title }, 'Title'), this.titleInput),
      h('div', { class: 'field' }, h('label', { for: ids.description }, 'Description'), this.descriptionInput),
      this.visibility.el);
    this.progress = h('div', { class: 'upload-progress' }, this.bar,
      h('div', { class: 'upload-status-row' }, this.status, this.detail));
    this.el = h('li', { class: 'upload-item', dataset: { bytesSent: 0, partsDone: 0 } },
      h('div', { class: 'upload-file' },
        icon(ICONS.film),
        h('div', { class: 'upload-file-text' }, h('span', { class: 'file-name' }, name), h('span', { class: 'file-size' }, formatBytes(this.file.size))),
        this.removeButton),
      this.offer, this.fields, this.progress, this.error,
      h('div', { class: 'upload-links' }, this.watchLink, this.pauseButton, this.resumeButton, this.retryButton),
      this.announcer);
  }

  get busy() {
    return BUSY.has(this.stage);
  }

  get finished() {
    return FINISHED.has(this.stage);
  }

  get active() {
    return ['starting', 'uploading', 'confirming'].includes(this.stage);
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
    this.offer.hidden = stage !== 'resumable';
    this.progress.hidden = editable || stage === 'refused' || stage === 'resumable';
    this.retryButton.hidden = stage !== 'error';
    this.pauseButton.hidden = !PAUSABLE.has(stage);
    this.resumeButton.hidden = stage !== 'paused';
    const name = this.file.name;
    const cancels = stage === 'waiting' || stage === 'starting' || (OPEN.has(stage) && this.videoId !== null);
    this.removeButton.hidden = stage === 'confirming';
    this.removeButton.setAttribute('aria-label', cancels ? `Cancel the upload of ${name}` : `Remove ${name} from this list`);
    this.removeButton.title = cancels ? 'Cancel upload' : 'Remove from list';
    this.el.classList.toggle('processing-phase', ['assembling', ...AFTER_UPLOAD].includes(stage));
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

  setVideoId(id) {
    this.videoId = id;
    if (id) this.el.dataset.videoId = id; else delete this.el.dataset.videoId;
  }

  // --- resuming what an earlier page started -------------------------------------------------

  /**
   * If this file's upload was started before (another page, before a reload or a crash) and is
   * still open, offers to resume it, saying how much storage holds already.
   */
  async offerResume() {
    const record = findUpload(this.file);
    if (!record || this.queue.items.some((i) => i !== this && i.videoId === record.videoId)) return;
    this.setStage('checking');
    this.status.textContent = 'Looking for an unfinished upload of this file…';
    let held;
    try {
      held = await storedParts(record.videoId);
    } catch (err) {
      if (this.stage !== 'checking') return;
      // gone (swept, deleted, someone else's) or already completed: nothing to resume
      if (err.status === 404 || err.status === 409) forgetUpload(this.file);
      this.setStage('pending');
      return;
    }
    if (this.stage !== 'checking') return;
    const whole = held.parts.filter((p) => p.size === this.expectedPartSize(p.partNumber, held.partSize));
    const stored = whole.reduce((sum, p) => sum + p.size, 0);
    this.offered = record;
    if (record.title) this.titleInput.value = record.title;
    this.offerText.textContent = `An unfinished upload of this file was found: ${Math.floor(percentOf(stored, this.file.size))}% stored.`;
    this.setStage('resumable');
    this.announce(this.offerText.textContent);
  }

  expectedPartSize(n, partSize) {
    return Math.max(0, Math.min(partSize, this.file.size - (n - 1) * partSize));
  }

  acceptOffer() {
    this.setVideoId(this.offered.videoId);
    this.offered = null;
    this.resume();
    this.pauseButton.focus(); // the offer's buttons are gone: focus goes to what controls the upload now
  }

  /** Cancels the earlier upload (its stored parts are deleted) and lets the person begin anew. */
  async startOver() {
    const old = this.offered;
    this.offered = null;
    forgetUpload(this.file);
    this.setStage('pending');
    this.titleInput.focus();
    // if it cannot be cancelled (completed meanwhile), it is not this item's upload any more either
    if (await cancelOnServer(old.videoId)) this.queue.libraryChanged();
  }

  // --- uploading -------------------------------------------------------------------------------

  async run() {
    this.showError('');
    this.setStage('starting');
    this.status.textContent = this.videoId ? 'Resuming upload: asking storage what it holds…' : 'Starting upload…';
    this.detail.textContent = '';
    try {
      const held = this.videoId ? await this.askStorage() : await this.create();
      if (!held || this.stage !== 'starting') return; // refused, paused, cancelled or already complete
      if (!(await this.sendParts(held))) return; // paused or cancelled
      await this.confirm();
    } catch (err) {
      if (this.stage === 'removed' || this.stage === 'paused') return;
      this.fail(err instanceof ApiError ? err.message : String(err));
    }
  }

  /** A new multipart upload; null when the server refused the file (it says why) or the item went away. */
  async create() {
    this.setBar(0);
    let created;
    try {
      created = await createUpload({
        filename: this.file.name || 'video',
        size: Math.max(1, this.file.size),
        title: this.titleInput.value.trim() || undefined,
        description: this.descriptionInput.value.trim() || undefined,
        visibility: this.visibility.value,
        multipart: true,
      });
    } catch (err) {
      if (this.stage !== 'starting') return null;
      if (err.status >= 400 && err.status < 500) {
        this.setStage('refused');
        this.showError(`Not uploaded. ${err.message}`);
        this.announce(`refused. ${err.message}`);
        return null;
      }
      throw err;
    }
    if (this.stage === 'removed') { // cancelled while it was being made
      cancelOnServer(created.id);
      return null;
    }
    if (!created.multipart) throw new ApiError('The server did not start a multipart upload. Try again in a moment.', 0);
    this.setVideoId(created.id);
    this.upload = created.multipart;
    rememberUpload(this.file, { videoId: created.id, ...created.multipart, expiresAt: created.expiresAt, title: this.titleInput.value.trim() });
    return [];
  }

  /** The parts storage already holds; null when the upload is no longer open (then handled here). */
  async askStorage() {
    let held;
    try {
      held = await storedParts(this.videoId);
    } catch (err) {
      if (this.stage !== 'starting') return null;
      if (err.status === 404) { // swept or deleted meanwhile: start again from nothing
        forgetUpload(this.file);
        this.setVideoId(null);
        this.status.textContent = 'The unfinished upload is gone from storage. Starting again…';
        return this.create();
      }
      if (err.status === 409) { // not open any more: most likely completed already, and completing is harmless
        await this.confirm();
        return null;
      }
      throw err;
    }
    this.upload = { partSize: held.partSize, partCount: held.partCount };
    return held.parts;
  }

  /** Sends what storage lacks; true once storage holds every part. */
  async sendParts(held) {
    this.setStage('uploading');
    const transfer = new PartTransfer(this.file, { id: this.videoId, ...this.upload }, {
      progress: (p) => { if (this.transfer === transfer) this.showProgress(p); },
      retrying: (n, wait) => { if (this.transfer === transfer) this.showRetry(n, wait); },
    });
    this.transfer = transfer;
    this.runStarted = performance.now();
    this.storedAtStart = null;
    this.speed = new SpeedMeter();
    this.retryNote = '';
    this.partsDoneAtRetry = Infinity;
    let done;
    try {
      done = await transfer.run(held);
    } finally {
      this.bytesSentBefore += transfer.bytesSent;
      if (this.transfer === transfer) this.transfer = null;
      this.el.dataset.bytesSent = this.bytesSent;
    }
    if (done) this.showSent(transfer);
    return done && this.stage === 'uploading';
  }

  /** Bytes of part bodies this page sent to storage, every attempt counted (a run still going included). */
  get bytesSent() {
    return this.bytesSentBefore + (this.transfer ? this.transfer.bytesSent : 0);
  }

  showProgress({ stored, inFlight, total, partsDone }) {
    if (this.storedAtStart === null) this.storedAtStart = stored;
    if (partsDone > this.partsDoneAtRetry) this.retryNote = ''; // a part got through since the trouble
    const shown = stored + inFlight;
    const percent = percentOf(shown, total);
    // speed from what this run moved: bytes acknowledged plus bytes on their way
    const speed = this.speed.add(shown - this.storedAtStart);
    this.el.dataset.bytesSent = this.bytesSent;
    this.el.dataset.partsDone = partsDone;
    this.el.dataset.uploadEvents = Number(this.el.dataset.uploadEvents || 0) + 1;
    this.el.dataset.uploadPercent = Math.max(Number(this.el.dataset.uploadPercent || 0), Math.floor(percent));
    this.lastStored = stored;
    if (this.stage !== 'uploading') return;
    this.setBar(percent);
    this.status.textContent = `Uploading ${Math.floor(percent)}%${this.retryNote}`;
    this.detail.textContent = `${formatBytes(shown)} of ${formatBytes(total)} · ${Number.isFinite(speed) ? formatSpeed(speed) : 'measuring speed'} · ${formatTimeLeft(speed > 0 ? (total - shown) / speed : NaN)}`;
    if (!this.retryNote) this.announce(`uploading, ${Math.floor(percent / 10) * 10}%`);
  }

  showRetry(n, wait) {
    this.retryNote = ' · connection trouble, trying again';
    this.partsDoneAtRetry = Number(this.el.dataset.partsDone);
    this.announce(`connection trouble: part ${n} will be sent again in ${Math.round(wait / 1000)} s`);
  }

  showSent(transfer) {
    const seconds = (performance.now() - this.runStarted) / 1000;
    const moved = this.file.size - (this.storedAtStart || 0);
    this.setBar(100);
    this.el.dataset.uploadPercent = 100;
    const already = this.storedAtStart ? `; ${formatBytes(this.storedAtStart)} was already stored` : '';
    this.detail.textContent = `${formatBytes(moved)} uploaded in ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s `
      + `(${formatSpeed(moved / Math.max(seconds, 0.001))})${already}`;
    this.el.dataset.partsDone = transfer.partsDone;
  }

  async confirm() {
    const id = this.videoId;
    this.setStage('confirming');
    this.status.textContent = 'Upload complete. Handing it over for processing…';
    let video;
    try {
      video = await completeUpload(id);
    } catch (err) {
      if (this.stage === 'removed') return;
      this.fail(err instanceof ApiError ? err.message : String(err));
      return;
    }
    forgetUpload(this.file);
    if (this.stage === 'removed') return;
    this.queue.videoAdded(id);
    this.follow(id, !video || !video.status || video.status === 'awaiting_upload');
  }

  // --- after the upload ------------------------------------------------------------------------

  /** assembling: storage is still joining the parts into one file (seconds for large files). */
  follow(id, assembling) {
    this.setStage(assembling ? 'assembling' : 'queued');
    this.setBar(assembling ? 100 : 0);
    this.status.textContent = assembling ? 'Assembling the file in storage…' : statusSentence('queued', 0);
    this.announce(assembling ? 'assembling the file in storage' : statusSentence('queued', 0));
    if (assembling) this.nudgeAssembly(id);
    let maxProgress = 0;
    this.stopFollowing = followStatus(id, ({ status, progress, error }) => {
      if (this.stage === 'removed' || status === 'awaiting_upload') return;
      // the file is whole: its job was queued, even if the stream already tells a later status
      if (this.stage === 'assembling') this.setStage('queued');
      if (status === 'processing') {
        maxProgress = Math.max(maxProgress, progress || 0);
        this.el.dataset.processingPercent = maxProgress;
      }
      if (status !== this.stage && AFTER_UPLOAD.includes(status)) this.setStage(status);
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

  /** Asks for completion again now and then while storage assembles; a refusal then is shown. */
  nudgeAssembly(id) {
    const timer = setInterval(() => {
      if (this.stage !== 'assembling') {
        clearInterval(timer);
        return;
      }
      completeUpload(id).catch((err) => {
        if (this.stage !== 'assembling' || !(err.status >= 400 && err.status < 500)) return; // busy: next time
        clearInterval(timer);
        if (this.stopFollowing) this.stopFollowing();
        this.fail(err.message);
      });
    }, ASSEMBLY_NUDGE_MS);
  }

  // --- the person's controls -------------------------------------------------------------------

  fail(message) {
    this.setStage('error');
    this.showError(message);
    this.status.textContent = this.videoId ? 'Upload stopped. The parts already stored are kept.' : 'Upload stopped.';
    this.announce(`upload stopped. ${message}`);
  }

  /** Stops sending: parts in flight are abandoned, stored ones kept; Resume asks storage what it holds. */
  pause() {
    if (!PAUSABLE.has(this.stage)) return;
    const hadFocus = document.activeElement === this.pauseButton;
    this.setStage('paused');
    if (this.transfer) this.transfer.stop();
    this.status.textContent = 'Paused.';
    if (this.lastStored !== undefined) {
      const percent = percentOf(this.lastStored, this.file.size);
      this.status.textContent = `Paused at ${Math.floor(percent)}%.`;
      this.setBar(percent);
      this.detail.textContent = `${formatBytes(this.lastStored)} of ${formatBytes(this.file.size)} stored`;
    } else {
      this.detail.textContent = '';
    }
    this.announce('paused');
    if (hadFocus) this.resumeButton.focus();
    this.queue.pump(); // its place goes to the next file waiting
  }

  resume() {
    const hadFocus = document.activeElement === this.resumeButton;
    this.setStage('waiting');
    this.status.textContent = 'Waiting to upload…';
    this.announce('waiting to upload');
    if (hadFocus) this.pauseButton.focus();
    this.queue.pump();
  }

  retry() {
    this.resume();
  }

  remove() {
    const cancelling = OPEN.has(this.stage) && this.videoId !== null;
    const cutOff = this.transfer ? this.transfer.stop() : 0;
    if (this.stopFollowing) this.stopFollowing();
    this.setStage('removed');
    this.el.remove();
    this.queue.removed(this);
    if (cancelling) {
      forgetUpload(this.file);
      const id = this.videoId;
      const cancel = () => cancelOnServer(id).then((gone) => { if (gone) this.queue.libraryChanged(); });
      // storage refuses to abort an upload while a part is still being written: the parts just
      // cut off need a moment to end there first
      if (cutOff) setTimeout(cancel, CUT_OFF_SETTLE_MS); else cancel();
    }
  }
}

export class UploadQueue {
  constructor({ form, input, chooser, dropzone, list, actions, startButton, clearButton, onVideoAdded, onVideoFinished }) {
    Object.assign(this, { form, input, dropzone, list, actions, startButton, clearButton, onVideoAdded, onVideoFinished });
    this.items = [];
    getLimits(); // asked now, so it has answered by the time a file is picked
    forgetExpiredUploads();
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
    const added = files.map((file) => new UploadItem(file, this, limits));
    for (const item of added) {
      this.items.push(item);
      this.list.append(item.el);
    }
    if (added.length === 1) added[0].titleInput.focus();
    this.changed();
    await Promise.all(added.map((item) => item.offerResume()));
    const offered = added.filter((i) => i.stage === 'resumable');
    if (added.length === 1 && offered.length === 1) offered[0].offer.querySelector('button').focus();
  }

  startAll() {
    for (const item of this.items.filter((i) => i.stage === 'pending')) {
      item.setStage('waiting');
      item.status.textContent = 'Waiting to upload…';
    }
    this.pump();
  }

  pump() {
    const active = () => this.items.filter((i) => i.active).length;
    for (const item of this.items) {
      if (active() >= CONCURRENT_UPLOADS) break;
      if (item.stage === 'waiting') item.run().finally(() => this.pump());
    }
  }

  removed(item) {
    // an upload cancelled mid-way is cancelled on the server by the item; a finished one stays in the library
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

  /** An upload was cancelled: its record and its quota are gone. */
  libraryChanged() {
    if (this.onVideoFinished) this.onVideoFinished(null);
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
