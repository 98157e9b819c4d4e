import type { ServiceLevelAccumulator } from './service-level.js';
import type { GoalOf } from './service-level-goals.js';
import type { Skipped } from '../skipped.js';
import type { MetricObservation } from '../records/metric-observation.js';
import { walkRecord } from '../records/walk-record.js';

/** tHandle is emitted on the agent's session, whose segments carry the queue: AHT per queue and media type. */
export const SERVICE_LEVEL_RECORD_METRICS = new Set(['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle']);

export interface ServiceLevelDetailsOptions {
  bucketOf: (ms: number) => number;
  startMs: number;
  endMs: number;
  /** Each answer is compared with the threshold of its own queue and media type. */
  goalOf: GoalOf;
  /**
   * 0 = no short abandons. `org` never reaches here: details records carry no tShortAbandon (options.ts refuses
   * it), and counting none would silently report Include Short Abandons on.
   */
  shortAbandonMs: number;
  queueIds?: ReadonlySet<string> | undefined;
  mediaTypes?: ReadonlySet<string> | undefined;
  /** Counts wanted metrics without a value or emitDate. */
  skipped?: Skipped | undefined;
  /** Filled with queue names found in the records (an acd participant's name is its queue's), when given. */
  queueNames?: Map<string, string>;
}

/**
 * Adds one conversation's service-level metrics, each attributed to the bucket of its emitDate, exactly as the
 * aggregates API attributes them; so both sources give the same rows on the same data.
 */
export function addServiceLevelDetails(
  acc: ServiceLevelAccumulator,
  conversation: unknown,
  o: ServiceLevelDetailsOptions,
): void {
  walkRecord(conversation, SERVICE_LEVEL_RECORD_METRICS, (m) => addServiceLevelObservation(acc, m, o), o.skipped);
}

/** Adds one metric of a conversation (from walkRecord or the --input scanner). */
export function addServiceLevelObservation(acc: ServiceLevelAccumulator, m: MetricObservation, o: ServiceLevelDetailsOptions): void {
  if (m.emitMs < o.startMs || m.emitMs >= o.endMs || !m.queueId) return;
  if (o.queueIds && !o.queueIds.has(m.queueId)) return;
  if (o.mediaTypes && !o.mediaTypes.has(m.mediaType)) return;
  if (o.queueNames && m.purpose === 'acd' && m.participantName && !o.queueNames.has(m.queueId)) {
    o.queueNames.set(m.queueId, m.participantName);
  }
  const bucketStartMs = o.bucketOf(m.emitMs);
  switch (m.name) {
    case 'nOffered': {
      acc.counts(bucketStartMs, m.queueId, m.mediaType).offered += 1;
      return;
    }
    case 'tAnswered': {
      const c = acc.counts(bucketStartMs, m.queueId, m.mediaType);
      c.answered += 1;
      c.answeredSumMs += m.value;
      if (m.value <= o.goalOf(m.queueId, m.mediaType).thresholdMs) c.answeredWithin += 1;
      return;
    }
    case 'tAbandon': {
      const c = acc.counts(bucketStartMs, m.queueId, m.mediaType);
      c.abandoned += 1;
      if (o.shortAbandonMs > 0 && m.value <= o.shortAbandonMs) c.abandonedShort += 1;
      return;
    }
    case 'tFlowOut': {
      acc.counts(bucketStartMs, m.queueId, m.mediaType).flowout += 1;
      return;
    }
    case 'tHandle': {
      const c = acc.counts(bucketStartMs, m.queueId, m.mediaType);
      c.handled += 1;
      c.handleSumMs += m.value;
      return;
    }
  }
}
