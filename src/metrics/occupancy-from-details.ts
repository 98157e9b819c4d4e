import type { OccupancyAccumulator } from './occupancy.js';
import type { Skipped } from '../skipped.js';
import type { MetricObservation } from '../records/metric-observation.js';
import { walkRecord } from '../records/walk-record.js';

/**
 * The agent session metrics of a record that occupancy reads: as the aggregates query, talk and hold are the
 * per-interaction tTalkComplete/tHeldComplete (details records carry them as session metrics, e.g.
 * test/fixtures/genesys/conversation-details-record-chat-2021.json), so aggregates = details = --input.
 */
export const AGENT_METRICS = new Set(['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw']);

export interface OccupancyDetailsOptions {
  bucketOf: (ms: number) => number;
  startMs: number;
  endMs: number;
  userIds?: ReadonlySet<string>;
  mediaTypes?: ReadonlySet<string>;
  /** Counts wanted metrics without a value or emitDate. */
  skipped?: Skipped;
}

/** Adds one conversation's agent metrics by emitDate, as the aggregates API attributes them. */
export function addOccupancyDetails(acc: OccupancyAccumulator, conversation: unknown, o: OccupancyDetailsOptions): void {
  walkRecord(conversation, AGENT_METRICS, (m) => addOccupancyObservation(acc, m, o), o.skipped);
}

/** Adds one metric of a conversation (from walkRecord or the --input scanner). */
export function addOccupancyObservation(acc: OccupancyAccumulator, m: MetricObservation, o: OccupancyDetailsOptions): void {
  if (!m.userId || m.emitMs < o.startMs || m.emitMs >= o.endMs) return;
  if (o.userIds && !o.userIds.has(m.userId)) return;
  if (o.mediaTypes && !o.mediaTypes.has(m.mediaType)) return;
  const bucketStartMs = o.bucketOf(m.emitMs);
  switch (m.name) {
    case 'tHandle':
      acc.addTo(m.userId, bucketStartMs, 'handled', 1);
      return acc.addTo(m.userId, bucketStartMs, 'handleMs', m.value);
    case 'tTalkComplete':
      return acc.addTo(m.userId, bucketStartMs, 'talkMs', m.value);
    case 'tHeldComplete':
      return acc.addTo(m.userId, bucketStartMs, 'heldMs', m.value);
    case 'tAcw':
      return acc.addTo(m.userId, bucketStartMs, 'acwMs', m.value);
  }
}
