// The top bar of every page, built here rather than copied into each HTML file. A page holds only
// the placeholder, and says with data-search whether its bar has the search box:
//   <header class="topbar" data-search></header>
// Importing this module (every page's entry module does it first) fills the bar: the Kinora home
// link, the search box, and the empty #account-nav that account-menu.js fills once the page knows
// who is signed in.
import { h } from './dom.js';
import { currentQuery, mountSearchBox } from './search-box.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Fills the page's header.topbar (if it has one) and returns it. */
export function renderHeader() {
  const bar = document.querySelector('header.topbar');
  if (!bar) return null;
  const parts = [brand()];
  if (bar.hasAttribute('data-search')) {
    const slot = h('div', { class: 'search-slot' });
    mountSearchBox(slot, { value: currentQuery() });
    parts.push(slot);
  }
  parts.push(h('nav', { id: 'account-nav', class: 'account-nav', 'aria-label': 'Account' }));
  bar.replaceChildren(...parts);
  return bar;
}

function brand() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('viewBox', '0 0 32 32');
  const rect = document.createElementNS(SVG, 'rect');
  rect.setAttribute('width', '32');
  rect.setAttribute('height', '32');
  rect.setAttribute('rx', '7');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M12 9.5v13l10.5-6.5z');
  svg.append(rect, path);
  const link = h('a', { href: '/', class: 'brand', 'aria-label': 'Kinora home' });
  link.append(svg, 'Kinora');
  return link;
}

renderHeader();
