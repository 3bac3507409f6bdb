// Playlists through the API (see social.playlists.PlaylistsApi for who sees what).
import { api } from './api.js';

const path = (pid) => `/api/playlists/${encodeURIComponent(pid)}`;

/** Ids of playlists and videos look alike: 22 characters of A-Z, a-z, 0-9, - and _. */
export const isId = (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);

/** The playlist with one page of the items the caller may see. */
export const getPlaylist = (pid, page = 1, pageSize = 50) => api(`${path(pid)}?page=${page}&pageSize=${pageSize}`);
export const createPlaylist = (fields) => api('/api/playlists', { method: 'POST', body: fields });
export const updatePlaylist = (pid, fields) => api(path(pid), { method: 'PATCH', body: fields });
export const deletePlaylist = (pid) => api(path(pid), { method: 'DELETE' });
export const addToPlaylist = (pid, videoId) => api(`${path(pid)}/videos`, { method: 'POST', body: { videoId } });
export const removeFromPlaylist = (pid, videoId) =>
  api(`${path(pid)}/videos/${encodeURIComponent(videoId)}`, { method: 'DELETE' });
/** Mine, newest first; with a videoId each says whether it holds that video ({contains}). */
export const myPlaylists = (videoId, page = 1) =>
  api(`/api/me/playlists?pageSize=100&page=${page}${videoId ? `&videoId=${encodeURIComponent(videoId)}` : ''}`);

/** A playlist's whole list of items the caller may see, in order, 100 at a time (at most 2,000). */
export async function allItems(pid) {
  const first = await getPlaylist(pid, 1, 100);
  const items = [...first.items];
  const pages = Math.min(20, Math.ceil(first.videoCount / 100));
  for (let page = 2; page <= pages; page += 1) {
    const next = await getPlaylist(pid, page, 100);
    items.push(...next.items);
  }
  return { playlist: first, items };
}
