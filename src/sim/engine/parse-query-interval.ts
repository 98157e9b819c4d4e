/** `start/end` ISO-8601 date-times, each with `Z` or an explicit offset, end after start. */
import { DateTime } from 'luxon';
import { SimQueryError } from './sim-query-error.js';

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

export function parseQueryInterval(interval: string): { startMs: number; endMs: number } {
  const parts = interval.split('/');
  const bad = (why: string): SimQueryError =>
    new SimQueryError(`Invalid interval ${JSON.stringify(interval)}: ${why}. Expected start/end ISO-8601 date-times with Z or an offset, e.g. 2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z`, 'invalid.date');
  if (parts.length !== 2) throw bad('not two date-times separated by "/"');
  const [startMs, endMs] = parts.map((p) => {
    const dt = ZONED.test(p) ? DateTime.fromISO(p, { setZone: true }) : null;
    if (!dt?.isValid) throw bad(`${JSON.stringify(p)} is not a date-time with a zone offset`);
    return dt.toMillis();
  }) as [number, number];
  if (!(endMs > startMs)) throw bad('the end is not after the start');
  return { startMs, endMs };
}
