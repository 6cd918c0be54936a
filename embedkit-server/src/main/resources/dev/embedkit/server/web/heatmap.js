// A similarity matrix as an HTML table: every cell shows its number and is coloured by viridis over the matrix's own
// [min, max], as embedkit similarity --heatmap draws it (the same eleven samples as the explore module's Palette).
import { h, fixed } from './ui.js';

const VIRIDIS = [0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26,
  0xFDE725];

export function viridis(t) {
  const s = Math.max(0, Math.min(1, Number.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(s), VIRIDIS.length - 2);
  const f = s - i;
  const channel = (shift) => Math.round(((VIRIDIS[i] >> shift) & 255) * (1 - f) + ((VIRIDIS[i + 1] >> shift) & 255) * f);
  return [channel(16), channel(8), channel(0)];
}

/** Light text on dark cells, dark text on light ones (WCAG relative luminance). */
function textColour([r, g, b]) {
  const lin = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) > 0.35 ? '#111' : '#fff';
}

/**
 * The table (with its colour scale above it): labels[i] names row and column i; matrix[i][j] is a similarity. Each cell's title says which two inputs
 * it compares; data-row/data-col let tests and people find a cell.
 */
export function heatmapTable(labels, matrix) {
  let min = Infinity, max = -Infinity;
  for (const row of matrix) for (const v of row) { if (v < min) min = v; if (v > max) max = v; }
  const range = max - min || 1;
  const head = h('tr', {}, h('th', { scope: 'col' }, ''),
    labels.map((label, j) => h('th', { scope: 'col', title: label }, '#' + (j + 1))));
  const rows = matrix.map((row, i) => h('tr', {},
    h('th', { scope: 'row', title: labels[i] }, '#' + (i + 1) + ' ', h('span', { className: 'label' }, labels[i])),
    row.map((v, j) => {
      const rgb = viridis((v - min) / range);
      const cell = h('td', { dataset: { row: i, col: j }, title: '#' + (i + 1) + ' vs #' + (j + 1) + ': ' + fixed(v) },
        fixed(v));
      cell.style.background = 'rgb(' + rgb.join(',') + ')';
      cell.style.color = textColour(rgb);
      return cell;
    })));
  return h('div', { className: 'heatmap-box' },
    h('p', { className: 'muted small', id: 'pg-heatmap-scale' },
      'Cosine similarity, coloured from ' + fixed(min) + ' (dark) to ' + fixed(max) + ' (light)'),
    h('div', { className: 'scroll' }, h('table', { className: 'heatmap', id: 'pg-heatmap' },
      h('thead', {}, head), h('tbody', {}, rows))));
}
