// Talking to the Kinora API: JSON in and out, errors as ApiError carrying the server's sentence.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError('Kinora could not be reached. Check your connection and try again.', 0);
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError((data && data.error) || `The server answered ${response.status}. Try again in a moment.`, response.status);
  }
  return data;
}

const videoPath = (id) => `/api/videos/${encodeURIComponent(id)}`;

export const listVideos = (page, pageSize) => api(`/api/videos?page=${page}&pageSize=${pageSize}`);
export const getVideo = (id) => api(videoPath(id));
export const updateVideo = (id, fields) => api(videoPath(id), { method: 'PATCH', body: fields });
export const deleteVideo = (id) => api(videoPath(id), { method: 'DELETE' });
export const createUpload = (fields) => api('/api/uploads', { method: 'POST', body: fields });
export const completeUpload = (id) => api(`${videoPath(id)}/complete`, { method: 'POST' });
export const eventsUrl = (id) => `${videoPath(id)}/events`;

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

/**
 * PUTs a file straight to storage (the presigned URL) with XMLHttpRequest, the one browser API
 * that reports upload progress. Resolves when storage accepted it; rejects with an ApiError.
 * Returns {promise, abort}.
 */
export function putFile(url, file, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('PUT', url);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve();
      } else if (xhr.status === 403) {
        reject(new ApiError('Storage refused the upload: its link has expired. Upload the file again.', 403));
      } else {
        reject(new ApiError(`Storage answered ${xhr.status} to the upload. Upload the file again; if it keeps failing, ask your administrator to check the storage server.`, xhr.status));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError('The upload was interrupted. Check your connection and upload the file again.', 0)));
    xhr.addEventListener('abort', () => reject(new ApiError('Upload cancelled.', -1)));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
