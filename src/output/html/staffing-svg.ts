/**
 * The staffing chart of one queue and media type: staffed agents per interval as bars (orange where short: the
 * printed staffing_gap is below 0, also marked ▼ above), the required agents as a step line over them, offered
 * volume as bars beneath, on one time axis. Hand-written SVG, every name escaped.
 */
import type { StaffingRow } from '../../metrics/rows.js';
import { staffingMetricCells } from '../report-cells.js';
import { axisLabels, bucketLabel, columnWidth } from './axis-labels.js';
import { escapeHtml } from './escape-html.js';
import type { Bucket } from './time-buckets.js';

const LEFT = 56;
const TOP = 18;
const PLOT = 140;
const GAP = 26;
const BARS = 44;

/** One interval of a series, as printed (so the chart says what the table says). */
export interface StaffingPoint {
  offered: number;
  required: number | null;
  staffed: number;
  gap: number | null;
  predicted: number | null;
  serviceLevel: number | null;
  target: number | null;
}

export interface StaffingSeries {
  queue: string;
  media: string;
  /** Aligned with the model's buckets; null where the queue had no row. */
  points: Array<StaffingPoint | null>;
}

export interface StaffingModel {
  buckets: Bucket[];
  series: StaffingSeries[];
}

/** Collects the rows as they stream past: a few numbers per row, grouped per queue and media type. */
export class StaffingCollector {
  private readonly intervals = new Map<number, number>();
  private readonly series = new Map<string, { queue: string; media: string; points: Map<number, StaffingPoint> }>();

  constructor(private readonly formatTime: (ms: number) => string) {}

  add(row: StaffingRow): void {
    const c = staffingMetricCells(row.values);
    this.intervals.set(row.startMs, row.endMs);
    const key = `${row.queueId}\u0000${row.mediaType}`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { queue: row.queueName || row.queueId, media: row.mediaType, points: new Map() }));
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    s.points.set(row.startMs, {
      offered: row.values.offered,
      required: num(c.required_agents),
      staffed: num(c.staffed_agents) ?? 0,
      gap: num(c.staffing_gap),
      predicted: num(c.predicted_sl_pct),
      serviceLevel: num(c.service_level_pct),
      target: num(c.target_pct),
    });
  }

  build(): StaffingModel {
    const starts = [...this.intervals.keys()].sort((a, b) => a - b);
    const buckets = starts.map((start) => {
      const end = this.intervals.get(start)!;
      return { start: this.formatTime(start), end: this.formatTime(end), lengthMs: end - start };
    });
    const series = [...this.series.values()]
      .sort((a, b) => a.queue.localeCompare(b.queue) || a.media.localeCompare(b.media))
      .map((s) => ({ queue: s.queue, media: s.media, points: starts.map((start) => s.points.get(start) ?? null) }));
    return { buckets, series };
  }
}

const orEmpty = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);

function pointTitle(label: string, p: StaffingPoint): string {
  return [
    label,
    `required ${orEmpty(p.required)}, staffed ${p.staffed}, gap ${orEmpty(p.gap)}${p.gap !== null && p.gap < 0 ? ' (short)' : ''}`,
    `offered ${p.offered}; predicted SL ${orEmpty(p.predicted, ' %')}, actual ${orEmpty(p.serviceLevel, ' %')}${p.target !== null ? `, target ${p.target} %` : ''}`,
  ].join('\n');
}

export function staffingSvg(model: StaffingModel, series: StaffingSeries): string {
  const n = model.buckets.length;
  const cw = columnWidth(n, 900, 3, 40);
  const width = LEFT + n * cw + 70;
  const present = series.points.filter((p): p is StaffingPoint => p !== null);
  const top = Math.max(1, ...present.map((p) => Math.max(p.required ?? 0, p.staffed)));
  const scale = niceCeiling(top);
  const yOf = (v: number) => TOP + PLOT - (Math.max(0, v) / scale) * PLOT;
  const maxOffered = Math.max(1, ...present.map((p) => p.offered));
  const barsTop = TOP + PLOT + GAP;
  const height = barsTop + BARS + 22;

  const grid = [0, scale / 2, scale]
    .map((g) => `<line class="grid" x1="${LEFT}" x2="${LEFT + n * cw}" y1="${yOf(g)}" y2="${yOf(g)}"/><text x="${LEFT - 6}" y="${yOf(g) + 4}" class="label">${g}</text>`)
    .join('');
  const staffed: string[] = [];
  const marks: string[] = [];
  const steps: string[] = [];
  let run: string[] = [];
  series.points.forEach((p, b) => {
    const x = LEFT + b * cw;
    if (p === null || p.required === null) {
      if (run.length > 0) steps.push(run.join(' '));
      run = [];
    } else {
      const y = yOf(p.required).toFixed(1);
      run.push(`${run.length === 0 ? 'M' : 'L'}${x},${y} L${x + cw},${y}`);
    }
    if (p === null) return;
    const short = p.gap !== null && p.gap < 0;
    const h = PLOT + TOP - yOf(p.staffed);
    const title = `<title>${escapeHtml(pointTitle(bucketLabel(model.buckets[b]!), p))}</title>`;
    staffed.push(`<rect class="staffed${short ? ' short' : ''}" x="${x + 1}" y="${yOf(p.staffed).toFixed(1)}" width="${Math.max(1, cw - 2)}" height="${h.toFixed(1)}">${title}</rect>`);
    if (short) marks.push(`<text class="short-mark" x="${x + cw / 2}" y="${TOP - 4}">▼</text>`);
  });
  if (run.length > 0) steps.push(run.join(' '));
  const required = steps.map((d) => `<path class="required" d="${d}"/>`).join('');
  const bars = series.points
    .map((p, b) => {
      if (p === null) return '';
      const h = Math.round((p.offered / maxOffered) * BARS);
      return `<rect class="offered" x="${LEFT + b * cw + 1}" y="${barsTop + BARS - h}" width="${Math.max(1, cw - 2)}" height="${h}"><title>${escapeHtml(`${bucketLabel(model.buckets[b]!)}: offered ${p.offered}`)}</title></rect>`;
    })
    .join('');
  const labels = axisLabels(model.buckets, cw, 48)
    .map((l) => `<text x="${LEFT + l.index * cw}" y="${height - 10}">${escapeHtml(l.time)}</text>${l.date ? `<text x="${LEFT + l.index * cw}" y="${height}" class="date">${escapeHtml(l.date)}</text>` : ''}`)
    .join('');
  return (
    `<svg class="chart staffing" width="${width}" height="${height + 4}" viewBox="0 0 ${width} ${height + 4}" role="img" aria-label="${escapeHtml(`required and staffed agents of ${series.queue} ${series.media}`)}">` +
    `<text x="${LEFT - 6}" y="${TOP - 6}" class="label">agents</text>${grid}${staffed.join('')}${required}${marks.join('')}` +
    `<text x="${LEFT - 6}" y="${barsTop + 12}" class="label">offered</text><text x="${LEFT - 6}" y="${barsTop + 24}" class="label">max ${maxOffered}</text>${bars}` +
    `<g class="axis">${labels}</g></svg>`
  );
}

/** The smallest of 1, 2, 5 × 10^k at or above `v`, so the axis reads in round numbers. */
function niceCeiling(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
