import { buildGrid } from './grid.js';
import type { Window } from './types.js';

/**
 * Consecutive sub-windows, each at most `maxMs` long and cut on grid boundaries (whole local days for `1d`), that
 * together cover `window` exactly: their grids concatenate to the window's grid. Greedy: each chunk takes as many
 * buckets as fit, so a 7-day limit gives 6-day chunks only where a 25-hour day would push a chunk over.
 */
export function splitWindow(window: Window, maxMs: number): Window[] {
  const chunks: Window[] = [];
  let chunkStart = window.startMs;
  let chunkEnd = window.startMs;
  for (const bucket of buildGrid(window)) {
    if (bucket.endMs - bucket.startMs > maxMs) {
      throw new Error(`cannot split into ${maxMs} ms chunks: one ${window.interval.label} bucket is longer`);
    }
    if (bucket.endMs - chunkStart > maxMs) {
      chunks.push({ ...window, startMs: chunkStart, endMs: chunkEnd });
      chunkStart = chunkEnd;
    }
    chunkEnd = bucket.endMs;
  }
  if (chunkEnd > chunkStart) chunks.push({ ...window, startMs: chunkStart, endMs: chunkEnd });
  return chunks;
}
