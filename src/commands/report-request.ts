import { UsageError } from '../errors.js';
import { FORMAT_BY_EXTENSION, FORMATS, isFormat, type Format } from '../output/formats.js';
import { parseInterval } from '../time/duration.js';
import { DEFAULT_INTERVAL } from '../time/defaults.js';
import type { ReportWindow, WindowRequest } from '../time/report-window.js';
import { TOTAL_INTERVAL } from './defaults.js';
import type { CommonOptions } from './options.js';

/** Where the report goes and how it is written; decided before any request. */
export interface OutputRequest {
  format: Format;
  /** Undefined: stdout. */
  path?: string | undefined;
  /** --columns as typed; checked against the report's columns before any request (selectColumns). */
  columns?: string[] | undefined;
  hideEmpty?: boolean;
  quiet?: boolean;
}

/** `--interval total`: one bucket for the whole window. */
export const isTotalInterval = (o: CommonOptions): boolean => o.interval.trim().toLowerCase() === TOTAL_INTERVAL;

/**
 * Options → the domain values every report starts from; done once, at the top of each command. With
 * `--interval total` the window is resolved (and fetched) on the default grid, then reported as one bucket.
 */
export function windowRequest(o: CommonOptions): WindowRequest {
  return { since: o.since, from: o.from, to: o.to, interval: parseInterval(isTotalInterval(o) ? DEFAULT_INTERVAL : o.interval) };
}

/** The report window as its one total bucket: every instant maps to the window's start, which ends at its end. */
export function totalWindow(rw: ReportWindow): ReportWindow {
  const { startMs, endMs } = rw.window;
  return { ...rw, grid: [{ startMs, endMs }], bucketOf: () => startMs, bucketEndMs: () => endMs };
}

/**
 * --format wins; else an --output file's extension chooses (x.json → json); else a table on a terminal and CSV for
 * pipes and files (cron).
 */
export function outputRequest(o: Pick<CommonOptions, 'format' | 'output' | 'columns' | 'hideEmpty' | 'quiet'>, stdoutIsTTY: boolean): OutputRequest {
  // `--output -` is stdout, never a file named "-".
  const path = o.output === '-' ? undefined : o.output;
  const shape = { columns: o.columns, hideEmpty: o.hideEmpty, quiet: o.quiet };
  if (o.format !== undefined) return { format: o.format, path, ...shape };
  if (path === undefined) return { format: stdoutIsTTY ? 'table' : 'csv', ...shape };
  const extension = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase();
  const named = extension !== undefined ? FORMAT_BY_EXTENSION[extension] : undefined;
  if (named === undefined) return { format: 'csv', path, ...shape };
  if (!isFormat(named)) {
    throw new UsageError(
      `--output: "${path}" asks for ${named} by its extension, which this version cannot write; use --format ${FORMATS.filter((f) => f !== 'table').join('|')} or another extension`,
    );
  }
  return { format: named, path, ...shape };
}

/** A set for filtering records, or undefined when nothing is selected (everything passes). */
export const setOrAll = (values: readonly string[]): Set<string> | undefined => (values.length > 0 ? new Set(values) : undefined);
