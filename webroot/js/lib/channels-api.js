// Channels, subscriptions and the feed (social.channels on the server).
import { api } from './api.js';

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
export const uploadAvatar = (file) => api('/api/me/avatar', { method: 'PUT', file, type: file.type });
