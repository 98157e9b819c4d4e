import { formatLocal } from '../../src/time/format.js';
import type { Bucket, Window } from '../../src/time/types.js';

export const utc = (iso: string): number => Date.parse(iso);

/** A bucket list as local `start..end` strings, for exact comparisons. */
export function labels(buckets: readonly Bucket[], tz: string): string[] {
  return buckets.map((b) => `${formatLocal(b.startMs, tz)}..${formatLocal(b.endMs, tz)}`);
}

export function windowIso(w: Window): string {
  return `${new Date(w.startMs).toISOString()}/${new Date(w.endMs).toISOString()}`;
}
