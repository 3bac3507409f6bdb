// The dashboard's small charts: one bar a minute over the last hour, drawn as inline SVG. There
// is no history API, so the series only holds what this page saw happen since it was opened;
// the part of the hour before that is shaded and said to have no data.
import { h } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MINUTE = 60_000;
export const BUCKETS = 60;
const WIDTH = 240;
const HEIGHT = 64;

/** Events in the last hour, each {at (ms), kind ('ready' | 'failed'), seconds (time to ready)}. */
export class OutcomeSeries {
  constructor(openedAt = Date.now()) {
    this.openedAt = openedAt;
    this.events = [];
  }

  record(kind, at, seconds = null) {
    this.events.push({ kind, at: Math.max(at, this.openedAt), seconds });
  }

  /** Forgets what is older than an hour: the page may stay open for days. */
  prune(now = Date.now()) {
    this.events = this.events.filter((e) => now - e.at < BUCKETS * MINUTE);
  }

  /** BUCKETS values, oldest minute first: reduce(events of that minute) or null when none. */
  perMinute(filter, reduce, now = Date.now()) {
    const groups = Array.from({ length: BUCKETS }, () => []);
    for (const e of this.events) {
      const age = Math.floor((now - e.at) / MINUTE);
      if (age >= 0 && age < BUCKETS && filter(e)) groups[BUCKETS - 1 - age].push(e);
    }
    return groups.map((g) => (g.length ? reduce(g) : null));
  }
}

/** Median of numbers (not empty). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function svg(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

/**
 * A chart in a <figure>: caption, SVG (an image named by its summary), axis labels and the
 * summary as text too. update(values, summary, noDataBefore) redraws it; values has BUCKETS
 * numbers or nulls, noDataBefore is how many leading minutes the page was not open for.
 */
export function barChart({ id, caption, kind }) {
  const summary = h('p', { id: `${id}-summary`, class: 'chart-summary' });
  const peak = h('span', { class: 'chart-peak' });
  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', class: `chart chart-${kind}`, role: 'img' });
  drawing.setAttribute('aria-labelledby', `${id}-caption ${id}-summary`);
  const figure = h('figure', { class: 'chart-figure', id, dataset: { chart: kind } },
    h('figcaption', { id: `${id}-caption`, class: 'chart-caption' }, caption),
    h('div', { class: 'chart-frame' }, peak, drawing),
    h('div', { class: 'chart-axis', 'aria-hidden': 'true' }, h('span', {}, '60 min ago'), h('span', {}, 'now')),
    summary);

  const update = (values, text, noDataBefore, format = String) => {
    const max = Math.max(0, ...values.filter((v) => v !== null));
    const slot = WIDTH / BUCKETS;
    const shapes = [];
    if (noDataBefore > 0) {
      const shade = svg('rect', { x: 0, y: 0, width: noDataBefore * slot, height: HEIGHT, class: 'chart-before' });
      shapes.push(shade);
    }
    shapes.push(svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT - 0.5, y2: HEIGHT - 0.5, class: 'chart-baseline' }));
    values.forEach((value, i) => {
      if (value === null || value <= 0 || max === 0) return;
      const height = Math.max(2, (value / max) * (HEIGHT - 4));
      shapes.push(svg('rect', { x: i * slot + 0.5, y: HEIGHT - height, width: slot - 1, height, class: 'chart-bar' }));
    });
    drawing.replaceChildren(...shapes);
    peak.textContent = max > 0 ? `max ${format(max)}` : '';
    summary.textContent = text;
  };
  return { el: figure, update };
}
