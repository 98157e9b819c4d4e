import { DateTime, IANAZone } from 'luxon';
import { timeParts } from '../table/time-text.js';

/** An interval's bounds as printed in the rows (labels) and as instants (arithmetic). */
export interface ReportInterval {
  start: string;
  end: string;
  startMs: number;
  endMs: number;
}

export interface Bucket {
  /** First interval's start and last interval's end, as in the rows. */
  start: string;
  end: string;
  lengthMs: number;
}

export interface BucketPlan {
  buckets: Bucket[];
  /** Index into `buckets` for each interval, in the order given. */
  bucketOf: number[];
  /** `as reported`, or the coarser size the charts use (`4 hours`). */
  size: string;
}

/** Coarser sizes in minutes, smallest first; each divides a day, so buckets start on the local clock's hours. */
const SIZES = [60, 120, 180, 240, 360, 720, 1440];

/**
 * Chart columns for the report's intervals: the intervals themselves when there are at most `maxColumns` and
 * `lines × columns ≤ maxCells`, else the smallest coarser size that fits (hours, then 2-12 hours, then days).
 * Buckets are formed on the local wall clock the rows were printed in, so a DST day still has 24 hour buckets
 * (the repeated hour twice, told apart by its offset). Intervals are sorted by start.
 */
export function planBuckets(
  intervals: readonly ReportInterval[],
  lines: number,
  limits: { maxColumns: number; maxCells: number },
): BucketPlan {
  const fits = (columns: number) => columns <= limits.maxColumns && columns * Math.max(1, lines) <= limits.maxCells;
  const baseMinutes = Math.min(...intervals.slice(0, 50).map((i) => (i.endMs - i.startMs) / 60_000));
  if (fits(intervals.length) || intervals.length === 0) {
    return {
      buckets: intervals.map((i) => ({ start: i.start, end: i.end, lengthMs: i.endMs - i.startMs })),
      bucketOf: intervals.map((_, n) => n),
      size: 'as reported',
    };
  }
  let plan: BucketPlan | undefined;
  for (const minutes of SIZES.filter((m) => m > baseMinutes)) {
    plan = group(intervals, minutes);
    if (fits(plan.buckets.length)) return plan;
  }
  return plan ?? group(intervals, 1440);
}

function group(intervals: readonly ReportInterval[], minutes: number): BucketPlan {
  const buckets: Bucket[] = [];
  const bucketOf: number[] = [];
  const index = new Map<string, number>();
  for (const interval of intervals) {
    const p = timeParts(interval.start);
    const clock = p ? Number(p.time.slice(0, 2)) * 60 + Number(p.time.slice(3, 5)) : 0;
    // Hours keep their offset, so the repeated hour of a fall-back day stays two buckets.
    const key = p ? `${p.date}/${Math.floor(clock / minutes)}${minutes <= 60 ? p.offset : ''}` : interval.start;
    let at = index.get(key);
    const lengthMs = interval.endMs - interval.startMs;
    if (at === undefined) {
      at = buckets.push({ start: interval.start, end: interval.end, lengthMs: 0 }) - 1;
      index.set(key, at);
    }
    const bucket = buckets[at]!;
    bucket.end = interval.end;
    bucket.lengthMs += lengthMs;
    bucketOf.push(at);
  }
  return { buckets, bucketOf, size: minutes === 1440 ? 'days' : minutes === 60 ? 'hours' : `${minutes / 60} hours` };
}

/**
 * The report's whole grid, also where no row fell (a quiet night has no service-level rows): intervals are added
 * between and around the rows' own, stepping the rows' interval length on the zone's clock (whole days for daily
 * reports, so DST days stay one column), from the window's start to its end when known. Charts then keep a
 * linear time axis. Without a zone the rows' intervals are all there is.
 */
export function completeIntervals(
  sorted: readonly ReportInterval[],
  o: { window?: ReportInterval | undefined; zone?: string | undefined },
): ReportInterval[] {
  if (sorted.length === 0 || !o.zone || !IANAZone.isValidZone(o.zone)) return [...sorted];
  const zone = o.zone;
  const minutes = Math.min(...sorted.slice(0, 50).map((i) => (i.endMs - i.startMs) / 60_000));
  const step = (ms: number) => {
    const t = DateTime.fromMillis(ms, { zone });
    const end = minutes >= 23 * 60 ? t.plus({ days: 1 }) : t.plus({ minutes });
    return { text: end.toISO({ suppressMilliseconds: true })!, ms: end.toMillis() };
  };
  const out: ReportInterval[] = [];
  // Bounds the fill: a window of 31 days of 15-minute intervals is 2,976; ten times that means something is off.
  let budget = 100_000;
  const fill = (fromText: string, fromMs: number, untilMs: number) => {
    for (let at = fromText, atMs = fromMs; atMs < untilMs && budget-- > 0; ) {
      const end = step(atMs);
      out.push({ start: at, end: end.text, startMs: atMs, endMs: end.ms });
      at = end.text;
      atMs = end.ms;
    }
  };
  const first = sorted[0]!;
  if (o.window && o.window.startMs < first.startMs) fill(o.window.start, o.window.startMs, first.startMs);
  for (const [n, interval] of sorted.entries()) {
    out.push(interval);
    const next = sorted[n + 1];
    if (next && interval.endMs < next.startMs) fill(interval.end, interval.endMs, next.startMs);
  }
  const last = sorted[sorted.length - 1]!;
  if (o.window && last.endMs < o.window.endMs) fill(last.end, last.endMs, o.window.endMs);
  return out;
}
