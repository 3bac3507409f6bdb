// Sends a file to storage as the parts of an S3 multipart upload, through presigned URLs the
// server hands out a batch at a time. A few parts travel at once; a part that fails is sent again
// after a growing pause, always with a freshly asked URL: storage's error answers carry no CORS
// headers, so the browser cannot tell an expired or refused URL from a dropped connection.
import { ApiError, partUrls } from './api.js';

const IN_FLIGHT = 4;
const URL_BATCH = 16;
const MAX_TRIES = 6; // waits of 1, 2, 4, 8 and 16 s between them: about half a minute in all
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 30000;
// no upload progress for this long (a laptop that slept, a dead connection): give up on the attempt
const STALL_MS = 60000;
const NOTIFY_EVERY_MS = 100;

/** What an attempt ends with when the transfer was stopped (paused or cancelled) rather than failed. */
const STOPPED = 'stopped';

/** Answers of the API that a later try may not get: the network, the server busy or restarting. */
function worthRetrying(err) {
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}

/** 1 s, 2 s, 4 s … never more than 30 s, with a little jitter so parts do not retry in lockstep. */
function waitBefore(attempt) {
  const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (attempt - 1));
  return wait * (0.85 + Math.random() * 0.3);
}

/**
 * How long a batch of URLs may still be used: until shortly before the server says they expire.
 * Measured from this browser's clock; if the two clocks disagree badly a failed PUT asks again anyway.
 */
function usableUntil(askedAt, expiresAt) {
  const life = Date.parse(expiresAt) - askedAt;
  if (!Number.isFinite(life) || life <= 0) return askedAt + 5 * 60000;
  return askedAt + life - Math.min(60000, life / 4);
}

/**
 * One run of a multipart upload: sends the parts storage does not hold yet, then resolves true;
 * resolves false when stopped (pause, cancel); rejects with an ApiError when a part cannot be sent.
 * A paused upload resumes with a new PartTransfer, after asking storage again what it holds.
 *
 * listener.progress({stored, inFlight, total, partsDone, partCount, bytesSent}) is called as bytes move;
 * listener.retrying(partNumber, waitMs, attempt) when a part is about to be sent again.
 */
export class PartTransfer {
  constructor(file, { id, partSize, partCount }, listener) {
    Object.assign(this, { file, id, partSize, partCount, listener });
    this.pending = [];
    this.flights = new Map(); // partNumber -> {xhr, loaded}
    this.urls = new Map(); // partNumber -> {url, usableUntil}
    this.asking = new Map(); // partNumber -> the batch request that will bring its URL
    this.sleepers = new Set();
    this.stored = 0; // bytes storage holds (acknowledged parts)
    this.partsDone = 0;
    this.settledSent = 0; // bytes sent by attempts that have ended
    this.stopped = false;
    this.failure = null;
    this.lastNotified = 0;
  }

  /** Bytes of part bodies sent to storage by this run, counting failed and stopped attempts. */
  get bytesSent() {
    let sent = this.settledSent;
    for (const flight of this.flights.values()) sent += flight.loaded;
    return sent;
  }

  partLength(n) {
    return Math.max(0, Math.min(this.partSize, this.file.size - (n - 1) * this.partSize));
  }

  /** storedParts: what storage holds ([{partNumber, size}]); a part counts only at its full size. */
  async run(storedParts = []) {
    const held = new Set(storedParts.filter((p) => p.size === this.partLength(p.partNumber)).map((p) => p.partNumber));
    for (let n = 1; n <= this.partCount; n++) {
      if (held.has(n)) {
        this.partsDone += 1;
        this.stored += this.partLength(n);
      } else {
        this.pending.push(n);
      }
    }
    this.notify(true);
    const workers = [];
    for (let i = 0; i < Math.min(IN_FLIGHT, this.pending.length); i++) workers.push(this.work());
    await Promise.all(workers);
    if (this.failure) throw this.failure;
    return this.partsDone === this.partCount;
  }

  /**
   * Pause or cancel: in-flight parts are abandoned (storage keeps only whole parts) and nothing new
   * starts. Returns how many parts were cut off on their way.
   */
  stop() {
    if (this.stopped) return 0;
    this.stopped = true;
    const cut = this.flights.size;
    for (const flight of this.flights.values()) flight.xhr.abort();
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
    return cut;
  }

  /** One of the IN_FLIGHT loops: takes the next part until none is left or the run stops. */
  async work() {
    while (!this.stopped && this.pending.length) {
      const n = this.pending.shift();
      try {
        await this.sendPart(n);
      } catch (err) {
        if (err === STOPPED || this.stopped) return;
        this.failure = err;
        this.stop(); // the other loops end too: the person sees one error and can try again
        return;
      }
    }
  }

  async sendPart(n) {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) throw STOPPED;
      try {
        await this.put(n, await this.urlFor(n));
        return;
      } catch (err) {
        if (err === STOPPED || this.stopped) throw STOPPED;
        if (!worthRetrying(err)) throw err;
        this.urls.delete(n); // perhaps expired or refused: the next try asks for a new one
        if (attempt >= MAX_TRIES) {
          throw new ApiError(`Part ${n} of ${this.partCount} could not be sent to storage after ${MAX_TRIES} tries `
            + `(${err.message}) Check your connection, then choose Try again: the parts already stored are kept.`, err.status);
        }
        const wait = waitBefore(attempt);
        if (this.listener.retrying) this.listener.retrying(n, wait, attempt);
        await this.sleep(wait);
      }
    }
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** The part's URL, from the last batch while it is still good, else from a new batch. */
  async urlFor(n) {
    const known = this.urls.get(n);
    if (known && Date.now() < known.usableUntil) return known.url;
    if (!this.asking.has(n)) this.askForUrls(n);
    await this.asking.get(n);
    const got = this.urls.get(n);
    if (!got) throw new ApiError(`Kinora gave no link for part ${n}.`, 0);
    return got.url;
  }

  /** Asks for part n's URL together with the next parts that will need one, so most parts need no request. */
  askForUrls(n) {
    const wanted = [n];
    for (const p of this.pending) {
      if (wanted.length >= URL_BATCH) break;
      const known = this.urls.get(p);
      if (!this.asking.has(p) && !(known && Date.now() < known.usableUntil)) wanted.push(p);
    }
    const askedAt = Date.now();
    const request = partUrls(this.id, wanted).then(({ parts, expiresAt }) => {
      const until = usableUntil(askedAt, expiresAt);
      for (const { partNumber, url } of parts || []) this.urls.set(partNumber, { url, usableUntil: until });
    });
    const forget = () => {
      for (const p of wanted) if (this.asking.get(p) === request) this.asking.delete(p);
    };
    request.then(forget, forget);
    for (const p of wanted) this.asking.set(p, request);
  }

  /** PUTs the part's bytes with XMLHttpRequest, the one browser API that reports upload progress. */
  put(n, url) {
    if (this.stopped) return Promise.reject(STOPPED);
    const start = (n - 1) * this.partSize;
    const length = this.partLength(n);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const flight = { xhr, loaded: 0, stalled: false };
      let stallTimer = 0;
      const watch = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => {
          flight.stalled = true;
          xhr.abort();
        }, STALL_MS);
      };
      const end = (err) => {
        clearTimeout(stallTimer);
        this.flights.delete(n);
        this.settledSent += flight.loaded;
        if (err) {
          reject(err);
        } else {
          this.partsDone += 1;
          this.stored += length;
          resolve();
        }
        this.notify(true);
      };
      xhr.open('PUT', url);
      xhr.upload.addEventListener('progress', (e) => {
        flight.loaded = e.loaded;
        watch();
        this.notify(false);
      });
      xhr.addEventListener('load', () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          flight.loaded = length; // the last progress event may come before the last bytes left
          end(null);
        } else {
          // status 0 like a network error: any refusal may be an expired URL, so it is tried again
          end(new ApiError(`Storage answered ${xhr.status}.`, 0));
        }
      });
      xhr.addEventListener('error', () => end(new ApiError('The connection to storage broke off.', 0)));
      xhr.addEventListener('abort', () => end(flight.stalled ? new ApiError('Storage stopped answering.', 0) : STOPPED));
      this.flights.set(n, flight);
      watch();
      // Blob.slice reads from disk as it is sent: a 20 GiB file is never in memory
      xhr.send(this.file.slice(start, start + length));
    });
  }

  /** Progress at most every NOTIFY_EVERY_MS, except when a part ends (force). */
  notify(force) {
    const now = performance.now();
    if (!force && now - this.lastNotified < NOTIFY_EVERY_MS) return;
    this.lastNotified = now;
    let inFlight = 0;
    for (const flight of this.flights.values()) inFlight += flight.loaded;
    this.listener.progress({
      stored: this.stored,
      inFlight,
      total: this.file.size,
      partsDone: this.partsDone,
      partCount: this.partCount,
      bytesSent: this.settledSent + inFlight,
    });
  }
}
