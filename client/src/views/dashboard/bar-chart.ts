import { h, svg, uniqueId } from '../../dom/element';
import { colourOf } from './chart-palette';

export interface Bar {
  label: string;
  value: number | null;
  /** The value as text (percentage, duration…): shown next to the bar and in the data table. */
  text: string;
}

/** Horizontal bars, one per queue, drawn in SVG; the same figures are in a table for screen readers and copying. */
export function barChart(title: string, description: string, bars: readonly Bar[]): HTMLElement {
  const titleId = uniqueId('chart');
  const rowHeight = 26;
  const labelWidth = 190;
  const width = 640;
  const barArea = width - labelWidth - 190;
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const height = bars.length * rowHeight + 10;
  return h(
    'figure',
    { class: 'panel chart' },
    h('figcaption', {}, h('h2', { id: titleId }, title), h('p', { class: 'hint' }, description)),
    svg(
      'svg',
      { class: 'chart-plot', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId },
      bars.map((bar, index) => {
        const y = index * rowHeight + 5;
        const length = max === 0 || bar.value === null ? 0 : Math.max(1, (bar.value / max) * barArea);
        return svg(
          'g',
          {},
          svg(
            'text',
            { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', 'font-size': '13', fill: '#161616' },
            shortened(bar.label, 26),
          ),
          svg('rect', { x: labelWidth, y: y + 3, width: length.toFixed(1), height: rowHeight - 8, fill: colourOf(0), rx: '2' }),
          svg('text', { x: labelWidth + length + 6, y: y + rowHeight / 2 + 4, 'font-size': '13', fill: '#161616' }, bar.text),
        );
      }),
    ),
    dataTable(
      ['File', title],
      bars.map((bar) => [bar.label, bar.text]),
    ),
  );
}

export function dataTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): HTMLElement {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, 'Voir les données'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            headers.map((header) => h('th', { scope: 'col' }, header)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              {},
              row.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Long queue names are cut in the drawing; the data table below keeps them whole. */
function shortened(label: string, length: number): string {
  return label.length <= length ? label : `${label.slice(0, length - 1).trimEnd()}…`;
}
