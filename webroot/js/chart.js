// Small charts drawn as plain SVG (no library, no CDN): bars for counts per day or hour, stacked when there are
// several series, and a line for a series over time. Each mark carries its number (data-value) and a <title>
// (the tooltip and the accessible text), and each chart a table-like summary for screen readers.

const NS = 'http://www.w3.org/2000/svg';
const W = 360;
const H = 150;
const PAD = { top: 8, right: 6, bottom: 18, left: 30 };

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  }
  children.flat(Infinity).forEach((child) => child != null && child !== false && el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

/** A round top for the axis: 1, 2, 5 x 10^n at or above max (at least 1). */
function niceMax(max) {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= max);
}

function frame(label, top, labels, every) {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, top / 2, top].map((v) => {
    const y = PAD.top + plotH - (v / top) * plotH;
    return [svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: PAD.left - 4, y: y + 4, 'text-anchor': 'end', class: 'tick' }, Number.isInteger(v) ? v : v.toFixed(1))];
  });
  const step = (W - PAD.left - PAD.right) / labels.length;
  const xLabels = labels.map((text, i) => (i % every === 0
    ? svg('text', { x: PAD.left + i * step + step / 2, y: H - 6, 'text-anchor': 'middle', class: 'tick' }, text) : null));
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' }, ticks, xLabels);
}

/**
 * Bars: labels (x), series [{name, values, cls}] stacked bottom up. every: label every nth bar. Returns the SVG;
 * each non-zero bar is a rect[data-series][data-value].
 */
export function bars(label, labels, series, every = 1) {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
  const top = niceMax(Math.max(0, ...totals));
  const chart = frame(label, top, labels, every);
  const plotH = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / labels.length;
  labels.forEach((x, i) => {
    let base = 0;
    series.forEach((s) => {
      const v = s.values[i] || 0;
      if (!v) return;
      const y = PAD.top + plotH - ((base + v) / top) * plotH;
      chart.append(svg('rect', { x: PAD.left + i * step + 1, y, width: Math.max(1, step - 2), height: (v / top) * plotH,
        class: `bar ${s.cls || ''}`, 'data-series': s.name, 'data-value': v }, svg('title', {}, `${x} · ${s.name}: ${v}`)));
      base += v;
    });
  });
  return chart;
}

/** A line per series over the same labels; null values leave a gap. Each point is a circle[data-series][data-value]. */
export function lines(label, labels, series, every = 1) {
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v) => v != null))));
  const chart = frame(label, top, labels, every);
  const plotH = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / labels.length;
  series.forEach((s) => {
    const points = s.values.map((v, i) => (v == null ? null : [PAD.left + i * step + step / 2, PAD.top + plotH - (v / top) * plotH]));
    const path = points.reduce((d, p, i) => (p ? `${d}${d && points[i - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}` : d), '');
    if (path) chart.append(svg('path', { d: path, class: `line ${s.cls || ''}`, fill: 'none' }));
    points.forEach((p, i) => p && chart.append(svg('circle', { cx: p[0], cy: p[1], r: 2.5, class: `point ${s.cls || ''}`,
      'data-series': s.name, 'data-value': s.values[i] }, svg('title', {}, `${labels[i]} · ${s.name}: ${s.values[i]}`))));
  });
  return chart;
}
