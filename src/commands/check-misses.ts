import { DateTime } from 'luxon';

/** How many misses `--check` names before "and N more": enough to act on, short enough for one line. */
export const NAMED_MISSES = 5;

/** One row that missed, as `--check` names it. */
export interface Miss {
  queue: string | null;
  media: string | null;
  /** Interval start (epoch ms); undefined for `now`, which has no interval. */
  startMs?: number;
  /** Why, briefly: `64.29 % < 80`, `sl_below_target`. */
  why: string;
}

/**
 * The `--check` line: how many rows missed of how many, the first few by queue, media and interval (in the report's
 * zone), then "and N more"; and how many rows `--min-offered` left unchecked, so a quiet pass is not mistaken for
 * a good one.
 */
export function checkMessage(o: { what: string; misses: readonly Miss[]; rows: number; tz: string; unchecked?: { rows: number; minOffered: number } }): string {
  const named = o.misses.slice(0, NAMED_MISSES).map((m) => missLabel(m, o.tz));
  const more = o.misses.length - named.length;
  const list = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
  return `--check: ${o.misses.length} of ${o.rows} rows ${o.what}: ${list}${uncheckedText(o.unchecked)}`;
}

/** `; 12 rows with fewer than 10 offered not checked (--min-offered)`, or nothing. */
export function uncheckedText(unchecked: { rows: number; minOffered: number } | undefined): string {
  if (!unchecked || unchecked.rows === 0) return '';
  return `; ${unchecked.rows} row${unchecked.rows === 1 ? '' : 's'} with fewer than ${unchecked.minOffered} offered not checked (--min-offered)`;
}

function missLabel(m: Miss, tz: string): string {
  const who = [m.queue ?? 'all queues', m.media].filter((p) => p !== null && p !== '').join(' ');
  const when = m.startMs === undefined ? '' : ` ${DateTime.fromMillis(m.startMs, { zone: tz }).toFormat('yyyy-MM-dd HH:mm')}`;
  return `${who}${when} (${m.why})`;
}
