// Unfinished uploads remembered in localStorage, so that choosing the same file again after a
// reload or a crash can resume it. Browsers give a page no file path, so a file is recognised by
// its name, size and last-modified date. Storage itself is always asked what it holds: a record
// only says which upload to ask about.

const PREFIX = 'kinora.upload:';

function keyOf(file) {
  return PREFIX + JSON.stringify([file.name, file.size, file.lastModified]);
}

function expired(record) {
  return !(Date.parse(record.expiresAt) > Date.now());
}

/** record: {videoId, partSize, partCount, expiresAt, title} */
export function rememberUpload(file, record) {
  try {
    localStorage.setItem(keyOf(file), JSON.stringify(record));
  } catch {
    // storage full or blocked: the upload still works, it just cannot resume after a reload
  }
}

/** The record of an unfinished upload of this file, or null (none, unreadable or expired). */
export function findUpload(file) {
  try {
    const record = JSON.parse(localStorage.getItem(keyOf(file)) || 'null');
    if (record && typeof record.videoId === 'string' && !expired(record)) return record;
    if (record) forgetUpload(file);
  } catch {
    // an unreadable record is as good as none
  }
  return null;
}

export function forgetUpload(file) {
  try {
    localStorage.removeItem(keyOf(file));
  } catch {
    // nothing to do: a stale record is checked with the server before it is used
  }
}

/** Drops the records of uploads the server has swept by now, so they do not pile up. */
export function forgetExpiredUploads() {
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(PREFIX)) continue;
      let record = null;
      try {
        record = JSON.parse(localStorage.getItem(key));
      } catch {
        // unreadable: dropped below
      }
      if (!record || expired(record)) localStorage.removeItem(key);
    }
  } catch {
    // localStorage blocked: nothing was remembered either
  }
}
