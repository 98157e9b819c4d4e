import { zoneOffsetMinutes } from './zone-offset.js';

/** Memo of formatted instants: rows repeat a few thousand bucket bounds, and a zone lookup costs microseconds. */
const memo = new Map<string, Map<number, string>>();
const MEMO_LIMIT = 50_000;

/**
 * `2026-11-20T09:30:00+01:00`: seconds precision, the zone's offset (`+00:00`, never `Z`). Called for every output
 * row, so it is memoised and uses the zone's offset and Date arithmetic rather than luxon formatting.
 */
export function formatLocal(ms: number, tz: string): string {
  let byMs = memo.get(tz);
  if (!byMs) memo.set(tz, (byMs = new Map()));
  let text = byMs.get(ms);
  if (text === undefined) {
    if (byMs.size >= MEMO_LIMIT) byMs.clear();
    text = format(ms, tz);
    byMs.set(ms, text);
  }
  return text;
}

function format(ms: number, tz: string): string {
  const offsetMin = zoneOffsetMinutes(ms, tz);
  const wall = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMin);
  const sign = offsetMin < 0 ? '-' : '+';
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The API's `interval` field: `2026-11-20T08:30:00.000Z/2026-11-20T09:00:00.000Z`. */
export function toApiInterval(startMs: number, endMs: number): string {
  return `${new Date(startMs).toISOString()}/${new Date(endMs).toISOString()}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as UTC ISO-8601 to the second with `Z` (how the store and sync messages print instants). */
export const isoZ = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;
