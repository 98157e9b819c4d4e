import type { ReportWindow } from './report-window.js';

/** The report window as its one total bucket (`--interval total`): every instant maps to the window's start. */
export function totalWindow(rw: ReportWindow): ReportWindow {
  const { startMs, endMs } = rw.window;
  return { ...rw, grid: [{ startMs, endMs }], bucketOf: () => startMs, bucketEndMs: () => endMs };
}
