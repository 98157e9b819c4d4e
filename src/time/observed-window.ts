import { createBucketer } from './bucketer.js';
import { ceilToGrid } from './grid.js';
import type { ReportWindow } from './report-window.js';
import type { IntervalSpec, Window } from './types.js';

/** Where file records land: their bucket, and the span that counts ([startMs, endMs), unbounded without a window). */
export interface InputSpan {
  bucketOf: (ms: number) => number;
  startMs: number;
  endMs: number;
  /** The window the report covers, known once the file has been read. */
  observed: () => Window | undefined;
}

/**
 * The window of a file report. With window flags it is that window. Without, the file is the window: every emit
 * counts, and the window is the grid span the emits fell in, observed while streaming (no second pass).
 */
export function observedWindow(interval: IntervalSpec, tz: string, fixed: ReportWindow | undefined): InputSpan {
  if (fixed) {
    return { bucketOf: fixed.bucketOf, startMs: fixed.window.startMs, endMs: fixed.window.endMs, observed: () => fixed.window };
  }
  const floor = createBucketer(interval, tz);
  let minMs = Infinity;
  let maxMs = -Infinity;
  return {
    bucketOf: (ms: number) => {
      if (ms < minMs) minMs = ms;
      if (ms > maxMs) maxMs = ms;
      return floor(ms);
    },
    startMs: -Infinity,
    endMs: Infinity,
    observed: (): Window | undefined =>
      minMs === Infinity ? undefined : { startMs: floor(minMs), endMs: ceilToGrid(maxMs + 1, interval, tz), interval, tz },
  };
}
