/**
 * An observation to and from its columns (texts by textColumn, numbers by numberColumn): the one place that builds
 * an observation object, so every reader gives objects of one shape (one hidden class for the calculators).
 * A field added to OBSERVATION_FIELDS fails to compile here until it is added; test/records checks the round trip.
 */
import type { MetricObservation } from './metric-observation.js';
import { numberColumn, textColumn } from './observation-layout.js';

const NAME = textColumn('name');
const MEDIA_TYPE = textColumn('mediaType');
const QUEUE_ID = textColumn('queueId');
const USER_ID = textColumn('userId');
const PURPOSE = textColumn('purpose');
const PARTICIPANT_NAME = textColumn('participantName');
const VALUE = numberColumn('value');
const EMIT_MS = numberColumn('emitMs');

/** A new observation from `texts` and the numbers from `numbers[at]` on (the caller may reuse both). */
export function observationFromColumns(texts: readonly string[], numbers: ArrayLike<number>, at = 0): MetricObservation {
  return {
    name: texts[NAME]!,
    value: numbers[at + VALUE]!,
    emitMs: numbers[at + EMIT_MS]!,
    mediaType: texts[MEDIA_TYPE]!,
    queueId: texts[QUEUE_ID]!,
    userId: texts[USER_ID]!,
    purpose: texts[PURPOSE]!,
    participantName: texts[PARTICIPANT_NAME]!,
  };
}

/** Writes `o`'s fields into `texts` and `numbers` from `numbers[at]` on. */
export function observationToColumns(o: MetricObservation, texts: string[], numbers: { [i: number]: number }, at = 0): void {
  texts[NAME] = o.name;
  texts[MEDIA_TYPE] = o.mediaType;
  texts[QUEUE_ID] = o.queueId;
  texts[USER_ID] = o.userId;
  texts[PURPOSE] = o.purpose;
  texts[PARTICIPANT_NAME] = o.participantName;
  numbers[at + VALUE] = o.value;
  numbers[at + EMIT_MS] = o.emitMs;
}
