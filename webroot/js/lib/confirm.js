// A modal "are you sure?" with Cancel focused first; the action runs on confirm, and its error
// keeps the dialog open with the server's sentence.
import { h } from './dom.js';

let nextId = 1;

/**
 * Resolves to true once action() succeeded, false when cancelled (button, Escape).
 * confirmLabel names the irreversible step, e.g. "Revoke token".
 */
export function confirmAction({ title, text, confirmLabel, action }) {
  const id = `confirm-${nextId++}`;
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const cancel = h('button', { type: 'button', class: 'button secondary', autofocus: true }, 'Cancel');
  const confirm = h('button', { type: 'submit', class: 'button danger', dataset: { confirm: '' } }, confirmLabel);
  const form = h('form', { method: 'dialog' },
    h('h2', { id: `${id}-title` }, title),
    h('p', { id: `${id}-text` }, text),
    error,
    h('div', { class: 'dialog-actions' }, cancel, confirm));
  const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let done = false;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(done);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      confirm.disabled = true;
      error.hidden = true;
      try {
        await action();
        done = true;
        dialog.close();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
        confirm.disabled = false;
      }
    });
    dialog.showModal();
  });
}
