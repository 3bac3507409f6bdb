// Talking to the Kinora API: JSON in and out, the CSRF header on writes, errors as ApiError
// carrying the server's sentence.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let onSessionLost = null;

/** The value of a cookie scripts may read (the session cookie itself is HttpOnly), or ''. */
export function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return '';
}

/**
 * Called with no arguments when an API call answers 401 while someone is believed signed in
 * (their session ended); null while signed out, so a wrong password stays a plain error.
 */
export function whenSessionLost(callback) {
  onSessionLost = callback;
}

/** Headers for a request to the API: JSON, and on writes the double-submit CSRF token. */
function apiHeaders(method, json) {
  const headers = { Accept: 'application/json' };
  if (json) headers['Content-Type'] = 'application/json';
  const xsrf = readCookie('XSRF-TOKEN');
  if (WRITES.has(method) && xsrf) headers['X-XSRF-TOKEN'] = xsrf;
  return headers;
}

/**
 * Calls the API and answers with its JSON. `body` goes as JSON; `file` (a Blob) goes as the body
 * itself, of media type `type`: a caption file, a picture.
 */
export async function api(path, { method = 'GET', body, file, type } = {}) {
  const headers = apiHeaders(method, body !== undefined);
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (file !== undefined) {
    headers['Content-Type'] = type;
    init.body = file;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError('Kinora could not be reached. Check your connection and try again.', 0);
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && onSessionLost) onSessionLost();
    throw new ApiError((data && data.error) || `The server answered ${response.status}. Try again in a moment.`, response.status);
  }
  return data;
}

const videoPath = (id) => `/api/videos/${encodeURIComponent(id)}`;

/** scope: 'mine' (the caller's own), 'public' (the catalogue) or 'all' (administrators). */
export const listVideos = (page, pageSize, scope = 'mine') =>
  api(`/api/videos?scope=${encodeURIComponent(scope)}&page=${page}&pageSize=${pageSize}`);
export const getVideo = (id) => api(videoPath(id));
export const updateVideo = (id, fields) => api(videoPath(id), { method: 'PATCH', body: fields });
export const deleteVideo = (id) => api(videoPath(id), { method: 'DELETE' });
export const createUpload = (fields) => api('/api/uploads', { method: 'POST', body: fields });
export const completeUpload = (id) => api(`${videoPath(id)}/complete`, { method: 'POST' });
export const eventsUrl = (id) => `${videoPath(id)}/events`;

// Multipart uploads: presigned part URLs a batch at a time, what storage holds, and cancelling.
const uploadPath = (id) => `/api/uploads/${encodeURIComponent(id)}`;
/** {parts: [{partNumber, url}], expiresAt} */
export const partUrls = (id, partNumbers) => api(`${uploadPath(id)}/parts`, { method: 'POST', body: { partNumbers } });
/** {size, partSize, partCount, expiresAt, parts: [{partNumber, size, etag}]}: asked of storage, not remembered */
export const storedParts = (id) => api(`${uploadPath(id)}/parts`);
export const cancelUpload = (id) => api(uploadPath(id), { method: 'DELETE' });

// What the UI enforced before the server told it; only these have a fallback, the other limits
// (file name, size, duration, dimensions) stay unknown when the server does not answer.
const FALLBACK_LIMITS = { maxTitleLength: 200, maxDescriptionLength: 5000 };
let limits = null;

/**
 * The server's field and file limits (GET /api/limits), asked once per page. Never rejects: if the
 * server does not answer, the built-in numbers keep the page working.
 */
export function getLimits() {
  if (!limits) {
    limits = api('/api/limits').then(
      (answer) => ({ ...FALLBACK_LIMITS, ...positiveNumbers(answer) }),
      () => ({ ...FALLBACK_LIMITS }));
  }
  return limits;
}

/** Only positive whole numbers are taken, so a malformed answer cannot unlimit or zero a field. */
function positiveNumbers(answer) {
  const taken = {};
  for (const [key, value] of Object.entries(answer || {})) {
    if (Number.isSafeInteger(value) && value > 0) taken[key] = value;
  }
  return taken;
}
