import { createBucketer } from './bucketer.js';
import { formatLocal } from './format.js';
import { buildGrid } from './grid.js';
import type { Bucket, Window } from './types.js';
import { resolveWindow, type WindowRequest } from './window.js';

export type { WindowRequest } from './window.js';

/** The window and everything derived from it that calculators and renderers need. */
export interface ReportWindow {
  window: Window;
  grid: Bucket[];
  bucketOf: (ms: number) => number;
  bucketEndMs: (bucketStartMs: number) => number;
  formatTime: (ms: number) => string;
}

export function reportWindow(request: WindowRequest, tz: string, nowMs: number): ReportWindow {
  return describeWindow(resolveWindow({ ...request, tz, nowMs }));
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
export const hasWindowFlags = (w: WindowRequest) => w.since !== undefined || w.from !== undefined || w.to !== undefined;
