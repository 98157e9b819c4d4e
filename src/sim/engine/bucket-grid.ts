/**
 * Response buckets: they start at the interval start and step by `granularity` (default: the whole interval). Fixed
 * periods (PT15M, PT1H) step in absolute time, so a bucket is found by arithmetic; periods with days, weeks, months or
 * years step on the calendar of `timeZone` (a P1D bucket over a DST change lasts 23 or 25 hours). The last bucket
 * stops at the interval end.
 */
import { DateTime, Duration } from 'luxon';
import { SimQueryError } from './sim-query-error.js';

const MIN = 60_000;
const DAY = 86_400_000;
const MAX_BUCKETS = 100_000;

export interface BucketGrid {
  count: number;
  /** Bucket index of an instant inside the interval, else -1. */
  indexOf(ms: number): number;
  startOf(i: number): number;
  endOf(i: number): number;
}

export function bucketGrid(startMs: number, endMs: number, granularity: string | undefined, timeZone: string): BucketGrid {
  if (granularity === undefined) {
    return { count: 1, indexOf: (ms) => (ms >= startMs && ms < endMs ? 0 : -1), startOf: () => startMs, endOf: () => endMs };
  }
  const dur = Duration.fromISO(granularity);
  const bad = (why: string): SimQueryError =>
    new SimQueryError(`Invalid granularity ${JSON.stringify(granularity)}: ${why}. Use an ISO-8601 period such as PT15M, PT30M, PT1H or P1D`, 'invalid.value');
  if (!dur.isValid) throw bad('not an ISO-8601 period');
  const o = dur.toObject() as Record<string, number | undefined>;
  if (Object.values(o).some((v) => v === undefined || v < 0 || !Number.isInteger(v))) throw bad('components must be whole, non-negative numbers');
  const calendar = Boolean(o.years || o.quarters || o.months || o.weeks || o.days);
  if (!calendar) {
    const step = dur.as('milliseconds');
    if (step <= 0) throw bad('it is zero');
    if (step % MIN !== 0) throw bad('it is not a whole number of minutes');
    if (DAY % step !== 0 && step % DAY !== 0) throw bad('it neither divides a day nor is a whole number of days');
    const count = Math.ceil((endMs - startMs) / step);
    if (count > MAX_BUCKETS) throw bad(`the interval would hold ${count} buckets (at most ${MAX_BUCKETS})`);
    return {
      count,
      indexOf: (ms) => (ms >= startMs && ms < endMs ? Math.floor((ms - startMs) / step) : -1),
      startOf: (i) => startMs + i * step,
      endOf: (i) => Math.min(endMs, startMs + (i + 1) * step),
    };
  }
  const bounds = [startMs];
  const origin = DateTime.fromMillis(startMs, { zone: timeZone });
  for (let k = 1; (bounds[bounds.length - 1] as number) < endMs; k++) {
    if (k > MAX_BUCKETS) throw bad(`the interval would hold more than ${MAX_BUCKETS} buckets`);
    // Step from the origin each time (origin + k·period), so month ends do not drift (Jan 31 → Feb 28 → Mar 28).
    const next = origin.plus(scale(o, k)).toMillis();
    bounds.push(Math.min(endMs, next));
  }
  const count = bounds.length - 1;
  return {
    count,
    indexOf: (ms) => {
      if (ms < startMs || ms >= endMs) return -1;
      let a = 0;
      let b = count - 1;
      while (a < b) {
        const mid = (a + b + 1) >> 1;
        if ((bounds[mid] as number) <= ms) a = mid;
        else b = mid - 1;
      }
      return a;
    },
    startOf: (i) => bounds[i] as number,
    endOf: (i) => bounds[i + 1] as number,
  };
}

function scale(o: Record<string, number | undefined>, k: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [unit, v] of Object.entries(o)) if (v) out[unit] = v * k;
  return out;
}

/** `2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z`, as `data[].interval` is written. */
export function intervalString(startMs: number, endMs: number): string {
  return `${new Date(startMs).toISOString()}/${new Date(endMs).toISOString()}`;
}
