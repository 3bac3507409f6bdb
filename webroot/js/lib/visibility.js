// Who may watch a video: the three visibilities in words, a labelled radio group to choose one,
// and the badge a video row shows.
import { h, icon, ICONS } from './dom.js';

export const DEFAULT_VISIBILITY = 'unlisted';

export const VISIBILITIES = {
  private: { label: 'Private', hint: 'Only you and administrators can watch it.', icon: ICONS.lock },
  unlisted: { label: 'Unlisted', hint: 'Anyone with the link can watch it; it is not listed anywhere.', icon: ICONS.link },
  public: { label: 'Public', hint: 'Listed on the home page: anyone can find and watch it.', icon: ICONS.globe },
};

let nextId = 1;

/**
 * A fieldset of three radio cards; each hint describes its radio. Returns {el, value, disabled}
 * where value and disabled are read and written like an input's.
 */
export function visibilityChooser(value = DEFAULT_VISIBILITY, { legend = 'Visibility' } = {}) {
  const group = `visibility-${nextId++}`;
  const radios = [];
  const options = Object.entries(VISIBILITIES).map(([key, { label, hint, icon: path }]) => {
    const id = `${group}-${key}`;
    const radio = h('input', { type: 'radio', id, name: group, value: key, 'aria-describedby': `${id}-hint` });
    radios.push(radio);
    return h('div', { class: 'visibility-option', dataset: { visibility: key } },
      radio,
      h('label', { for: id }, icon(path), label),
      h('p', { id: `${id}-hint`, class: 'visibility-hint' }, hint));
  });
  const el = h('fieldset', { class: 'visibility-choice' }, h('legend', {}, legend), options);
  const chooser = {
    el,
    get value() {
      const checked = radios.find((r) => r.checked);
      return checked ? checked.value : DEFAULT_VISIBILITY;
    },
    set value(v) {
      const wanted = VISIBILITIES[v] ? v : DEFAULT_VISIBILITY;
      for (const r of radios) r.checked = r.value === wanted;
    },
    set disabled(off) {
      el.disabled = off;
    },
  };
  chooser.value = value;
  return chooser;
}

/** "Private", "Unlisted" or "Public" with its icon; nothing for a record without a visibility. */
export function visibilityBadge(visibility) {
  const known = VISIBILITIES[visibility];
  if (!known) return null;
  return h('span', { class: `badge visibility visibility-${visibility}`, title: known.hint },
    icon(known.icon), known.label);
}
