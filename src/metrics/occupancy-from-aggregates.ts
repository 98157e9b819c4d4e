import type { ConversationAggregateResponse, UserAggregateResponse } from '../api/schemas.js';
import type { AgentCounts, OccupancyAccumulator } from './occupancy.js';

const intervalStartMs = (interval: string) => Date.parse(interval.slice(0, interval.indexOf('/')));

/** Adds a conversations aggregates response grouped by userId (tHandle, tTalk, tHeld, tAcw; ms). */
export function addAgentConversationAggregates(
  acc: OccupancyAccumulator,
  response: ConversationAggregateResponse,
  bucketOf: (ms: number) => number,
): void {
  for (const result of response.results ?? []) {
    const userId = result.group.userId;
    if (!userId) continue;
    for (const point of result.data) {
      const stat = (metric: string) => point.metrics.find((m) => m.metric === metric)?.stats;
      acc.add(userId, bucketOf(intervalStartMs(point.interval)), {
        handled: stat('tHandle')?.count ?? 0,
        handleMs: stat('tHandle')?.sum ?? 0,
        talkMs: stat('tTalk')?.sum ?? 0,
        heldMs: stat('tHeld')?.sum ?? 0,
        acwMs: stat('tAcw')?.sum ?? 0,
      });
    }
  }
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
  response: UserAggregateResponse,
  bucketOf: (ms: number) => number,
): void {
  for (const result of response.results ?? []) {
    const userId = result.group.userId;
    if (!userId) continue;
    for (const point of result.data) {
      const bucketStartMs = bucketOf(intervalStartMs(point.interval));
      for (const metric of point.metrics) {
        if (metric.metric !== 'tAgentRoutingStatus' || !metric.qualifier) continue;
        const field = ON_QUEUE_STATUS[metric.qualifier];
        if (field) acc.add(userId, bucketStartMs, { [field]: metric.stats.sum ?? 0 });
      }
    }
  }
}
