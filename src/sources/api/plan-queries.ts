import type {
  AggregationView,
  ConversationAggregationQuery,
  QueryClause,
  QueryFilter,
  QueryPredicate,
  UserAggregationQuery,
} from '../../api/analytics.js';
import { batchesOf, CHUNK_MS, MAX_USER_PREDICATES } from '../../api/limits.js';
import { planViewQueries } from '../../metrics/service-level-plan.js';
import { AGENT_CONVERSATION_METRICS } from '../../metrics/occupancy-from-aggregates.js';
import { apiGranularity } from '../../time/api-granularity.js';
import { splitWindow } from '../../time/chunk.js';
import { toApiInterval } from '../../time/format.js';
import type { Window } from '../../time/types.js';

/**
 * Query plans: window + selection → the request bodies a report sends, in the real API's shapes
 * (ConversationAggregationQuery, UserAggregationQuery, details queries): real metric names (tHeldComplete, not tHold), ms
 * units, ISO intervals, and the grid's granularity and zone so the API's buckets are ours. Pure: tests assert the
 * bodies without a network.
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

/**
 * How the API buckets a query: on the report's grid, or (`whole`, for `--interval total`) not at all: without a
 * granularity the API answers one bucket per query, the whole interval ("The default granularity is the same
 * duration as the interval", ConversationAggregationQuery / UserAggregationQuery), so it does the sums.
 */
export type Bucketing = 'grid' | 'whole';

const timing = (w: Window, bucketing: Bucketing = 'grid') => ({
  interval: toApiInterval(w.startMs, w.endMs),
  ...(bucketing === 'grid' ? { granularity: apiGranularity(w) } : {}),
  timeZone: w.tz,
});

export function agentConversationQuery(w: Window, userIds: readonly string[], media: readonly string[], bucketing: Bucketing = 'grid'): ConversationAggregationQuery {
  const filter = dimensionFilter({ userId: userIds, mediaType: media });
  return {
    ...timing(w, bucketing),
    groupBy: ['userId'],
    ...(filter ? { filter } : {}),
    metrics: [...AGENT_CONVERSATION_METRICS],
  };
}

/** Users aggregates allow only the userId dimension, at most 100 predicates per query: callers batch. */
export function routingStatusQuery(w: Window, userIds: readonly string[], bucketing: Bucketing = 'grid'): UserAggregationQuery {
  const filter = dimensionFilter({ userId: userIds });
  return { ...timing(w, bucketing), groupBy: ['userId'], ...(filter ? { filter } : {}), metrics: ['tAgentRoutingStatus'] };
}

/**
 * Service level from aggregates, for one chunk: counts plus rangeBound views that count answers ≤ each threshold
 * and abandons ≤ the short-abandon limit server-side (planned in metrics/service-level-plan.ts: one view per
 * distinct threshold, more than one query only past 10 views). When the queue is not grouped on, only interactions
 * that touched a queue count, as they do when it is.
 */
export function serviceLevelQueries(w: Window, s: ServiceLevelSelection, bucketing: Bucketing = 'grid'): ServiceLevelQuery[] {
  return serviceLevelBodies(timing(w, bucketing), s);
}

/**
 * Service level "so far" for `now`: one span [startMs, endMs) (local midnight to the moment of observation, the
 * current partial interval included) asked without a granularity, which the API then takes as the whole interval
 * ("The default granularity is the same duration as the interval": docs/genesys-api.md), so each (queue, media
 * type) comes back as one data point. One query, more only past 10 distinct thresholds.
 */
export function serviceLevelSoFarQueries(startMs: number, endMs: number, tz: string, s: ServiceLevelSelection): ServiceLevelQuery[] {
  return serviceLevelBodies({ interval: toApiInterval(startMs, endMs), timeZone: tz }, s);
}

function serviceLevelBodies(time: { interval: string; granularity?: string; timeZone: string }, s: ServiceLevelSelection): ServiceLevelQuery[] {
  const selection = dimensionFilter({ queueId: s.queueIds, mediaType: s.media });
  const filter = s.groupBy.includes('queueId') || s.queueIds.length > 0 ? selection : withQueue(selection);
  return planViewQueries(s.thresholdsMs, s.shortAbandonMs).map((q) => ({
    primary: q.primary,
    body: {
      ...time,
      groupBy: [...s.groupBy],
      ...(filter ? { filter } : {}),
      metrics: q.metrics,
      views: q.views as AggregationView[],
    },
  }));
}

/** The selection AND "queueId exists". */
function withQueue(selection: QueryFilter | undefined): QueryFilter {
  const exists: QueryClause = { type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'exists' }] };
  if (!selection) return { type: 'and', predicates: exists.predicates };
  const clauses: QueryClause[] = selection.clauses ?? [{ type: selection.type, predicates: selection.predicates ?? [] }];
  return { type: 'and', clauses: [...clauses, exists] };
}

/** Details filters on segments (queue, media) — with a filter the API allows 31-day intervals instead of 7. */
export function detailsSegmentFilters(queueIds: readonly string[], media: readonly string[]) {
  const filter = dimensionFilter({ queueId: queueIds, mediaType: media });
  return filter ? [filter] : undefined;
}

export type OccupancyQuery =
  | { endpoint: 'conversations'; body: ConversationAggregationQuery }
  | { endpoint: 'users'; body: UserAggregationQuery };

/**
 * Where the selected agents are picked out of the aggregates: by the API (`server`: userId predicates, at most 100
 * a query, so a query pair per batch of 100) or here (`local`: one unfiltered pair per chunk, the responses' groups
 * of other agents dropped while they are read).
 */
export type AgentFiltering = 'server' | 'local';

/**
 * An unfiltered answer holds every agent of the org with activity, so it may be at most this many times the size of
 * the filtered answers it replaces: a big org with a small selection keeps its filtered batches.
 */
export const LOCAL_FILTER_MAX_ORG_RATIO = 2;

/**
 * `local` when it saves requests (more than one batch of agents) and the org's users (from the users listing: an
 * upper bound on the agents an unfiltered answer can hold) are at most LOCAL_FILTER_MAX_ORG_RATIO × the selection.
 * An org of unknown size keeps the batches: the answer could be any size.
 */
export function chooseAgentFiltering(selected: number, orgUsers: number | undefined): AgentFiltering {
  if (selected <= MAX_USER_PREDICATES || orgUsers === undefined) return 'server';
  return orgUsers <= LOCAL_FILTER_MAX_ORG_RATIO * selected ? 'local' : 'server';
}

/**
 * Per ≤ 7-day chunk: the conversation aggregates (handle, talk, hold, ACW) and the routing-status aggregates, per
 * batch of ≤ 100 selected agents when the API filters (`server`), else one unfiltered pair per chunk (no
 * selection, or `local` filtering).
 */
export function planOccupancyQueries(
  window: Window,
  selection: { agentIds: readonly string[] | undefined; media: readonly string[]; filtering?: AgentFiltering },
  bucketing: Bucketing = 'grid',
): OccupancyQuery[] {
  const { agentIds, filtering } = selection;
  const batches = agentIds && filtering !== 'local' ? batchesOf(agentIds, MAX_USER_PREDICATES) : [[]];
  return splitWindow(window, CHUNK_MS).flatMap((chunk) =>
    batches.flatMap((userIds): OccupancyQuery[] => [
      { endpoint: 'conversations', body: agentConversationQuery(chunk, userIds, selection.media, bucketing) },
      { endpoint: 'users', body: routingStatusQuery(chunk, userIds, bucketing) },
    ]),
  );
}

export interface ServiceLevelSelection {
  queueIds: readonly string[];
  media: readonly string[];
  /** Every threshold a row can be measured at (one view each). */
  thresholdsMs: readonly number[];
  /** Abandons at or under it are short (0: none), or `org`: Genesys's own tShortAbandon. */
  shortAbandonMs: number | 'org';
  /** Per serviceLevelGroupBy: what the API adds up server-side. */
  groupBy: ReadonlyArray<'queueId' | 'mediaType'>;
}

export interface ServiceLevelQuery {
  /** The one query per chunk whose counts are added; the others carry only more threshold views. */
  primary: boolean;
  body: ConversationAggregationQuery;
}

/** Per ≤ 7-day chunk: one aggregates query, more only past 10 distinct thresholds. */
export function planServiceLevelQueries(window: Window, selection: ServiceLevelSelection, bucketing: Bucketing = 'grid'): ServiceLevelQuery[] {
  return splitWindow(window, CHUNK_MS).flatMap((chunk) => serviceLevelQueries(chunk, selection, bucketing));
}
