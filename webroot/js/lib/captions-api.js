// Caption tracks of a video: list, add or replace one from a file, delete.
import { api } from './api.js';

const captionsPath = (id) => `/api/videos/${encodeURIComponent(id)}/captions`;

export const listCaptions = (id) => api(captionsPath(id)).then((page) => page.items);

export const deleteCaptions = (id, language) =>
  api(`${captionsPath(id)}/${encodeURIComponent(language)}`, { method: 'DELETE' });

/**
 * Sends the SRT or WebVTT file itself as the body; its type comes from its name, since browsers
 * give .srt files no type or different ones. Answers with the track.
 */
export function putCaptions(id, language, label, file) {
  const query = label ? `?${new URLSearchParams({ label })}` : '';
  return api(`${captionsPath(id)}/${encodeURIComponent(language)}${query}`,
    { method: 'PUT', file, type: /\.vtt$/i.test(file.name) ? 'text/vtt' : 'application/x-subrip' });
}
