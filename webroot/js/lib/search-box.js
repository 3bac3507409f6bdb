// The search box of the top bar: a labelled form (role=search) that opens /search?q=. It works
// without any script of its own (a plain GET form); this module only builds it. header.js puts one
// into the top bar of the pages that have search.
import { h } from './dom.js';

const MAX_LENGTH = 200; // the server's limit for q
let count = 0;

/**
 * Puts a search form into `container` (replacing what it held) and returns the form.
 * value: the text to show in the box (e.g. the current query on the results page).
 */
export function mountSearchBox(container, { value = '' } = {}) {
  count += 1;
  const id = `search-box-${count}`;
  const input = h('input', {
    id, name: 'q', type: 'search', maxlength: MAX_LENGTH, required: true, autocomplete: 'off',
    enterkeyhint: 'search', placeholder: 'Search videos', class: 'search-input',
  });
  input.value = value;
  const form = h('form', { class: 'search-box', role: 'search', action: '/search', method: 'get', 'aria-label': 'Search videos' },
    h('label', { for: id, class: 'visually-hidden' }, 'Search videos'),
    input,
    h('button', { type: 'submit', class: 'search-button' },
      h('span', { class: 'visually-hidden' }, 'Search'),
      searchIcon()));
  form.addEventListener('submit', (e) => {
    if (!input.value.trim()) {
      e.preventDefault(); // a blank search has no answer: stay, and say what is needed
      input.value = '';
      input.focus();
      input.reportValidity();
    }
  });
  container.replaceChildren(form);
  return form;
}

function searchIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z');
  svg.append(path);
  return svg;
}

/** On the results page the box shows what was searched for. */
export function currentQuery() {
  return /^\/search(\.html)?$/.test(location.pathname) ? new URLSearchParams(location.search).get('q') || '' : '';
}
