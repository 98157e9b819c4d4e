import type { UsableAggregates } from '../api/usable-records.js';
import { forEachAggregatePoint, metricStats, viewStats } from './aggregate-points.js';
import type { ServiceLevelAccumulator } from './service-level.js';
import type { GoalOf } from './service-level-goals.js';
import { answeredWithinView, ORG_SHORT_ABANDON_METRIC, SHORT_ABANDON_VIEW } from './service-level-plan.js';

export interface ServiceLevelAggregatesOptions {
  bucketOf: (ms: number) => number;
  /** The row's threshold picks its view. */
  goalOf: GoalOf;
  /** What the query grouped on: a dimension not grouped on is '' in the accumulator (a server-side roll-up). */
  groupBy: readonly string[];
  /** False for the extra queries that carry only threshold views (more than 10 distinct thresholds). */
  primary: boolean;
}

/**
 * Adds one aggregates response to the accumulator. Counters are summed, never ratios; metrics the API omitted
 * simply add nothing (absent means zero, not unknown). Each row takes answeredWithin from the view of its own
 * threshold; a response that does not carry that view (another query of the plan does) adds none.
 */
export function addServiceLevelAggregates(
  acc: ServiceLevelAccumulator,
  response: UsableAggregates,
  o: ServiceLevelAggregatesOptions,
): void {
  const byQueue = o.groupBy.includes('queueId');
  const byMedia = o.groupBy.includes('mediaType');
  forEachAggregatePoint(response, o.bucketOf, (group, bucketStartMs, point) => {
    // Grouped by queue, a group without one is not an ACD interaction: outside a service-level report.
    if (byQueue && !group.queueId) return;
    const key = {
      bucketStartMs,
      queueId: byQueue ? group.queueId! : '',
      mediaType: byMedia ? (group.mediaType ?? 'unknown') : '',
    };
    const within = viewStats(point, answeredWithinView(o.goalOf(key.queueId, key.mediaType).thresholdMs))?.count ?? 0;
    if (!o.primary) {
      if (within > 0) acc.add(key, { answeredWithin: within });
      return;
    }
    const answered = metricStats(point, 'tAnswered');
    const handle = metricStats(point, 'tHandle');
    acc.add(key, {
      offered: metricStats(point, 'nOffered')?.count ?? 0,
      answered: answered?.count ?? 0,
      answeredSumMs: answered?.sum ?? 0,
      answeredWithin: within,
      abandoned: metricStats(point, 'tAbandon')?.count ?? 0,
      // A query asks for one of the two (service-level-plan.ts): the view with seconds, tShortAbandon with `org`.
      abandonedShort: viewStats(point, SHORT_ABANDON_VIEW)?.count ?? metricStats(point, ORG_SHORT_ABANDON_METRIC)?.count ?? 0,
      flowout: metricStats(point, 'tFlowOut')?.count ?? 0,
      handled: handle?.count ?? 0,
      handleSumMs: handle?.sum ?? 0,
    });
  });
}
