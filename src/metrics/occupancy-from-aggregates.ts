import type { UsableAggregates } from '../api/usable-records.js';
import { forEachAggregatePoint, metricStats } from './aggregate-points.js';
import type { AgentCounts, OccupancyAccumulator } from './occupancy.js';

/** Adds a conversations aggregates response grouped by userId (tHandle, tTalk, tHeld, tAcw; ms). */
export function addAgentConversationAggregates(
  acc: OccupancyAccumulator,
  response: UsableAggregates,
  bucketOf: (ms: number) => number,
): void {
  forEachAggregatePoint(response, bucketOf, (group, bucketStartMs, point) => {
    if (!group.userId) return;
    const handle = metricStats(point, 'tHandle');
    acc.add(group.userId, bucketStartMs, {
      handled: handle?.count ?? 0,
      handleMs: handle?.sum ?? 0,
      talkMs: metricStats(point, 'tTalk')?.sum ?? 0,
      heldMs: metricStats(point, 'tHeld')?.sum ?? 0,
      acwMs: metricStats(point, 'tAcw')?.sum ?? 0,
    });
  });
}

/** Routing statuses that count as on-queue time, Genesys's occupancy denominator. NOT_RESPONDING is not one. */
const ON_QUEUE_STATUS: Record<string, keyof AgentCounts> = {
  IDLE: 'idleMs',
  INTERACTING: 'interactingMs',
  COMMUNICATING: 'communicatingMs',
};

/** Adds a users aggregates response: tAgentRoutingStatus sums per status (the status is in `qualifier`). */
export function addRoutingStatusAggregates(
  acc: OccupancyAccumulator,
  response: UsableAggregates,
  bucketOf: (ms: number) => number,
): void {
  forEachAggregatePoint(response, bucketOf, (group, bucketStartMs, point) => {
    if (!group.userId) return;
    for (const metric of point.metrics) {
      if (metric.metric !== 'tAgentRoutingStatus' || !metric.qualifier) continue;
      const field = ON_QUEUE_STATUS[metric.qualifier];
      if (field) acc.add(group.userId, bucketStartMs, { [field]: metric.stats.sum ?? 0 });
    }
  });
}
