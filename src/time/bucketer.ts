import type { IntervalSpec } from '../time/types.js';
import { floorToGrid } from '../time/grid.js';

const SLOT_MS = 15 * 60_000;

/**
 * Maps an instant to the start of its grid bucket. Every grid boundary of every supported interval falls on a
 * UTC quarter hour (all current zone offsets are multiples of 15 minutes), so all instants of one 15-minute slot
 * share a bucket: the zone-aware floor runs once per slot, not once per metric, which keeps big inputs fast.
 */
export function createBucketer(interval: IntervalSpec, tz: string): (ms: number) => number {
  const slotToBucket = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    let start = slotToBucket.get(slot);
    if (start === undefined) {
      start = floorToGrid(slot * SLOT_MS, interval, tz);
      slotToBucket.set(slot, start);
    }
    return start;
  };
}
