// Caption tracks of a video: list, add or replace one from a file, delete.
import { api, ApiError, apiHeaders } from './api.js';

const captionsPath = (id) => `/api/videos/${encodeURIComponent(id)}/captions`;

export const listCaptions = (id) => api(captionsPath(id)).then((page) => page.items);

export const deleteCaptions = (id, language) =>
  api(`${captionsPath(id)}/${encodeURIComponent(language)}`, { method: 'DELETE' });

/**
 * Sends the SRT or WebVTT file itself as the body; its type comes from its name, since browsers
 * give .srt files no type or different ones. Answers with the track.
 */
export async function putCaptions(id, language, label, file) {
  const headers = apiHeaders('PUT', false);
  headers['Content-Type'] = /\.vtt$/i.test(file.name) ? 'text/vtt' : 'application/x-subrip';
  const query = label ? `?${new URLSearchParams({ label })}` : '';
  let response;
  try {
    response = await fetch(`${captionsPath(id)}/${encodeURIComponent(language)}${query}`,
      { method: 'PUT', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError('Kinora could not be reached. Check your connection and try again.', 0);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError((data && data.error) || `The server answered ${response.status}. Try again in a moment.`, response.status);
  }
  return data;
}
