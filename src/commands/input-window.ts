import { createBucketer } from '../metrics/bucketer.js';
import { parseInterval } from '../time/duration.js';
import { ceilToGrid } from '../time/grid.js';
import type { Window } from '../time/types.js';
import type { ReportWindow } from './report-window.js';

/**
 * The window of a file report. With window flags it is that window. Without, the file is the window: every emit
 * counts, and the window is the grid span the emits fell in, observed while streaming (no second pass).
 */
export function inputWindow(intervalText: string, tz: string, fixed: ReportWindow | undefined) {
  if (fixed) {
    return { bucketOf: fixed.bucketOf, startMs: fixed.window.startMs, endMs: fixed.window.endMs, observed: () => fixed.window };
  }
  const interval = parseInterval(intervalText);
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
