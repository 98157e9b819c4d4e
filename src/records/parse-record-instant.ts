/**
 * The one parser of a record's ISO-8601 instants (metric emitDates, conversationStart/End) into epoch ms, on
 * bytes (the --input scanner reads them without making a string) or on a string (parsed records, API pages).
 * The API's own form (`2026-11-20T09:00:00.123Z`) takes a fast path that gives what Date.parse gives: the date
 * part through Date.parse once per day seen, the time by hand (Date.parse on every metric cost a tenth of the
 * offline run's own work). Anything else (the non-zero-padded dates some exports carry, `2021-04-2T15:30:51.418Z`;
 * offsets; no milliseconds) goes the general way.
 */

/** The UTC day (`2026-11-20T`) of the last canonical instant read, as bytes, and its start in ms (NaN: none yet). */
const cachedDay = new Uint8Array(11);
let cachedDayMs = NaN;
/** A canonical-length string's characters, for the byte path (a Buffer like the scanner's, so one element kind). */
const scratch = Buffer.alloc(24);

/** The instant in `bytes[start, end)` (UTF-8) as epoch ms, or NaN. */
export function parseRecordInstantBytes(bytes: Buffer, start: number, end: number): number {
  if (end - start === 24 && bytes[start + 23] === 90 /* Z */ && bytes[start + 10] === 84 /* T */) {
    if (!sameDay(bytes, start)) {
      const dayMs = Date.parse(`${bytes.toString('utf8', start, start + 10)}T00:00:00.000Z`);
      if (!Number.isNaN(dayMs)) {
        cachedDay.set(bytes.subarray(start, start + 11));
        cachedDayMs = dayMs;
      }
    }
    if (sameDay(bytes, start)) {
      const time = timeOfDayMs(bytes, start);
      if (!Number.isNaN(time)) return cachedDayMs + time;
    }
  }
  return parseGeneral(bytes.toString('utf8', start, end));
}

/** The instant `text` as epoch ms, or NaN: the byte path over its characters when they are ASCII. */
export function parseRecordInstant(text: string): number {
  if (text.length !== 24) return parseGeneral(text);
  for (let i = 0; i < 24; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return parseGeneral(text);
    scratch[i] = c;
  }
  return parseRecordInstantBytes(scratch, 0, 24);
}

function sameDay(bytes: Buffer, start: number): boolean {
  if (Number.isNaN(cachedDayMs)) return false;
  for (let i = 0; i < 11; i++) if (bytes[start + i] !== cachedDay[i]) return false;
  return true;
}

/** The decimal digit at i, or -1. */
function digit(bytes: Buffer, i: number): number {
  const v = bytes[i]! - 48;
  return v >= 0 && v <= 9 ? v : -1;
}

/** `HH:MM:SS.mmm` at start + 11 as ms since midnight, or NaN when any character is off. */
function timeOfDayMs(b: Buffer, start: number): number {
  const h1 = digit(b, start + 11), h2 = digit(b, start + 12), m1 = digit(b, start + 14), m2 = digit(b, start + 15);
  const s1 = digit(b, start + 17), s2 = digit(b, start + 18), f1 = digit(b, start + 20), f2 = digit(b, start + 21), f3 = digit(b, start + 22);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0 || f1 < 0 || f2 < 0 || f3 < 0) return NaN;
  if (b[start + 13] !== 58 || b[start + 16] !== 58 || b[start + 19] !== 46) return NaN; // ':' ':' '.'
  const h = h1 * 10 + h2;
  const m = m1 * 10 + m2;
  const s = s1 * 10 + s2;
  if (h > 23 || m > 59 || s > 59) return NaN;
  return ((h * 60 + m) * 60 + s) * 1000 + f1 * 100 + f2 * 10 + f3;
}

const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}(T|$)/;
/** A time of day with no `Z` and no offset after it. */
const ZONELESS_TIME = /T\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function parseGeneral(text: string): number {
  // Only ISO-8601, and a date-time without a zone is UTC (as the API writes every time): Date.parse would read it,
  // and any non-ISO form, in the machine's zone, so one file gave different rows under different TZ settings.
  if (!ISO_DATE.test(text)) return NaN;
  const zoned = ZONELESS_TIME.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  if (!Number.isNaN(ms)) return ms;
  const padded = zoned.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):/, (_, y, mo, d, h) =>
    `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h.padStart(2, '0')}:`,
  );
  return Date.parse(padded);
}
