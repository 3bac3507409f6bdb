// Channels, subscriptions and the feed (social.channels on the server).
import { api, apiHeaders, ApiError } from './api.js';

const userPath = (username) => `/api/users/${encodeURIComponent(username)}`;

/** {username, displayName, bio, avatarUrl, subscribers, videoCount, subscribed?} */
export const getChannel = (username) => api(userPath(username));
/** {items, page, pageSize, total}: public, ready videos, newest first */
export const channelVideos = (username, page, pageSize) =>
  api(`${userPath(username)}/videos?page=${page}&pageSize=${pageSize}`);
/** {subscribed: true, subscribers} */
export const subscribe = (username) => api(`${userPath(username)}/subscription`, { method: 'PUT' });
export const unsubscribe = (username) => api(`${userPath(username)}/subscription`, { method: 'DELETE' });
/** fields: {displayName?, bio?}; answers with the channel */
export const updateProfile = (fields) => api('/api/me', { method: 'PATCH', body: fields });
export const removeAvatar = () => api('/api/me/avatar', { method: 'DELETE' });
/** {items: [video], nextCursor} */
export const getFeed = (cursor, limit = 12) =>
  api(`/api/feed?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
/** {items: [channel], page, pageSize, total} */
export const mySubscriptions = (page = 1, pageSize = 50) => api(`/api/me/subscriptions?page=${page}&pageSize=${pageSize}`);

/** The largest picture the server takes. */
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;
export const UNREADABLE = 'This file is not an image Kinora can read; upload a JPEG, PNG, GIF or WebP.';

/** Sends the picture itself as the body (PUT /api/me/avatar); answers with the channel. */
export async function uploadAvatar(file) {
  const headers = apiHeaders('PUT', false);
  headers['Content-Type'] = file.type;
  let response;
  try {
    response = await fetch('/api/me/avatar', { method: 'PUT', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError('Kinora could not be reached. Check your connection and try again.', 0);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError((data && data.error) || `The server answered ${response.status}. Try again in a moment.`, response.status);
  }
  return data;
}
