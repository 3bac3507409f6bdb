// The dashboard's small charts: one bar a minute, drawn as inline SVG, from the per-minute
// series of GET /api/admin/stats (oldest minute first).
import { h } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 240;
const HEIGHT = 64;

function svg(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

/**
 * A chart in a <figure>: caption, SVG (an image named by its summary), axis labels and the
 * summary as text too. update(values, summary, format) redraws it; values has one number (or
 * null) a minute, oldest first, and format writes the peak.
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

  const update = (values, text, format = String) => {
    const max = Math.max(0, ...values.filter((v) => v !== null));
    const slot = WIDTH / Math.max(1, values.length);
    const shapes = [svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT - 0.5, y2: HEIGHT - 0.5, class: 'chart-baseline' })];
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
