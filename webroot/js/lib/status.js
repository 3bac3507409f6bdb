// Video status in words, and live status over Server-Sent Events.
import { eventsUrl, getVideo } from './api.js';

export const TERMINAL = new Set(['ready', 'failed']);

const WORDS = {
  awaiting_upload: 'Waiting for upload',
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
};

/** Short label for badges: "Processing 42%". */
export function statusLabel(status, progress) {
  const word = WORDS[status] || status;
  return status === 'processing' ? `${word} ${Math.max(0, Math.min(100, progress || 0))}%` : word;
}

/** A sentence for progress areas. */
export function statusSentence(status, progress) {
  switch (status) {
    case 'awaiting_upload': return 'Waiting for the file to arrive.';
    case 'queued': return 'Queued: waiting for a free transcoder.';
    case 'processing': return `Processing: making the HLS renditions, ${progress || 0}% done.`;
    case 'ready': return 'Ready to watch.';
    case 'failed': return 'Processing failed.';
    default: return statusLabel(status, progress);
  }
}

// Browsers give HTTP/1.1 pages 6 connections per server and an event stream holds one, so at
// most MAX_STREAMS run at once; further videos wait their turn (streams end at ready/failed).
const MAX_STREAMS = 3;
const streams = new Map(); // id -> {source, listeners:Set, last}
const waiting = [];

/**
 * Calls listener({status, progress, error, playable}) for every change of the video until it is ready or
 * failed. Returns a function that stops listening.
 */
export function followStatus(id, listener) {
  let entry = streams.get(id);
  if (!entry) {
    entry = { source: null, listeners: new Set(), last: null };
    streams.set(id, entry);
    if (activeCount() < MAX_STREAMS) open(id, entry); else waiting.push(id);
  }
  entry.listeners.add(listener);
  if (entry.last) listener(entry.last);
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) release(id);
  };
}

function activeCount() {
  let n = 0;
  for (const entry of streams.values()) if (entry.source) n += 1;
  return n;
}

function open(id, entry) {
  const source = new EventSource(eventsUrl(id));
  entry.source = source;
  const onMessage = (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    entry.last = data;
    for (const listener of [...entry.listeners]) listener(data);
    if (TERMINAL.has(data.status)) release(id);
  };
  source.addEventListener('status', onMessage);
  source.addEventListener('progress', onMessage);
  source.addEventListener('error', () => {
    // EventSource reconnects by itself (sending Last-Event-ID) unless the server refused the
    // stream, e.g. the video was deleted: then read the record once and stop.
    if (source.readyState !== EventSource.CLOSED) return;
    getVideo(id)
      .then((video) => {
        onMessage({ data: JSON.stringify({
          status: video.status, progress: video.progress, error: video.error, playable: video.playable,
        }) });
        if (!TERMINAL.has(video.status)) {
          setTimeout(() => { if (streams.get(id) === entry) open(id, entry); }, 5000);
        }
      })
      .catch((err) => onMessage({ data: JSON.stringify({ status: 'failed', progress: 0, error: err.status === 404
        ? 'This video no longer exists: it was deleted.' : err.message }) }));
  });
}

function release(id) {
  const entry = streams.get(id);
  if (!entry) return;
  if (entry.source) entry.source.close();
  streams.delete(id);
  const index = waiting.indexOf(id);
  if (index >= 0) waiting.splice(index, 1);
  while (waiting.length && activeCount() < MAX_STREAMS) {
    const next = waiting.shift();
    const nextEntry = streams.get(next);
    if (nextEntry && !nextEntry.source) open(next, nextEntry);
  }
}
