/**
 * The conversation-record contract: what a report reads from one Genesys details record (AnalyticsConversation →
 * participants[] → sessions[] → segments[] / metrics[]), declared once. Every reader of records (the reference
 * walker, the byte scanner, the worker batches) takes its keys, slots and defaults from this table; the
 * observation type is derived from it, so a field added here is a compile error wherever an observation is built.
 */

/** Where in the record a field is read: per participant, per session, the first segment that has it, per metric. */
export type ObservationLevel = 'participant' | 'session' | 'segment' | 'metric';

export interface ObservationFieldSpec {
  /** text: a string; number: a JSON number; instant: an ISO-8601 string read as epoch ms. */
  readonly type: 'text' | 'number' | 'instant';
  readonly at: ObservationLevel;
  /** The record's JSON key. */
  readonly key: string;
  /** A text field's value when the record has no string there (metric-level fields are never absent). */
  readonly absent?: string;
}

/** The observation's fields, in the order an observation object has them. */
export const OBSERVATION_FIELDS = {
  /** The metric's name (tAnswered, tHandle, ...): only the wanted names become observations. */
  name: { type: 'text', at: 'metric', key: 'name' },
  value: { type: 'number', at: 'metric', key: 'value' },
  emitMs: { type: 'instant', at: 'metric', key: 'emitDate' },
  mediaType: { type: 'text', at: 'session', key: 'mediaType', absent: 'unknown' },
  /** The queue of the session's segments; '' when the session never touched a queue. */
  queueId: { type: 'text', at: 'segment', key: 'queueId', absent: '' },
  /** The participant's user; '' for customer/acd/ivr participants. */
  userId: { type: 'text', at: 'participant', key: 'userId', absent: '' },
  purpose: { type: 'text', at: 'participant', key: 'purpose', absent: '' },
  /** For acd participants, Genesys records the queue's name here. */
  participantName: { type: 'text', at: 'participant', key: 'participantName', absent: '' },
} as const satisfies Record<string, ObservationFieldSpec>;

type Fields = typeof OBSERVATION_FIELDS;
export type ObservationField = keyof Fields;
export type TextField = { [F in ObservationField]: Fields[F]['type'] extends 'text' ? F : never }[ObservationField];
export type NumberField = Exclude<ObservationField, TextField>;

/** One wanted session metric of a record, with the session's and participant's fields a report groups by. */
export type MetricObservation = { [F in ObservationField]: F extends TextField ? string : number };
