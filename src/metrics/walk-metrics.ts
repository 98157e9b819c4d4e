/**
 * Walks the session metrics of one details record (as the API or an export gives it) without a schema pass: the
 * offline path parses gigabytes, so structure is checked here, field by field, only where it is used. Genesys's
 * model (AnalyticsSessionMetric) marks name, value and emitDate optional: a wanted metric without a value or an
 * emitDate (absent or null) is skipped and counted; one whose value or emitDate has the wrong type is malformed.
 */
import type { Skipped } from '../skipped.js';


export interface MetricObservation {
  name: string;
  value: number;
  emitMs: number;
  mediaType: string;
  /** The queue of the session's segments; '' when the session never touched a queue. */
  queueId: string;
  /** The participant's user; '' for customer/acd/ivr participants. */
  userId: string;
  purpose: string;
  /** For acd participants, Genesys records the queue's name here. */
  participantName: string;
}

export class MalformedRecordError extends Error {}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function arrayField(owner: Json, field: string, where: string): unknown[] {
  const value = owner[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedRecordError(`${where}.${field} is not an array`);
  return value;
}

/** The UTC day (`2026-11-20T`) of the last canonical instant parsed: consecutive emitDates nearly always share it. */
let cachedDay = '';
let cachedDayMs = 0;

const digitAt = (text: string, i: number) => text.charCodeAt(i) - 48;
/** Not a decimal digit (a negative difference wraps to a huge unsigned number). */
const notDigit = (d: number) => d >>> 0 > 9;

/** `HH:MM:SS.mmmZ` from offset 11 as ms since midnight, or NaN when any character is off. */
function timeOfDayMs(text: string): number {
  const h1 = digitAt(text, 11), h2 = digitAt(text, 12);
  const m1 = digitAt(text, 14), m2 = digitAt(text, 15);
  const s1 = digitAt(text, 17), s2 = digitAt(text, 18);
  const f1 = digitAt(text, 20), f2 = digitAt(text, 21), f3 = digitAt(text, 22);
  if (notDigit(h1) || notDigit(h2) || notDigit(m1) || notDigit(m2) || notDigit(s1) || notDigit(s2)) return NaN;
  if (notDigit(f1) || notDigit(f2) || notDigit(f3)) return NaN;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46) return NaN; // ':' ':' '.'
  const h = h1 * 10 + h2;
  const m = m1 * 10 + m2;
  const s = s1 * 10 + s2;
  if (h > 23 || m > 59 || s > 59) return NaN;
  return ((h * 60 + m) * 60 + s) * 1000 + f1 * 100 + f2 * 10 + f3;
}

/**
 * ISO-8601 instant to ms; tolerates the non-zero-padded dates some exports carry (`2021-04-2T15:30:51.418Z`).
 * The API's own form (`2026-11-20T09:00:00.123Z`) takes a fast path that gives what Date.parse gives: the date
 * part is parsed once per day seen, the time by hand (Date.parse on every metric cost a tenth of the offline
 * run's own work). Anything else falls through to Date.parse.
 */
export function parseInstant(text: string): number {
  if (text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */) {
    if (cachedDay.length === 0 || !text.startsWith(cachedDay)) {
      const dayMs = Date.parse(`${text.slice(0, 10)}T00:00:00.000Z`);
      if (!Number.isNaN(dayMs)) {
        cachedDay = text.slice(0, 11);
        cachedDayMs = dayMs;
      }
    }
    if (cachedDay.length > 0 && text.startsWith(cachedDay)) {
      const time = timeOfDayMs(text);
      if (!Number.isNaN(time)) return cachedDayMs + time;
    }
  }
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

const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}(T|$)/;
/** A time of day with no `Z` and no offset after it. */
const ZONELESS_TIME = /T\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Calls `visit` for every session metric whose name is in `wanted`. Throws MalformedRecordError on bad shape. */
export function walkMetrics(
  record: unknown,
  wanted: ReadonlySet<string>,
  visit: (o: MetricObservation) => void,
  skipped?: Skipped,
): void {
  if (!isObject(record) || typeof record.conversationId !== 'string') {
    throw new MalformedRecordError('not a conversation record (no conversationId)');
  }
  for (const participant of arrayField(record, 'participants', 'conversation')) {
    if (!isObject(participant)) throw new MalformedRecordError('a participant is not an object');
    const userId = typeof participant.userId === 'string' ? participant.userId : '';
    const purpose = typeof participant.purpose === 'string' ? participant.purpose : '';
    const participantName = typeof participant.participantName === 'string' ? participant.participantName : '';
    for (const session of arrayField(participant, 'sessions', 'participant')) {
      if (!isObject(session)) throw new MalformedRecordError('a session is not an object');
      const metrics = arrayField(session, 'metrics', 'session');
      if (metrics.length === 0) continue;
      const mediaType = typeof session.mediaType === 'string' ? session.mediaType : 'unknown';
      let queueId = '';
      for (const segment of arrayField(session, 'segments', 'session')) {
        if (isObject(segment) && typeof segment.queueId === 'string') {
          queueId = segment.queueId;
          break;
        }
      }
      for (const metric of metrics) {
        if (!isObject(metric)) throw new MalformedRecordError('a session metric is not an object');
        const name = metric.name;
        if (typeof name !== 'string' || !wanted.has(name)) continue;
        const value = metric.value;
        const emitDate = metric.emitDate;
        if (value === undefined || value === null) {
          skipped?.add('metricValue');
          continue;
        }
        if (emitDate === undefined || emitDate === null) {
          skipped?.add('metricEmitDate');
          continue;
        }
        if (typeof value !== 'number') throw new MalformedRecordError(`metric ${name} has a value that is not a number`);
        if (typeof emitDate !== 'string') throw new MalformedRecordError(`metric ${name} has an emitDate that is not a string`);
        const emitMs = parseInstant(emitDate);
        if (Number.isNaN(emitMs)) throw new MalformedRecordError(`metric ${name} has a bad emitDate "${emitDate}"`);
        visit({ name, value, emitMs, mediaType, queueId, userId, purpose, participantName });
      }
    }
  }
}
