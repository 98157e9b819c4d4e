import { UsageError } from '../errors.js';
import type { GoalOf } from '../metrics/service-level-goals.js';
import type { ServiceLevelDetailsOptions } from '../metrics/service-level-from-details.js';
import type { ServiceLevelSelection } from './api/plan-queries.js';

/** A set for filtering records, or undefined when nothing is selected (everything passes). */
export const setOrAll = (values: readonly string[]): Set<string> | undefined => (values.length > 0 ? new Set(values) : undefined);

/** Records carry no tShortAbandon: `org` is refused with --input and --source details before any work (options.ts). */
function detailsShortAbandonMs(ms: number | 'org'): number {
  if (ms === 'org') throw new UsageError('--short-abandon org: conversation details records carry no tShortAbandon metric; give --short-abandon <seconds>');
  return ms;
}

/** What the details calculator needs to place a conversation's metrics; built once per report, not per conversation. */
export function serviceLevelDetailsOptions(
  s: ServiceLevelSelection,
  goalOf: GoalOf,
  span: { bucketOf: (ms: number) => number; startMs: number; endMs: number },
): ServiceLevelDetailsOptions {
  return {
    bucketOf: span.bucketOf,
    startMs: span.startMs,
    endMs: span.endMs,
    goalOf,
    shortAbandonMs: detailsShortAbandonMs(s.shortAbandonMs),
    queueIds: setOrAll(s.queueIds),
    mediaTypes: setOrAll(s.media),
  };
}
