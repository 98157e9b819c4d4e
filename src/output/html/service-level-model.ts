import type { ServiceLevelRow } from '../../metrics/rows.js';
import { addCounts, emptyCounts, serviceLevelPercent, type ServiceLevelCounts, type ServiceLevelFormula } from '../../metrics/service-level.js';
import { completeIntervals, planBuckets, type Bucket, type ReportInterval } from './time-buckets.js';

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
  /** SL % so far: from the summed counts of every bucket up to and including each one (null until one is measured). */
  cumulative: Array<number | null>;
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


/**
 * Per queue and media, SL % over the buckets and for the window, always from summed counts (never an average of
 * percentages), with the formula the report used, from the rows' own sums.
 */
export class ServiceLevelCollector {
  private readonly intervals = new Map<number, ReportInterval & { index: number }>();
  private readonly series = new Map<string, { queue: string; media: string; rows: Array<{ interval: number; counts: ServiceLevelCounts; target: number | null }> }>();

  constructor(private readonly formatTime: (ms: number) => string) {}

  add(row: ServiceLevelRow): void {
    let interval = this.intervals.get(row.startMs);
    if (!interval) {
      interval = { start: this.formatTime(row.startMs), end: this.formatTime(row.endMs), startMs: row.startMs, endMs: row.endMs, index: this.intervals.size };
      this.intervals.set(row.startMs, interval);
    }
    const queue = row.queueName ? row.queueName : row.queueId ? row.queueId : 'all queues';
    const media = row.mediaType ? row.mediaType : 'all media';
    const key = `${row.queueId ?? ''}\u0000${queue}\u0000${media}`;
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { queue, media, rows: [] }));
    series.rows.push({ interval: interval.index, target: row.targetPct, counts: row.counts });
  }

  build(formula: ServiceLevelFormula, grid: Parameters<typeof completeIntervals>[1] = {}, limits = SL_LIMITS): ServiceLevelModel {
    const sorted = [...this.intervals.values()].sort((a, b) => a.startMs - b.startMs);
    const columns = completeIntervals(sorted, grid);
    const plan = planBuckets(columns, this.series.size, limits);
    const bucketOfStart = new Map(columns.map((interval, n) => [interval.startMs, plan.bucketOf[n]!]));
    const bucketOfInterval: number[] = [];
    for (const interval of sorted) bucketOfInterval[interval.index] = bucketOfStart.get(interval.startMs)!;
    const point = (counts: ServiceLevelCounts, target: number | null): SlPoint => ({
      counts,
      serviceLevel: serviceLevelPercent(formula, counts),
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
        const soFar = emptyCounts();
        const cumulative = counts.map((c) => {
          addCounts(soFar, c);
          return serviceLevelPercent(formula, soFar);
        });
        return { queue: s.queue, media: s.media, points: counts.map((c, b) => point(c, one(targets[b]!))), cumulative, total: point(total, one(seriesTargets)) };
      });
    return { formula, buckets: plan.buckets, bucketSize: plan.size, series, total: point(all, allTargets.size === 1 ? [...allTargets][0]! : null) };
  }
}
