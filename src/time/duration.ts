import { UsageError } from '../errors.js';
import type { IntervalSpec } from './types.js';

const MINUTE = 60_000;
const UNIT_MS = { m: MINUTE, h: 60 * MINUTE, d: 1440 * MINUTE, w: 7 * 1440 * MINUTE } as const;

/** A `--since` length. Days and weeks are calendar days in the report zone, so `1d` is a 23 h span on DST days. */
export interface SinceSpec {
  /** Nominal length: days count 24 h here. */
  ms: number;
  /** Set for `d`/`w`: the number of local calendar days to step back. */
  calendarDays?: number;
}

/** `90m`, `24h`, `7d`, `2w`: a positive whole number and one unit. */
export function parseSince(text: string): SinceSpec {
  const match = /^(\d+)([mhdw])$/.exec(text.trim().toLowerCase());
  const amount = match ? Number(match[1]) : 0;
  if (!match || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new UsageError(`--since: "${text}" is not a duration; use e.g. 90m, 24h, 7d or 2w`);
  }
  const unit = match[2] as keyof typeof UNIT_MS;
  const ms = amount * UNIT_MS[unit];
  if (unit === 'd') return { ms, calendarDays: amount };
  if (unit === 'w') return { ms, calendarDays: amount * 7 };
  return { ms };
}

const INTERVALS: Record<string, IntervalSpec> = {
  '15m': { label: '15m', iso: 'PT15M', fixedMs: 15 * MINUTE },
  '30m': { label: '30m', iso: 'PT30M', fixedMs: 30 * MINUTE },
  '1h': { label: '1h', iso: 'PT1H', fixedMs: 60 * MINUTE },
  // A day's length follows the zone's calendar (23/24/25 h), so it has no fixed length.
  '1d': { label: '1d', iso: 'P1D' },
};
const ALIASES: Record<string, string> = { '60m': '1h', pt15m: '15m', pt30m: '30m', pt1h: '1h', pt60m: '1h', p1d: '1d' };

/** `15m`, `30m`, `60m`/`1h`, `1d` (the ISO periods `PT15M`... are accepted too). */
export function parseInterval(text: string): IntervalSpec {
  const key = text.trim().toLowerCase();
  const spec = INTERVALS[ALIASES[key] ?? key];
  if (!spec) throw new UsageError(`--interval: "${text}" is not a supported interval; use 15m, 30m, 60m (1h) or 1d`);
  return { ...spec };
}
