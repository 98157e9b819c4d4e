import type { Cell } from '../../metrics/rows.js';
import { percent } from '../../metrics/round.js';
import { addCounts, emptyCounts, serviceLevelDenominator, type ServiceLevelCounts, type ServiceLevelFormula } from '../../metrics/service-level.js';
import { completeIntervals, planBuckets, type Bucket } from './time-buckets.js';

export interface SlPoint {
  counts: ServiceLevelCounts;
  /** SL % of the bucket from its summed counts; null when the denominator is 0. */
  serviceLevel: number | null;
  /** The bucket's goal when all its rows agree on one, else null. */
  target: number | null;
}

export interface SlSeries {
  queue: string;
  media: string;
  points: SlPoint[];
  total: SlPoint;
}

export interface ServiceLevelModel {
  formula: ServiceLevelFormula;
  buckets: Bucket[];
  bucketSize: string;
  series: SlSeries[];
  /** Every queue and media together. */
  total: SlPoint;
}

export const SL_LIMITS = { maxColumns: 96, maxCells: 20_000 };

const num = (cell: Cell | undefined) => (typeof cell === 'number' && Number.isFinite(cell) ? cell : 0);
// handled/handleSumMs (AHT) are not charted: the rows carry aht_s but not the handled count it came from, so they stay 0.

/**
 * Per queue and media, SL % over the buckets and for the window, always from summed counts (never an average of
 * percentages), with the formula the report used. The answered wait is rebuilt as asa_s × answered, exact to the
 * millisecond rounding of asa_s.
 */
export class ServiceLevelCollector {
  private readonly intervals = new Map<string, { start: string; end: string; index: number }>();
  private readonly series = new Map<string, { queue: string; media: string; rows: Array<{ interval: number; counts: ServiceLevelCounts; target: number | null }> }>();

  add(row: Record<string, Cell>): void {
    const start = String(row.interval_start ?? '');
    let interval = this.intervals.get(start);
    if (!interval) this.intervals.set(start, (interval = { start, end: String(row.interval_end ?? ''), index: this.intervals.size }));
    const queue = typeof row.queue_name === 'string' && row.queue_name !== '' ? row.queue_name : typeof row.queue_id === 'string' && row.queue_id !== '' ? row.queue_id : 'all queues';
    const media = typeof row.media_type === 'string' && row.media_type !== '' ? row.media_type : 'all media';
    const key = `${row.queue_id ?? ''}\u0000${queue}\u0000${media}`;
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { queue, media, rows: [] }));
    const answered = num(row.answered);
    series.rows.push({
      interval: interval.index,
      target: typeof row.target_pct === 'number' ? row.target_pct : null,
      counts: {
        offered: num(row.offered),
        answered,
        answeredSumMs: Math.round(num(row.asa_s) * 1000 * answered),
        answeredWithin: num(row.answered_within),
        abandoned: num(row.abandoned),
        abandonedShort: num(row.abandoned_short),
        flowout: num(row.flowout),
        handled: 0,
        handleSumMs: 0,
      },
    });
  }

  build(formula: ServiceLevelFormula, grid: Parameters<typeof completeIntervals>[1] = {}, limits = SL_LIMITS): ServiceLevelModel {
    const sorted = [...this.intervals.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const columns = completeIntervals(sorted, grid);
    const plan = planBuckets(columns, this.series.size, limits);
    const bucketOfStart = new Map(columns.map((interval, n) => [interval.start, plan.bucketOf[n]!]));
    const bucketOfInterval: number[] = [];
    for (const interval of sorted) bucketOfInterval[interval.index] = bucketOfStart.get(interval.start)!;
    const point = (counts: ServiceLevelCounts, target: number | null): SlPoint => ({
      counts,
      serviceLevel: percent(counts.answeredWithin, serviceLevelDenominator(formula, counts)),
      target,
    });
    const all = emptyCounts();
    const allTargets = new Set<number | null>();
    const series = [...this.series.values()]
      .sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : a.media < b.media ? -1 : a.media > b.media ? 1 : 0))
      .map((s): SlSeries => {
        const counts = plan.buckets.map(() => emptyCounts());
        const targets = plan.buckets.map(() => new Set<number | null>());
        const total = emptyCounts();
        const seriesTargets = new Set<number | null>();
        for (const row of s.rows) {
          const b = bucketOfInterval[row.interval]!;
          addCounts(counts[b]!, row.counts);
          addCounts(total, row.counts);
          targets[b]!.add(row.target);
          seriesTargets.add(row.target);
          allTargets.add(row.target);
        }
        addCounts(all, total);
        const one = (set: Set<number | null>) => (set.size === 1 ? [...set][0]! : null);
        return { queue: s.queue, media: s.media, points: counts.map((c, b) => point(c, one(targets[b]!))), total: point(total, one(seriesTargets)) };
      });
    return { formula, buckets: plan.buckets, bucketSize: plan.size, series, total: point(all, allTargets.size === 1 ? [...allTargets][0]! : null) };
  }
}
