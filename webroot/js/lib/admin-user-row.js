// One account on the admin page: name, role, state and storage, with controls to change the
// role, the quota (in GiB), disable or enable it, and delete it after confirmation.
import { deleteUser, updateUser } from './account-api.js';
import { confirmAction } from './confirm.js';
import { h, toast } from './dom.js';
import { formatAgo, formatBytes, formatDate } from './format.js';
import { usageMeter } from './quota.js';

const GIB = 1024 ** 3;

/** Bytes as GiB for the quota field: at most two decimals, no trailing zeros. */
export const toGib = (bytes) => String(Math.round(((bytes || 0) / GIB) * 100) / 100);

/**
 * The row for user; self is the administrator looking (who cannot demote, disable or delete
 * themselves here). replaced(user) swaps in a fresh row; deleted() reloads the list.
 */
export function userRow(user, { self, replaced, deleted }) {
  const key = `user-${user.id}`;
  const error = h('p', { class: 'row-error', role: 'alert', hidden: true });
  const fail = (err) => {
    error.textContent = err.message;
    error.hidden = false;
  };
  const patch = async (fields, said) => {
    const fresh = await updateUser(user.id, fields);
    toast(said(fresh));
    replaced(fresh);
  };
  /** patch, its error shown under the row; resolves to whether it worked. */
  const save = (fields, said) => {
    error.hidden = true;
    return patch(fields, said).then(() => true, (err) => {
      fail(err);
      return false;
    });
  };

  const role = h('select', { id: `${key}-role`, class: 'select', disabled: self },
    h('option', { value: 'user' }, 'User'), h('option', { value: 'admin' }, 'Administrator'));
  role.value = user.role === 'admin' ? 'admin' : 'user';
  role.addEventListener('change', async () => {
    if (!await save({ role: role.value }, (u) => `${u.username} is now ${u.role === 'admin' ? 'an administrator' : 'a user'}.`)) {
      role.value = user.role === 'admin' ? 'admin' : 'user';
    }
  });

  const quota = h('input', { id: `${key}-quota`, type: 'number', min: 0.01, step: 'any', inputmode: 'decimal', value: toGib(user.quotaBytes) });
  const quotaForm = h('form', { class: 'quota-form', novalidate: true },
    h('label', { for: `${key}-quota` }, 'Quota (GiB)'),
    h('div', { class: 'quota-row' }, quota,
      h('button', { type: 'submit', class: 'button small secondary', 'aria-label': `Save quota of ${user.username}` }, 'Save')));
  quotaForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const gib = Number(quota.value);
    if (quota.value.trim() === '' || !Number.isFinite(gib) || gib <= 0) {
      quota.setAttribute('aria-invalid', 'true');
      fail(new Error('Give the quota as a number of GiB greater than zero, such as 10 or 2.5.'));
      quota.focus();
      return;
    }
    quota.removeAttribute('aria-invalid');
    save({ quotaBytes: Math.max(1, Math.round(gib * GIB)) }, (u) => `${u.username} may now store ${formatBytes(u.quotaBytes)}.`);
  });

  const actions = [];
  if (!self) {
    const toggle = h('button', { type: 'button', id: `${key}-toggle`, class: 'button small secondary', dataset: { action: user.disabled ? 'enable' : 'disable' } },
      user.disabled ? 'Enable' : 'Disable');
    toggle.setAttribute('aria-label', `${user.disabled ? 'Enable' : 'Disable'} ${user.username}`);
    toggle.addEventListener('click', async () => {
      if (user.disabled) await enable(user, save); else await disable(user, patch);
      const fresh = document.getElementById(`${key}-toggle`); // the new row's button, after a dialog
      if (fresh && fresh !== toggle) fresh.focus();
    });
    const remove = h('button', { type: 'button', id: `${key}-delete`, class: 'button small secondary danger-text', 'aria-label': `Delete ${user.username}`, dataset: { action: 'delete' } }, 'Delete');
    remove.addEventListener('click', () => removeUser(user, deleted));
    actions.push(toggle, remove);
  }

  const meter = usageMeter(user.usedBytes, user.quotaBytes, { label: `Storage used by ${user.username}` });
  return h('li', { class: `user-row${user.disabled ? ' disabled' : ''}`, dataset: { id: user.id, username: user.username } },
    h('div', { class: 'user-info' },
      h('span', { class: 'user-name' }, user.username, self ? h('span', { class: 'muted' }, ' (you)') : null),
      user.email ? h('span', { class: 'user-email' }, user.email) : null,
      h('span', { class: `badge ${user.disabled ? 'status-failed' : 'status-ready'}` }, user.disabled ? 'Disabled' : 'Active'),
      user.createdAt ? h('span', { class: 'user-date' }, 'Joined ',
        h('time', { datetime: user.createdAt, title: formatDate(user.createdAt) }, formatAgo(user.createdAt))) : null),
    h('div', { class: 'user-role field' }, h('label', { for: `${key}-role` }, 'Role'), role),
    h('div', { class: 'user-usage' }, meter.el),
    quotaForm,
    h('div', { class: 'user-actions' }, actions),
    error);
}

/** Asks first: disabling signs the person out everywhere. An error stays in the dialog. */
async function disable(user, patch) {
  await confirmAction({
    title: `Disable ${user.username}?`,
    text: `${user.username} is signed out everywhere and their API tokens stop working until you enable the account again. Their videos stay as they are.`,
    confirmLabel: 'Disable account',
    action: () => patch({ disabled: true }, (u) => `${u.username} is disabled.`),
  });
}

function enable(user, save) {
  return save({ disabled: false }, (u) => `${u.username} can sign in again.`);
}

async function removeUser(user, deleted) {
  const done = await confirmAction({
    title: `Delete ${user.username}?`,
    text: `The account, its API tokens and every video it uploaded (${formatBytes(user.usedBytes || 0)}) are removed, and links to those videos stop working. This cannot be undone.`,
    confirmLabel: 'Delete account',
    action: () => deleteUser(user.id).catch((err) => {
      if (err.status !== 404) throw err;
    }),
  });
  if (done) {
    toast(`Deleted ${user.username} and their videos.`);
    deleted();
  }
}
