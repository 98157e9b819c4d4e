import { DateTime } from 'luxon';
import { zoneOffsetMinutes } from './zone-offset.js';
import type { Bucket, IntervalSpec, Window } from './types.js';

/**
 * The interval grid in a zone. Sub-day grids are the instants whose local wall-clock time is a multiple of the
 * interval (in Asia/Kathmandu, +05:45, half-hours fall at :15/:45 UTC; hours at :15 UTC), and buckets are fixed-length
 * steps from an aligned start, exactly as the API steps `granularity` from the query interval's start. A DST change
 * of a whole hour falls on a boundary, so on a fall-back day the repeated local hour yields two distinct buckets and
 * on a spring-forward day the skipped hour yields none: no bucket is doubled or stretched.
 * `1d` buckets are local calendar days, 23/24/25 h long.
 */

function offsetMs(ms: number, tz: string): number {
  return zoneOffsetMinutes(ms, tz) * 60_000;
}

function localDay(ms: number, tz: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone: tz });
  if (!dt.isValid) throw new Error(`invalid time zone "${tz}"`);
  return dt;
}

/** The last grid boundary at or before `ms`. */
export function floorToGrid(ms: number, interval: IntervalSpec, tz: string): number {
  if (interval.fixedMs === undefined) return localDay(ms, tz).startOf('day').toMillis();
  const local = ms + offsetMs(ms, tz);
  return ms - mod(local, interval.fixedMs);
}

/** The first grid boundary at or after `ms`. */
export function ceilToGrid(ms: number, interval: IntervalSpec, tz: string): number {
  const floor = floorToGrid(ms, interval, tz);
  if (floor === ms) return ms;
  if (interval.fixedMs !== undefined) return floor + interval.fixedMs;
  return localDay(floor, tz).plus({ days: 1 }).startOf('day').toMillis();
}

/** The boundary after the bucket starting at `startMs`. */
export function nextBoundary(startMs: number, interval: IntervalSpec, tz: string): number {
  if (interval.fixedMs !== undefined) return startMs + interval.fixedMs;
  // plus({days:1}) keeps the wall time (midnight) across a DST change; startOf guards zones whose midnight is skipped.
  return localDay(startMs, tz).plus({ days: 1 }).startOf('day').toMillis();
}

/** The buckets of a window whose start and end lie on its grid. */
export function buildGrid(window: Window): Bucket[] {
  const buckets: Bucket[] = [];
  let start = window.startMs;
  while (start < window.endMs) {
    const end = nextBoundary(start, window.interval, window.tz);
    if (end > window.endMs) throw new Error(`window end ${window.endMs} is not on the ${window.interval.label} grid`);
    buckets.push({ startMs: start, endMs: end });
    start = end;
  }
  return buckets;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
