import type { DashboardStatistics } from '../../api/api-types';
import { h, svg, uniqueId } from '../../dom/element';
import { formatDay } from '../../labels/format';
import { queueLabel } from '../../labels/taxonomy-labels';
import { dataTable } from './bar-chart';
import { colourOf } from './chart-palette';

/** Requests received per day, stacked by queue, with a legend and the figures as a table. */
export function dailyChart(statistics: DashboardStatistics): HTMLElement {
  const titleId = uniqueId('chart');
  const queues = statistics.queues
    .map((queue) => queue.queue)
    .filter((queue) => statistics.daily.some((day) => (day.byQueue[queue] ?? 0) > 0));
  const width = 720;
  const height = 260;
  const left = 36;
  const bottom = 24;
  const plotHeight = height - bottom - 10;
  const max = Math.max(1, ...statistics.daily.map((day) => day.total));
  const step = (width - left) / Math.max(1, statistics.daily.length);
  const barWidth = Math.max(2, step * 0.7);
  const labelEvery = Math.ceil(statistics.daily.length / 10);
  const ticks = [0, Math.ceil(max / 2), max];

  return h(
    'figure',
    { class: 'panel chart chart-wide' },
    h(
      'figcaption',
      {},
      h('h2', { id: titleId }, 'Demandes reçues par jour et par file'),
      h('p', { class: 'hint' }, `Du ${formatDay(statistics.from)} au ${formatDay(statistics.to)}`),
    ),
    svg(
      'svg',
      { class: 'chart-plot', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId },
      ticks.map((tick) => {
        const y = 10 + plotHeight - (tick / max) * plotHeight;
        return svg(
          'g',
          {},
          svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#ddd' }),
          svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': '11', fill: '#555' }, String(tick)),
        );
      }),
      statistics.daily.map((day, dayIndex) => {
        let stacked = 0;
        const x = left + dayIndex * step + (step - barWidth) / 2;
        return svg(
          'g',
          {},
          queues.map((queue) => {
            const count = day.byQueue[queue] ?? 0;
            if (count === 0) return null;
            const barHeight = (count / max) * plotHeight;
            const y = 10 + plotHeight - ((stacked + count) / max) * plotHeight;
            stacked += count;
            return svg('rect', {
              x: x.toFixed(1),
              y: y.toFixed(1),
              width: barWidth.toFixed(1),
              height: barHeight.toFixed(1),
              fill: colourOf(statistics.queues.findIndex((candidate) => candidate.queue === queue)),
            });
          }),
          dayIndex % labelEvery === 0
            ? svg(
                'text',
                { x: (x + barWidth / 2).toFixed(1), y: height - 6, 'text-anchor': 'middle', 'font-size': '11', fill: '#555' },
                formatDay(day.day),
              )
            : null,
        );
      }),
    ),
    h(
      'ul',
      { class: 'chart-legend' },
      queues.map((queue) =>
        h(
          'li',
          {},
          svg(
            'svg',
            { class: 'legend-swatch', viewBox: '0 0 10 10', 'aria-hidden': 'true' },
            svg('rect', {
              width: '10',
              height: '10',
              fill: colourOf(statistics.queues.findIndex((candidate) => candidate.queue === queue)),
            }),
          ),
          queueLabel(queue),
        ),
      ),
    ),
    dataTable(
      ['Jour', ...queues.map(queueLabel), 'Total'],
      statistics.daily.map((day) => [formatDay(day.day), ...queues.map((queue) => String(day.byQueue[queue] ?? 0)), String(day.total)]),
    ),
  );
}
