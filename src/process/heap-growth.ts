import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection before it collects again, in percent.
 * By default V8 picks a factor of up to 4× for a fast-allocating program, and a report that folds a month of
 * responses, or writes Parquet row groups of 100,000 rows, promotes large batches that become garbage at once: its
 * peak RSS was mostly that slack (the same 1,000-agent Parquet week: 431 MB by default, 245 MB at 10 %; a 30-day
 * service-level report 212 → 169 MB), at no measurable cost in wall time (bench/RESULTS.md). It cannot be given
 * in NODE_OPTIONS, but V8 reads it at every collection, so setting it at start-up is enough.
 */
export const HEAP_GROWING_PERCENT = 10;

export function tightenHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
