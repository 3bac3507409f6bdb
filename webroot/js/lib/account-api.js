// The account endpoints: sign-up, sign-in and out, who is signed in, API tokens, and the
// administrators' user management. Transport and errors come from api.js.
import { api } from './api.js';

export const accountSettings = () => api('/api/account'); // {signUpOpen, firstAccount}
export const signUp = (fields) => api('/api/account', { method: 'POST', body: fields });
export const signIn = (username, password) => api('/api/session', { method: 'POST', body: { username, password } });
export const signOut = () => api('/api/session', { method: 'DELETE' });
export const me = () => api('/api/me');

export const listTokens = () => api('/api/me/tokens');
export const createToken = (name) => api('/api/me/tokens', { method: 'POST', body: { name } });
export const revokeToken = (id) => api(`/api/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

const userPath = (id) => `/api/admin/users/${encodeURIComponent(id)}`;
export const listUsers = (page, pageSize) => api(`/api/admin/users?page=${page}&pageSize=${pageSize}`);
export const updateUser = (id, fields) => api(userPath(id), { method: 'PATCH', body: fields });
export const deleteUser = (id) => api(userPath(id), { method: 'DELETE' });
