import type { Window } from './types.js';
import { zoneOffsetMinutes } from './zone-offset.js';

/**
 * The `granularity` to ask the API for over a chunk. The API steps it in fixed lengths from the interval's start,
 * so across a shift by a fraction of the interval (Lord Howe's 30 minutes at 1h) its buckets would straddle ours;
 * such a chunk is asked for in steps that divide both (PT30M there) and added up into our buckets.
 */
export function apiGranularity(w: Window): string {
  const step = w.interval.fixedMs;
  if (step === undefined || w.tz === 'UTC') return w.interval.iso;
  const stepMin = step / 60_000;
  const shift = Math.abs(zoneOffsetMinutes(w.endMs, w.tz) - zoneOffsetMinutes(w.startMs, w.tz));
  if (shift % stepMin === 0) return w.interval.iso;
  return `PT${gcd(shift, stepMin)}M`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
