// The Download menu of the watch page: a button that opens a list of the renditions with their
// sizes; each entry is GET /api/videos/{id}/download?rendition=..., which answers with a redirect
// to the signed MP4 (saved under "<title>-<rendition>.mp4"). Keyboard: Enter or Space opens and
// moves to the first entry, arrows move between entries, Escape closes back to the button.
import { h } from '../dom.js';
import { formatBytes } from '../format.js';

/** Adds the menu for a ready video with downloads; nothing for one without (processed before them). */
export function renderDownloads(record) {
  document.getElementById('downloads')?.remove();
  const downloads = record.status === 'ready' ? record.downloads || [] : [];
  if (downloads.length === 0) return;
  const byName = new Map((record.renditions || []).map((r) => [r.name, r]));
  const items = downloads.map((d) => {
    const rendition = byName.get(d.rendition);
    const size = rendition ? `${rendition.width}×${rendition.height} · ` : '';
    return h('li', { role: 'none' }, h('a', {
      role: 'menuitem', href: d.url, download: '', class: 'download-item', dataset: { rendition: d.rendition },
    }, h('span', { class: 'download-name' }, d.rendition), h('span', { class: 'muted' }, `${size}MP4 · ${formatBytes(d.sizeBytes)}`)));
  });
  const panel = h('ul', { id: 'download-menu', class: 'download-menu', role: 'menu', 'aria-label': 'Download a quality', hidden: true }, items);
  const button = h('button', {
    type: 'button', id: 'download-button', class: 'button secondary small', 'aria-haspopup': 'menu',
    'aria-expanded': 'false', 'aria-controls': 'download-menu',
  }, 'Download');
  const root = h('div', { id: 'downloads', class: 'downloads' }, button, panel);
  const links = () => [...panel.querySelectorAll('a')];
  const setOpen = (open, focusFirst = false) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open && focusFirst) links()[0]?.focus();
  };
  button.addEventListener('click', () => setOpen(panel.hidden, true));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      setOpen(false);
      button.focus();
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !panel.hidden) {
      const all = links();
      const at = all.indexOf(document.activeElement);
      const next = e.key === 'ArrowDown' ? (at + 1) % all.length : (at - 1 + all.length) % all.length;
      all[next].focus();
    } else {
      return;
    }
    // the player's shortcuts (arrows, k, m, f) must not act while the menu is in use
    e.preventDefault();
    e.stopPropagation();
  });
  panel.addEventListener('click', (e) => { if (e.target.closest('a')) setOpen(false); });
  document.addEventListener('click', (e) => { if (!root.contains(e.target)) setOpen(false); });
  root.addEventListener('focusout', (e) => { if (e.relatedTarget && !root.contains(e.relatedTarget)) setOpen(false); });
  const share = document.querySelector('.details .share');
  if (share) share.before(root);
  else document.querySelector('.details')?.append(root);
}
