import type { UsableAggregates } from '../api/usable-records.js';
import { forEachAggregatePoint, metricStats } from './aggregate-points.js';
import type { AgentCounts, OccupancyAccumulator } from './occupancy.js';

/**
 * Talk and hold as the Genesys performance views count them: the per-interaction totals tTalkComplete and
 * tHeldComplete, emitted once when the interaction completes as tHandle is, not the per-segment tTalk/tHeld
 * (docs/metric-definitions.md §4.3).
 */
export const AGENT_CONVERSATION_METRICS = ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] as const;

/** Adds a conversations aggregates response grouped by userId (tHandle, tTalkComplete, tHeldComplete, tAcw; ms). */
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
      talkMs: metricStats(point, 'tTalkComplete')?.sum ?? 0,
      heldMs: metricStats(point, 'tHeldComplete')?.sum ?? 0,
      acwMs: metricStats(point, 'tAcw')?.sum ?? 0,
    });
  });
}

/**
 * The routing statuses summed: IDLE, INTERACTING and COMMUNICATING are our on-queue time (the occupancy
 * denominator); NOT_RESPONDING is kept apart (not_responding_s): Genesys's On Queue is their sum. OFF_QUEUE is not read.
 */
const STATUS_FIELD: Record<string, keyof AgentCounts> = {
  IDLE: 'idleMs',
  INTERACTING: 'interactingMs',
  COMMUNICATING: 'communicatingMs',
  NOT_RESPONDING: 'notRespondingMs',
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
      const field = STATUS_FIELD[metric.qualifier];
      if (field) acc.add(group.userId, bucketStartMs, { [field]: metric.stats.sum ?? 0 });
    }
  });
}
