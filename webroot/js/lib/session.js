// Who is signed in (asked once per page, and not at all without a session), the way to the
// sign-in page when a session ends, and a one-line message carried over to the next page.
import { readCookie, whenSessionLost } from './api.js';
import { me, signOut } from './account-api.js';

const FLASH_KEY = 'kinora.flash';
let current = null;
let expired = false;
let leaving = false;

/**
 * Resolves to {id, username, role, quotaBytes, usedBytes} or null when nobody is signed in.
 * Without the XSRF-TOKEN cookie there is no session, so no request is made (and no 401 logged).
 */
export function currentUser() {
  if (!current) current = load();
  return current;
}

async function load() {
  if (!readCookie('XSRF-TOKEN')) return null;
  try {
    const user = await me();
    whenSessionLost(() => goToSignIn('expired'));
    return user;
  } catch (err) {
    if (err.status !== 401) throw err;
    expired = true; // the cookie outlived the session (idle expiry, signed out elsewhere)
    forgetCookie();
    return null;
  }
}

/** True when this page found a session that had ended; pages that need one say so at sign-in. */
export function sessionExpired() {
  return expired;
}

export const isAdmin = (user) => Boolean(user && user.role === 'admin');

function forgetCookie() {
  document.cookie = 'XSRF-TOKEN=; Max-Age=0; Path=/; SameSite=Lax';
}

/**
 * Leaves for /signin, which explains why (reason: 'expired' | 'required') and comes back here
 * afterwards. Several failing requests at once leave only once.
 */
export function goToSignIn(reason) {
  if (leaving) return;
  leaving = true;
  whenSessionLost(null);
  const params = new URLSearchParams({ reason, next: location.pathname + location.search });
  location.assign(`/signin?${params}`);
}

/** Resolves to the signed-in user, or leaves for the sign-in page (and never resolves). */
export async function requireUser() {
  const user = await currentUser();
  if (user) return user;
  goToSignIn(expired ? 'expired' : 'required');
  return new Promise(() => {});
}

/** Ends the session everywhere, then shows the public home page. */
export async function endSession() {
  whenSessionLost(null);
  await signOut();
  forgetCookie();
  setFlash('You are signed out.');
  location.assign('/');
}

/**
 * Where to go after signing in: a path on this site from ?next=, never another site and never
 * back to the sign-in or sign-up page. Browsers drop tabs and newlines from URLs and read "\" as
 * "/", so "/%09/evil" or "/\evil" would become "//evil": such characters are refused outright,
 * and what is left must resolve to this very origin.
 */
export function nextPath() {
  return sameOriginPath(new URLSearchParams(location.search).get('next'));
}

/** The value as a path on this origin ("/" when it is anything else), for redirects. */
export function sameOriginPath(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url;
  try {
    url = new URL(value, location.origin);
  } catch {
    return '/';
  }
  if (url.origin !== location.origin) return '/';
  const path = url.pathname + url.search + url.hash;
  if (/^\/sign(in|up)(\.html)?(\?|#|$)/.test(path)) return '/';
  return path;
}

/** A message for the next page this tab shows (e.g. "You are signed out."). */
export function setFlash(text) {
  try {
    sessionStorage.setItem(FLASH_KEY, text);
  } catch {
    // storage off: the message is only a courtesy
  }
}

export function takeFlash() {
  try {
    const text = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    return text;
  } catch {
    return null;
  }
}
