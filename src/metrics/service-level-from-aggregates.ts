import type { ConversationAggregateResponse } from '../api/schemas.js';
import type { ServiceLevelAccumulator } from './service-level.js';

/** Names of the rangeBound views the service-level query asks for (custom names: never a built-in metric). */
export const ANSWERED_WITHIN_VIEW = 'gcxAnsweredWithin';
export const SHORT_ABANDON_VIEW = 'gcxAbandonedShort';

/**
 * Adds one aggregates response (groupBy queueId, mediaType) to the accumulator. Counters are summed, never
 * ratios; metrics the API omitted simply add nothing (absent means zero, not unknown).
 */
export function addServiceLevelAggregates(
  acc: ServiceLevelAccumulator,
  response: ConversationAggregateResponse,
  bucketOf: (ms: number) => number,
): void {
  for (const result of response.results ?? []) {
    const queueId = result.group.queueId;
    if (!queueId) continue; // no queue: not an ACD interaction, outside a service-level report
    const mediaType = result.group.mediaType ?? 'unknown';
    for (const point of result.data) {
      const bucketStartMs = bucketOf(Date.parse(point.interval.slice(0, point.interval.indexOf('/'))));
      const stat = (metric: string) => point.metrics.find((m) => m.metric === metric)?.stats;
      const view = (name: string) => point.views?.find((v) => v.name === name)?.stats;
      acc.add(
        { bucketStartMs, queueId, mediaType },
        {
          offered: stat('nOffered')?.count ?? 0,
          answered: stat('tAnswered')?.count ?? 0,
          answeredSumMs: stat('tAnswered')?.sum ?? 0,
          answeredWithin: view(ANSWERED_WITHIN_VIEW)?.count ?? 0,
          abandoned: stat('tAbandon')?.count ?? 0,
          abandonedShort: view(SHORT_ABANDON_VIEW)?.count ?? 0,
          flowout: stat('tFlowOut')?.count ?? 0,
        },
      );
    }
  }
}
