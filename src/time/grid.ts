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
 *
 * A shift by a fraction of the interval (Australia/Lord_Howe moves 30 minutes; a 1h grid there is at :30 UTC in
 * winter and :00 in summer) cannot fall on a boundary: the bucket around it runs from the last boundary before the
 * change to the first one after it, so it is longer or shorter than the interval (90 or 30 minutes at 1h). Boundaries
 * are then the instants whose wall time, in the offset in force at that instant, is a multiple of the interval.
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
  const step = interval.fixedMs;
  for (let at = ms, tries = 0; ; tries++) {
    const candidate = at - mod(at + offsetMs(at, tz), step);
    if (candidate === at || tz === 'UTC' || tries === 2) return candidate;
    const before = offsetMs(candidate, tz);
    // On the grid in the offset of its own instant: no fractional shift lies between (the usual case).
    if (mod(candidate + before, step) === 0) return candidate;
    // A shift by a fraction of the interval lies in (candidate, at]: the bucket began before it.
    at = firstWithOffset(candidate, at, tz) - 1;
  }
}

/** The first grid boundary at or after `ms`. */
export function ceilToGrid(ms: number, interval: IntervalSpec, tz: string): number {
  const floor = floorToGrid(ms, interval, tz);
  if (floor === ms) return ms;
  if (interval.fixedMs !== undefined) return firstBoundaryAfter(ms, interval.fixedMs, tz);
  return localDay(floor, tz).plus({ days: 1 }).startOf('day').toMillis();
}

/** The boundary after the bucket starting at `startMs`. */
export function nextBoundary(startMs: number, interval: IntervalSpec, tz: string): number {
  if (interval.fixedMs !== undefined) return firstBoundaryAfter(startMs + 1, interval.fixedMs, tz);
  // plus({days:1}) keeps the wall time (midnight) across a DST change; startOf guards zones whose midnight is skipped.
  return localDay(startMs, tz).plus({ days: 1 }).startOf('day').toMillis();
}

const DAY_MS = 86_400_000;

/**
 * The buckets of a window whose start and end lie on its grid. Fixed intervals step a day of buckets at a time and
 * look the offset up only at each day's end (a lookup costs microseconds; a year of 15m buckets is 35,000): an
 * offset that moved by whole buckets keeps the steps on the grid, a fractional move is located and bridged.
 */
export function buildGrid(window: Window): Bucket[] {
  const buckets: Bucket[] = [];
  const step = window.interval.fixedMs;
  const tz = window.tz;
  let start = window.startMs;
  const push = (end: number) => {
    if (end > window.endMs) throw new Error(`window end ${window.endMs} is not on the ${window.interval.label} grid`);
    buckets.push({ startMs: start, endMs: end });
    start = end;
  };
  if (step === undefined) {
    while (start < window.endMs) push(nextBoundary(start, window.interval, tz));
    return buckets;
  }
  let offset = offsetMs(start, tz);
  while (start < window.endMs) {
    const stretchEnd = start + Math.min(Math.floor(DAY_MS / step), Math.ceil((window.endMs - start) / step)) * step;
    const endOffset = tz === 'UTC' ? 0 : offsetMs(stretchEnd, tz);
    if (mod(endOffset - offset, step) === 0) {
      while (start < stretchEnd) push(start + step);
    } else {
      const change = firstWithOffset(start, stretchEnd, tz);
      while (start + step < change) push(start + step);
      // The bucket around the change: to the first boundary in the new offset (a fraction of a bucket away).
      const end = change + mod(-(change + endOffset), step);
      push(end === start ? end + step : end);
    }
    offset = endOffset;
  }
  return buckets;
}

/** The first boundary at or after `ms` (fixed intervals). */
function firstBoundaryAfter(ms: number, step: number, tz: string): number {
  const offset = offsetMs(ms, tz);
  const candidate = ms + mod(-(ms + offset), step);
  if (tz === 'UTC') return candidate;
  const there = offsetMs(candidate, tz);
  if (there === offset || mod(candidate + there, step) === 0) return candidate;
  const change = firstWithOffset(ms, candidate, tz);
  return change + mod(-(change + there), step);
}

/** The first instant in (a, b] whose offset is b's (one offset change lies between; bisection to the millisecond). */
function firstWithOffset(a: number, b: number, tz: string): number {
  const target = offsetMs(b, tz);
  let lo = a;
  let hi = b;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetMs(mid, tz) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
