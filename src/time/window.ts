import { DateTime } from 'luxon';
import { UsageError } from '../errors.js';
import { DAY_MS, DEFAULT_SINCE } from './defaults.js';
import { parseSince } from './duration.js';
import { ceilToGrid, floorToGrid } from './grid.js';
import type { IntervalSpec, Window } from './types.js';

/** Longer windows are almost certainly a typo (and would take hours of API requests). */
export const MAX_WINDOW_DAYS = 400;

/** The window flags as a domain value: what the user asked for, before the zone and the clock are known. */
export interface WindowRequest {
  since?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  interval: IntervalSpec;
}

export interface WindowInput extends WindowRequest {
  tz: string;
  nowMs: number;
  /** The flag `since` came from, for messages (sync's `--backfill` is a `--since` by another name). */
  sinceFlag?: string;
}

/** `--to` alone has no sensible start. Checked with the other flags (before credentials) and here. */
export function checkToNeedsFrom(input: { from?: string | undefined; to?: string | undefined }): void {
  if (input.from === undefined && input.to !== undefined) {
    throw new UsageError(`--to: "${input.to}" needs --from as well; use --from and --to together, or --since`);
  }
}

/**
 * --since/--from/--to → a window on the interval grid of `tz`.
 * - `--since` (default 24h): ends at the last boundary at or before now, so only complete intervals are reported,
 *   and starts `since` earlier, floored to the grid. `m`/`h` are exact lengths; `d`/`w` are local calendar days.
 *   With `1d` intervals the length is rounded up to whole local days (`--since 24h` = the last complete local day,
 *   also on 23/25-hour days).
 * - `--from`/`--to` override `--since`. A date-time without an offset is local to `tz` (an ambiguous fall-back time
 *   takes the later, standard-time offset, as luxon does; add an offset to choose). A date alone means that day's
 *   start for `--from` and its end (the next local midnight) for `--to`, so `--from 2026-11-20 --to 2026-11-20` is
 *   that one day. `--from` is floored and `--to` ceiled to the grid. `--from` alone runs to the last complete
 *   boundary; `--to` alone is an error (there is no sensible start).
 */
export function resolveWindow(input: WindowInput): Window {
  const { interval, tz } = input;
  let startMs: number;
  let endMs: number;
  let source: string;
  checkToNeedsFrom(input);
  if (input.from !== undefined) {
    source = '--from/--to';
    const fromMs = parseWindowBound(input.from, '--from', tz, 'start');
    startMs = floorToGrid(fromMs, interval, tz);
    if (input.to !== undefined) {
      const toMs = parseWindowBound(input.to, '--to', tz, 'end');
      if (toMs <= fromMs) throw new UsageError(`--to: "${input.to}" is not after --from "${input.from}"`);
      endMs = ceilToGrid(toMs, interval, tz);
    } else {
      endMs = floorToGrid(input.nowMs, interval, tz);
      if (endMs <= startMs) {
        throw new UsageError(
          `--from: "${input.from}" is not before the last complete ${interval.label} interval; add --to or use an earlier --from`,
        );
      }
    }
  } else {
    source = input.sinceFlag ?? '--since';
    const since = parseSince(input.since ?? DEFAULT_SINCE);
    endMs = floorToGrid(input.nowMs, interval, tz);
    const end = DateTime.fromMillis(endMs, { zone: tz });
    if (interval.fixedMs === undefined) {
      startMs = end.minus({ days: since.calendarDays ?? Math.ceil(since.ms / DAY_MS) }).startOf('day').toMillis();
    } else {
      // Step back from the end in whole buckets so start and end share one grid even where offsets shift oddly.
      const rawStart = since.calendarDays ? end.minus({ days: since.calendarDays }).toMillis() : endMs - since.ms;
      startMs = endMs - Math.ceil((endMs - rawStart) / interval.fixedMs) * interval.fixedMs;
      // Across a shift by a fraction of the interval (Lord Howe's 30 minutes at 1h) whole steps miss the grid.
      if (floorToGrid(startMs, interval, tz) !== startMs) startMs = floorToGrid(rawStart, interval, tz);
    }
  }
  if (endMs - startMs > MAX_WINDOW_DAYS * DAY_MS) {
    const given = input.from !== undefined ? `"${input.from}" to "${input.to ?? 'now'}"` : `"${input.since ?? DEFAULT_SINCE}"`;
    throw new UsageError(
      `${source}: ${given} is longer than ${MAX_WINDOW_DAYS} days; use a shorter window and split the report into runs`,
    );
  }
  return { startMs, endMs, interval, tz };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

/** Real UTC offsets lie within ±14:00 with minutes under 60; luxon would take +25:00 as given. */
function plausibleOffset(value: string): boolean {
  const offset = /([+-])(\d{2}):?(\d{2})?$/.exec(value.slice(10));
  if (!offset) return true;
  const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
  return Number(offset[3] ?? 0) < 60 && minutes <= 14 * 60;
}

/** A --from/--to value as epoch ms: a date alone is the start (or, for `edge` end, the end) of that day in `tz`; a date-time without an offset is in `tz`. */
export function parseWindowBound(text: string, flag: string, tz: string, edge: 'start' | 'end'): number {
  const value = text.trim();
  let dt: DateTime | undefined;
  if (DATE_ONLY.test(value)) {
    const day = DateTime.fromISO(value, { zone: tz }).startOf('day');
    dt = edge === 'start' ? day : day.plus({ days: 1 }).startOf('day');
  } else if (DATE_TIME.test(value) && plausibleOffset(value)) {
    dt = DateTime.fromISO(value.replace(' ', 'T'), { zone: tz });
  }
  if (!dt?.isValid) {
    throw new UsageError(
      `${flag}: "${text}" is not an ISO-8601 date or date-time; use e.g. 2026-11-20, 2026-11-20T09:30 ` +
        `or 2026-11-20T09:30:00+01:00`,
    );
  }
  return dt.toMillis();
}
