import type { ConversationAggregateResponse } from '../api/schemas.js';
import { forEachAggregatePoint, metricStats, viewStats } from './aggregate-points.js';
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
  forEachAggregatePoint(response, bucketOf, (group, bucketStartMs, point) => {
    if (!group.queueId) return; // no queue: not an ACD interaction, outside a service-level report
    const answered = metricStats(point, 'tAnswered');
    acc.add(
      { bucketStartMs, queueId: group.queueId, mediaType: group.mediaType ?? 'unknown' },
      {
        offered: metricStats(point, 'nOffered')?.count ?? 0,
        answered: answered?.count ?? 0,
        answeredSumMs: answered?.sum ?? 0,
        answeredWithin: viewStats(point, ANSWERED_WITHIN_VIEW)?.count ?? 0,
        abandoned: metricStats(point, 'tAbandon')?.count ?? 0,
        abandonedShort: viewStats(point, SHORT_ABANDON_VIEW)?.count ?? 0,
        flowout: metricStats(point, 'tFlowOut')?.count ?? 0,
      },
    );
  });
}
