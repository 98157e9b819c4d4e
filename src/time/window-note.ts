import { DateTime } from 'luxon';
import { parseSince } from './duration.js';
import type { Window } from './types.js';
import { parseWindowBound, type WindowRequest } from './window.js';

/**
 * One line for stderr when the resolved window is not literally what was typed, so a window never changes silently.
 * The rule it explains (resolveWindow's): a window is made of whole intervals of the grid of `--interval` in the
 * report zone; `--since` ends at the last complete boundary and covers at least the duration typed (`--since 25h
 * --interval 1d` is the last two whole days), `--from` is floored and `--to` ceiled to the grid. Also said: a
 * `--since` in days on a sub-day grid, which starts at the current time of day rather than at midnight.
 * Undefined when the window is exactly what was typed, or when no window flag was given.
 */
export function windowNote(request: WindowRequest, window: Window): string | undefined {
  const { startMs, endMs, tz } = window;
  const span = `${local(startMs, tz)} to ${local(endMs, tz)} ${tz} (${lengthText(startMs, endMs, tz)})`;
  if (request.from !== undefined) {
    const fromMs = parseWindowBound(request.from, '--from', tz, 'start');
    const toMs = request.to === undefined ? undefined : parseWindowBound(request.to, '--to', tz, 'end');
    if (fromMs === startMs && (toMs === undefined || toMs === endMs)) return undefined;
    return `note: the window is ${span}: --from is moved back and --to forward to whole ${window.interval.label} intervals`;
  }
  if (request.since === undefined) return undefined;
  const since = parseSince(request.since);
  const end = DateTime.fromMillis(endMs, { zone: tz });
  const typedStartMs = since.calendarDays !== undefined ? end.minus({ days: since.calendarDays }).toMillis() : endMs - since.ms;
  if (typedStartMs !== startMs) {
    return `note: --since ${request.since} with --interval ${window.interval.label} covers whole intervals: ${span}`;
  }
  if (since.calendarDays !== undefined && window.interval.fixedMs !== undefined && !isMidnight(startMs, tz)) {
    return `note: the window is ${span}, up to the last complete interval; for whole days use --interval 1d or --from ${DateTime.fromMillis(startMs, { zone: tz }).toISODate()}`;
  }
  return undefined;
}

const local = (ms: number, tz: string) => DateTime.fromMillis(ms, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');

const isMidnight = (ms: number, tz: string) => {
  const t = DateTime.fromMillis(ms, { zone: tz });
  return t.hour === 0 && t.minute === 0;
};

/** `2 days`, `25 h`, `90 min`: local calendar days when the span is whole days there (23- and 25-hour days count as one). */
function lengthText(startMs: number, endMs: number, tz: string): string {
  const start = DateTime.fromMillis(startMs, { zone: tz });
  const end = DateTime.fromMillis(endMs, { zone: tz });
  const days = Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days);
  if (isMidnight(startMs, tz) && isMidnight(endMs, tz) && days > 0) return days === 1 ? '1 day' : `${days} days`;
  const minutes = Math.round((endMs - startMs) / 60_000);
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
