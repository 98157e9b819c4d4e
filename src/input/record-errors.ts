import { UsageError } from '../errors.js';
import { MalformedRecordError } from '../records/malformed-record-error.js';
import type { MetricObservation } from '../records/metric-observation.js';

/** Durations and counts are never negative; one that is would turn into a negative ASA or handle time. */
export function checkNotNegative(o: MetricObservation): void {
  if (o.value < 0) throw new MalformedRecordError(`metric ${o.name} has a negative value (${o.value})`);
}

/** A malformed record as the usage error that names the input and the line the record starts on. */
export const malformedRecord = (label: string, line: number, message: string): UsageError =>
  new UsageError(`--input: ${label} line ${line}: ${message}; expected Genesys conversation details records`);
