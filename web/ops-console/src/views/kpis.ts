/**
 * KPIs over time from GET /reports/kpis: orders, order value, on-time and cancellation rates, lead
 * times, per local day of the chosen period. Each chart (Chart.js, bundled) has its figures as a
 * table too.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { get } from '../api';
import { h, replaceChildren, uniqueId } from '../dom';
import { formatDuration, formatMoney, formatRate, localDate, minorDigits, toMajor } from '../format';
import { failureNotice, field, pageHeading, type ViewContext } from './common';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

interface LeadTime {
  readonly count: number;
  readonly p50Seconds: number | null;
  readonly p90Seconds: number | null;
}

interface KpiFigures {
  readonly ordersPlaced: number;
  readonly grossValue: { currency: string; amount: number; orders: number; averageOrderValue: number | null }[];
  readonly leadTimes: { placedToShipped: LeadTime; placedToDelivered: LeadTime };
  readonly delivery: { shipmentsShipped: number; unitsShipped: number; delivered: number; onTime: number; late: number; onTimeRate: number | null };
  readonly split: { ordersShipped: number; splitOrders: number; shipments: number; shipmentsPerOrder: number | null; splitRate: number | null };
  readonly cancellations: { cancelled: number; cancelledPartly: number; rate: number | null; reasons: Record<string, number> };
  readonly inventory: { outOfStock: number; lowStock: number; backInStock: number };
}

interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly channel: string | null;
  readonly days: (KpiFigures & { date: string })[];
  readonly totals: KpiFigures;
}

/** Colours with at least 3:1 contrast on white, told apart by line style and point shape too. */
const palette = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c'];
const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2]];
const pointStyles = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot'] as const;

interface Series {
  readonly label: string;
  readonly values: (number | null)[];
  /** How a value reads in the table. */
  readonly format: (value: number | null) => string;
}

const defaultPeriod = () => {
  const to = new Date();
  const from = new Date(to);
  from.setDate(from.getDate() - 13);
  return { from: localDate(from), to: localDate(to) };
};

export function renderKpis(main: HTMLElement, { query, signal }: ViewContext): void {
  const period = defaultPeriod();
  const from = h('input', { type: 'date', id: 'kpi-from', required: true });
  from.value = query.get('from') ?? period.from;
  const to = h('input', { type: 'date', id: 'kpi-to', required: true });
  to.value = query.get('to') ?? period.to;
  const timeZone = h('input', { type: 'text', id: 'kpi-tz', autocomplete: 'off', spellcheck: 'false' });
  timeZone.value = query.get('tz') ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const channel = h('input', { type: 'text', id: 'kpi-channel', autocomplete: 'off', spellcheck: 'false' });
  channel.value = query.get('channel') ?? '';
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Report period' },
    field('From', from, 'First day'),
    field('To', to, 'Last day, included (at most 366 days)'),
    field('Time zone', timeZone, 'IANA name, e.g. Europe/Berlin'),
    field('Channel', channel, 'Empty: every channel'),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'button button--primary' }, 'Show KPIs')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ from: from.value, to: to.value, tz: timeZone.value.trim() || 'UTC' });
    if (channel.value.trim()) next.set('channel', channel.value.trim());
    window.location.hash = `#/kpis?${next}`;
  });
  const results = h('div', { class: 'results', 'aria-busy': 'true' }, h('p', {}, 'Loading the report…'));
  replaceChildren(main, pageHeading('KPIs'), h('p', { class: 'lead' }, 'Per local day, from the analytics counters (GET /reports/kpis).'), form, results);

  const charts: Chart[] = [];
  signal.addEventListener('abort', () => charts.forEach((chart) => chart.destroy()));

  void (async () => {
    try {
      const report = await get<KpiReport>('/reports/kpis', { from: from.value, to: to.value, tz: timeZone.value.trim() || 'UTC', channel: channel.value.trim() || undefined }, signal);
      const labels = report.days.map((day) => day.date);
      const currencies = [...new Set(report.days.flatMap((day) => day.grossValue.map((value) => value.currency)))];
      const count = (value: number | null) => (value === null ? '—' : String(value));
      const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);
      const figures = [
        chartFigure('Orders placed per day', 'bar', labels, [{ label: 'Orders placed', values: report.days.map((day) => day.ordersPlaced), format: count }], charts, 'Orders', { integers: true }),
        chartFigure(
          'Order value per day',
          'line',
          labels,
          (currencies.length ? currencies : ['EUR']).map((currency) => ({
            label: `Gross value (${currency})`,
            values: report.days.map((day) => {
              const value = day.grossValue.find((entry) => entry.currency === currency);
              return value ? toMajor(value.amount, currency) : 0;
            }),
            format: (value: number | null) => (value === null ? '—' : formatMoney({ amount: Math.round(value * 10 ** minorDigits(currency)), currency })),
          })),
          charts,
          'Major units',
        ),
        chartFigure(
          'On-time delivery and cancellation rates',
          'line',
          labels,
          [
            { label: 'On time (%)', values: report.days.map((day) => (day.delivery.onTimeRate === null ? null : Math.round(day.delivery.onTimeRate * 1000) / 10)), format: (value) => (value === null ? '—' : `${value} %`) },
            { label: 'Cancelled (%)', values: report.days.map((day) => (day.cancellations.rate === null ? null : Math.round(day.cancellations.rate * 1000) / 10)), format: (value) => (value === null ? '—' : `${value} %`) },
            { label: 'Split orders (%)', values: report.days.map((day) => (day.split.splitRate === null ? null : Math.round(day.split.splitRate * 1000) / 10)), format: (value) => (value === null ? '—' : `${value} %`) },
          ],
          charts,
          'Percent',
        ),
        chartFigure(
          'Lead time, placed to delivered',
          'line',
          labels,
          [
            { label: 'Median (h)', values: report.days.map((day) => hours(day.leadTimes.placedToDelivered.p50Seconds)), format: (value) => (value === null ? '—' : formatDuration(value * 3600)) },
            { label: '90th percentile (h)', values: report.days.map((day) => hours(day.leadTimes.placedToDelivered.p90Seconds)), format: (value) => (value === null ? '—' : formatDuration(value * 3600)) },
          ],
          charts,
          'Hours',
        ),
      ];
      const totals = report.totals;
      replaceChildren(
        results,
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'kpi-totals-heading' },
          h('h2', { id: 'kpi-totals-heading' }, `Totals ${report.from} to ${report.to} (${report.timeZone}${report.channel ? `, channel ${report.channel}` : ', every channel'})`),
          h(
            'dl',
            { class: 'facts facts--grid' },
            [
              ['Orders placed', String(totals.ordersPlaced)],
              ...totals.grossValue.map((value) => [`Gross value ${value.currency}`, `${formatMoney({ amount: value.amount, currency: value.currency })} (average ${value.averageOrderValue === null ? '—' : formatMoney({ amount: value.averageOrderValue, currency: value.currency })})`]),
              ['Shipments shipped', String(totals.delivery.shipmentsShipped)],
              ['Delivered on time', `${formatRate(totals.delivery.onTimeRate)} (${totals.delivery.onTime} of ${totals.delivery.onTime + totals.delivery.late})`],
              ['Split orders', formatRate(totals.split.splitRate)],
              ['Cancelled', `${formatRate(totals.cancellations.rate)} (${totals.cancellations.cancelled})`],
              ['Placed → delivered', `median ${formatDuration(totals.leadTimes.placedToDelivered.p50Seconds)}, p90 ${formatDuration(totals.leadTimes.placedToDelivered.p90Seconds)}`],
              ['Stock events', `${totals.inventory.outOfStock} out of stock, ${totals.inventory.lowStock} low, ${totals.inventory.backInStock} back in stock`],
            ].map(([term, value]) => h('div', { class: 'fact' }, h('dt', {}, term as string), h('dd', {}, value as string))),
          ),
        ),
        h('div', { class: 'chart-grid' }, figures),
      );
      // Charts are drawn once their canvases are in the document (Chart.js measures the container).
      for (const figure of figures) (figure as HTMLElement & { draw?: () => void }).draw?.();
    } catch (error) {
      if (signal.aborted) return;
      replaceChildren(results, failureNotice('KPIs not available', error));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  })();
}

function chartFigure(title: string, type: 'bar' | 'line', labels: string[], series: Series[], charts: Chart[], axisTitle: string, { integers = false }: { integers?: boolean } = {}): HTMLElement {
  const canvasId = uniqueId('chart');
  const tableId = uniqueId('chart-table');
  const canvas = h('canvas', { id: canvasId, role: 'img', 'aria-label': `${title}: a ${type} chart of ${series.map((entry) => entry.label).join(', ')} per day; the same figures are in the table below it.` });
  const table = h(
    'table',
    { class: 'data-table', id: tableId },
    h('caption', {}, `${title}, per day`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), series.map((entry) => h('th', { scope: 'col', class: 'numeric' }, entry.label)))),
    h(
      'tbody',
      {},
      labels.map((label, index) => h('tr', {}, h('th', { scope: 'row' }, label), series.map((entry) => h('td', { class: 'numeric' }, entry.format(entry.values[index] ?? null))))),
    ),
  );
  const figure = h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', {}, h('h2', { class: 'chart-title' }, title)),
    h('div', { class: 'chart-box' }, canvas),
    h('details', {}, h('summary', {}, `Figures of “${title}” as a table`), h('div', { class: 'table-scroller', tabindex: 0, role: 'region', 'aria-label': `${title} figures` }, table)),
  ) as HTMLElement & { draw?: () => void };
  figure.draw = () => {
    const configuration: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type,
      data: {
        labels,
        datasets: series.map((entry, index) => ({
          label: entry.label,
          data: entry.values,
          borderColor: palette[index % palette.length],
          backgroundColor: type === 'bar' ? `${palette[index % palette.length]}cc` : palette[index % palette.length],
          borderDash: dashes[index % dashes.length],
          pointStyle: pointStyles[index % pointStyles.length],
          pointRadius: 4,
          borderWidth: 2,
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { labels: { usePointStyle: true, color: '#1f2937' } } },
        scales: {
          x: { ticks: { color: '#374151', maxRotation: 0, autoSkip: true } },
          y: { beginAtZero: true, title: { display: true, text: axisTitle, color: '#374151' }, ticks: { color: '#374151', ...(integers && { precision: 0 }) } },
        },
      },
    };
    charts.push(new Chart(canvas, configuration));
  };
  return figure;
}
