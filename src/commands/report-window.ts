import type { CommonOptions } from '../cli/options.js';
import { createBucketer } from '../metrics/bucketer.js';
import { parseInterval } from '../time/duration.js';
import { formatLocal } from '../time/format.js';
import { buildGrid } from '../time/grid.js';
import type { Bucket, Window } from '../time/types.js';
import { resolveWindow } from '../time/window.js';

/** The window and everything derived from it that calculators and renderers need. */
export interface ReportWindow {
  window: Window;
  grid: Bucket[];
  bucketOf: (ms: number) => number;
  bucketEndMs: (bucketStartMs: number) => number;
  formatTime: (ms: number) => string;
}

export function reportWindow(o: CommonOptions, tz: string, nowMs: number): ReportWindow {
  const interval = parseInterval(o.interval);
  const window = resolveWindow({ since: o.since, from: o.from, to: o.to, interval, tz, nowMs });
  return describeWindow(window);
}

export function describeWindow(window: Window): ReportWindow {
  const grid = buildGrid(window);
  const ends = new Map(grid.map((b) => [b.startMs, b.endMs]));
  return {
    window,
    grid,
    bucketOf: createBucketer(window.interval, window.tz),
    bucketEndMs: (startMs) => ends.get(startMs) ?? startMs,
    formatTime: (ms) => formatLocal(ms, window.tz),
  };
}

/** True when the user gave no window flag (a file report then covers whatever the file holds). */
export const noWindowFlags = (o: CommonOptions) => o.since === undefined && o.from === undefined && o.to === undefined;
