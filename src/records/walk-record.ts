/**
 * The reference reader of the record contract: walks the session metrics of one details record (as the API or an
 * export gives it, parsed) without a schema pass: the offline path parses gigabytes, so structure is checked here,
 * field by field, only where it is used. Genesys's model (AnalyticsSessionMetric) marks name, value and emitDate
 * optional: a wanted metric without a value or an emitDate (absent or null) is skipped and counted; one whose value
 * or emitDate has the wrong type is malformed. The byte scanner (src/input/record-scanner.ts) must give exactly
 * what this gives.
 */
import type { Skipped } from '../skipped.js';
import { MalformedRecordError } from './malformed-record-error.js';
import { OBSERVATION_FIELDS, type MetricObservation, type TextField } from './metric-observation.js';
import { observationFromColumns } from './observation-columns.js';
import { NUMBER_FIELDS, TEXT_FIELDS, absentText, numberColumn, textColumn, textFieldsAt } from './observation-layout.js';
import { parseRecordInstant } from './parse-record-instant.js';
import { RECORD_SHAPE } from './record-shape.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function arrayField(owner: Json, field: string, where: string): unknown[] {
  const value = owner[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedRecordError(`${where}.${field} is not an array`);
  return value;
}

/** Per level, the text fields read there: their JSON keys, columns and defaults. */
const fieldsAt = (level: 'participant' | 'session' | 'segment') =>
  textFieldsAt(level).map((f: TextField) => ({ key: OBSERVATION_FIELDS[f].key, column: textColumn(f), absent: absentText(f) }));
const PARTICIPANT = fieldsAt('participant');
const SESSION = fieldsAt('session');
const SEGMENT = fieldsAt('segment');
const NAME = textColumn('name');
const VALUE = numberColumn('value');
const EMIT_MS = numberColumn('emitMs');
const NAME_KEY = OBSERVATION_FIELDS.name.key;
const VALUE_KEY = OBSERVATION_FIELDS.value.key;
const EMIT_KEY = OBSERVATION_FIELDS.emitMs.key;

/** Calls `visit` for every session metric whose name is in `wanted`. Throws MalformedRecordError on bad shape. */
export function walkRecord(
  record: unknown,
  wanted: ReadonlySet<string>,
  visit: (o: MetricObservation) => void,
  skipped?: Skipped,
): void {
  if (!isObject(record) || typeof record[RECORD_SHAPE.id] !== 'string') {
    throw new MalformedRecordError('not a conversation record (no conversationId)');
  }
  const texts = new Array<string>(TEXT_FIELDS.length).fill('');
  const numbers = new Float64Array(NUMBER_FIELDS.length);
  for (const participant of arrayField(record, RECORD_SHAPE.participants, 'conversation')) {
    if (!isObject(participant)) throw new MalformedRecordError('a participant is not an object');
    for (const f of PARTICIPANT) texts[f.column] = textOr(participant[f.key], f.absent);
    for (const session of arrayField(participant, RECORD_SHAPE.sessions, 'participant')) {
      if (!isObject(session)) throw new MalformedRecordError('a session is not an object');
      const metrics = arrayField(session, RECORD_SHAPE.metrics, 'session');
      if (metrics.length === 0) continue;
      for (const f of SESSION) texts[f.column] = textOr(session[f.key], f.absent);
      // Each segment-level field is the first segment's that has it as a string.
      const segments = arrayField(session, RECORD_SHAPE.segments, 'session');
      for (const f of SEGMENT) {
        texts[f.column] = f.absent;
        for (const segment of segments) {
          if (isObject(segment) && typeof segment[f.key] === 'string') {
            texts[f.column] = segment[f.key] as string;
            break;
          }
        }
      }
      for (const metric of metrics) {
        if (!isObject(metric)) throw new MalformedRecordError('a session metric is not an object');
        const name = metric[NAME_KEY];
        if (typeof name !== 'string' || !wanted.has(name)) continue;
        const value = metric[VALUE_KEY];
        const emitDate = metric[EMIT_KEY];
        if (value === undefined || value === null) {
          skipped?.add('metricValue');
          continue;
        }
        if (emitDate === undefined || emitDate === null) {
          skipped?.add('metricEmitDate');
          continue;
        }
        if (typeof value !== 'number') throw new MalformedRecordError(`metric ${name} has a ${VALUE_KEY} that is not a number`);
        if (typeof emitDate !== 'string') throw new MalformedRecordError(`metric ${name} has an ${EMIT_KEY} that is not a string`);
        const emitMs = parseRecordInstant(emitDate);
        if (Number.isNaN(emitMs)) throw new MalformedRecordError(`metric ${name} has a bad ${EMIT_KEY} "${emitDate}"`);
        texts[NAME] = name;
        numbers[VALUE] = value;
        numbers[EMIT_MS] = emitMs;
        visit(observationFromColumns(texts, numbers));
      }
    }
  }
}

const textOr = (value: unknown, absent: string): string => (typeof value === 'string' ? value : absent);
