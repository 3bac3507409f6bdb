// Storage used against a quota, as words ("1.2 GiB of 10 GiB used") and as a bar (role meter).
import { h } from './dom.js';
import { formatBytes } from './format.js';

/** Percent used, 0..100; a zero quota counts as full as soon as anything is stored. */
export function usedPercent(usedBytes, quotaBytes) {
  if (!(quotaBytes > 0)) return usedBytes > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, (usedBytes / quotaBytes) * 100));
}

export function usageSentence(usedBytes, quotaBytes) {
  return `${formatBytes(usedBytes || 0)} of ${formatBytes(quotaBytes || 0)} used`;
}

export function leftSentence(usedBytes, quotaBytes) {
  const left = (quotaBytes || 0) - (usedBytes || 0);
  return left > 0 ? `${formatBytes(left)} left` : 'No space left: delete videos or ask an administrator for more.';
}

/** A meter labelled by its own words; update(used, quota) redraws it in place. */
export function usageMeter(usedBytes, quotaBytes, { label = 'Storage' } = {}) {
  const fill = h('div', { class: 'meter-fill' });
  const bar = h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': label }, fill);
  const text = h('span', { class: 'meter-text' });
  const el = h('div', { class: 'usage' }, text, bar);
  const update = (used, quota) => {
    const percent = usedPercent(used, quota);
    fill.style.width = `${percent}%`;
    bar.setAttribute('aria-valuenow', Math.round(percent));
    bar.setAttribute('aria-valuetext', usageSentence(used, quota));
    bar.dataset.level = percent >= 100 ? 'full' : percent >= 90 ? 'high' : 'ok';
    text.textContent = usageSentence(used, quota);
  };
  update(usedBytes, quotaBytes);
  return { el, update };
}
