import type { AggregationView, ConversationAggregationQuery, QueryFilter, QueryPredicate, UserAggregationQuery } from '../api/analytics.js';
import { ANSWERED_WITHIN_VIEW, SHORT_ABANDON_VIEW } from '../metrics/service-level-from-aggregates.js';
import { toApiInterval } from '../time/format.js';
import type { Window } from '../time/types.js';

/**
 * Request bodies in the real API's shapes (ConversationAggregationQuery, UserAggregationQuery): real metric names
 * (tHeld, not tHold), ms units, ISO intervals, and the grid's granularity and zone so the API's buckets are ours.
 */

const predicates = (dimension: string, values: readonly string[]): QueryPredicate[] =>
  values.map((value) => ({ type: 'dimension', dimension, operator: 'matches', value }));

/** OR within a dimension, AND across dimensions; undefined when nothing is selected. */
export function dimensionFilter(selection: Record<string, readonly string[]>): QueryFilter | undefined {
  const clauses = Object.entries(selection)
    .filter(([, values]) => values.length > 0)
    .map(([dimension, values]) => ({ type: 'or' as const, predicates: predicates(dimension, values) }));
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return { type: 'or', predicates: clauses[0]!.predicates };
  return { type: 'and', clauses };
}

const timing = (w: Window) => ({ interval: toApiInterval(w.startMs, w.endMs), granularity: w.interval.iso, timeZone: w.tz });

export function agentConversationQuery(w: Window, userIds: readonly string[], media: readonly string[]): ConversationAggregationQuery {
  const filter = dimensionFilter({ userId: userIds, mediaType: media });
  return {
    ...timing(w),
    groupBy: ['userId'],
    ...(filter ? { filter } : {}),
    metrics: ['tHandle', 'tTalk', 'tHeld', 'tAcw'],
  };
}

/** Users aggregates allow only the userId dimension, at most 100 predicates per query: callers batch. */
export function routingStatusQuery(w: Window, userIds: readonly string[]): UserAggregationQuery {
  const filter = dimensionFilter({ userId: userIds });
  return { ...timing(w), groupBy: ['userId'], ...(filter ? { filter } : {}), metrics: ['tAgentRoutingStatus'] };
}

/**
 * Service level from one aggregates query: counts plus rangeBound views that count answers ≤ threshold and
 * abandons ≤ the short-abandon limit server-side. Values are integer ms, so `lt: ms + 1` means "≤ ms".
 */
export function serviceLevelQuery(
  w: Window,
  o: { queueIds: readonly string[]; media: readonly string[]; thresholdMs: number; shortAbandonMs: number },
): ConversationAggregationQuery {
  const filter = dimensionFilter({ queueId: o.queueIds, mediaType: o.media });
  const views: AggregationView[] = [{ target: 'tAnswered', name: ANSWERED_WITHIN_VIEW, function: 'rangeBound', range: { lt: o.thresholdMs + 1 } }];
  if (o.shortAbandonMs > 0) {
    views.push({ target: 'tAbandon', name: SHORT_ABANDON_VIEW, function: 'rangeBound', range: { lt: o.shortAbandonMs + 1 } });
  }
  return {
    ...timing(w),
    groupBy: ['queueId', 'mediaType'],
    ...(filter ? { filter } : {}),
    metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut'],
    views,
  };
}

/** Details filters on segments (queue, media) — with a filter the API allows 31-day intervals instead of 7. */
export function detailsSegmentFilters(queueIds: readonly string[], media: readonly string[]) {
  const filter = dimensionFilter({ queueId: queueIds, mediaType: media });
  return filter ? [filter] : undefined;
}
