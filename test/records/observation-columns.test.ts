import { describe, expect, it } from 'vitest';
import { OBSERVATION_FIELDS, type MetricObservation } from '../../src/records/metric-observation.js';
import { observationFromColumns, observationToColumns } from '../../src/records/observation-columns.js';
import { NUMBER_FIELDS, TEXT_FIELDS, textFieldsAt } from '../../src/records/observation-layout.js';

/** An observation with a different value in every field the table declares. */
function everyField(): MetricObservation {
  const o: Record<string, string | number> = {};
  Object.entries(OBSERVATION_FIELDS).forEach(([field, spec], i) => {
    o[field] = spec.type === 'text' ? `${field}-${i}` : 1000 + i;
  });
  return o as MetricObservation;
}

describe('the observation field table', () => {
  it('lays out every field exactly once: texts in table order, then numbers', () => {
    expect([...TEXT_FIELDS, ...NUMBER_FIELDS].sort()).toEqual(Object.keys(OBSERVATION_FIELDS).sort());
    expect(TEXT_FIELDS).toEqual(['name', 'mediaType', 'queueId', 'userId', 'purpose', 'participantName']);
    expect(NUMBER_FIELDS).toEqual(['value', 'emitMs']);
    expect(textFieldsAt('participant')).toEqual(['userId', 'purpose', 'participantName']);
    expect(textFieldsAt('segment')).toEqual(['queueId']);
  });

  it('round-trips every field through columns, at an offset, with the fields in table order', () => {
    const o = everyField();
    const texts: string[] = [];
    const numbers = new Float64Array(3 + NUMBER_FIELDS.length);
    observationToColumns(o, texts, numbers, 3);
    expect(texts).toHaveLength(TEXT_FIELDS.length);
    const back = observationFromColumns(texts, numbers, 3);
    expect(back).toEqual(o);
    expect(Object.keys(back)).toEqual(Object.keys(OBSERVATION_FIELDS));
  });

  it('keeps -0 (a value the scanner and JSON.parse both read as -0)', () => {
    const numbers = new Float64Array(NUMBER_FIELDS.length);
    observationToColumns({ ...everyField(), value: -0 }, [], numbers);
    expect(Object.is(observationFromColumns(TEXT_FIELDS.map(String), numbers).value, -0)).toBe(true);
  });
});
