// A message at the top of the page (#notice) that stays until dismissed: what the last page
// left to say ("You are signed out."), or why this one cannot be shown.
import { h, icon, ICONS } from './dom.js';

/** kind: 'info' (read politely) or 'error' (read at once). */
export function showNotice(text, kind = 'info') {
  const box = document.getElementById('notice');
  if (!box) return;
  const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss this message', title: 'Dismiss' },
    icon(ICONS.close));
  close.addEventListener('click', () => {
    box.hidden = true;
    box.replaceChildren();
  });
  box.className = `notice dismissible ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.replaceChildren(h('p', {}, text), close);
  box.hidden = false;
}
