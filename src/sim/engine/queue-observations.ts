/**
 * POST /api/v2/analytics/queues/observations/query over the live state (data/live-state.ts). Response shape:
 * QueueObservationQueryResponse {systemToOrganizationMappings, results: [{group, data: [ObservationMetricData]}]}.
 * - Conversation metrics (oWaiting, oAlerting, oInteracting) per {queueId, mediaType}, stats {count}, zero counts
 *   included; with detailMetrics, `observations` (ObservationValue) sorted by observationDate ascending, the date
 *   being when the state began (queue entry for oWaiting); past MAX_OBSERVATIONS the list keeps the oldest half and
 *   the newest half and says `truncated: true`, as ObservationMetricData describes.
 * - User metrics per {queueId}: oMemberUsers (all members), oActiveUsers (members joined to the queue); over the joined
 *   members signed in: oOnQueueUsers by routing status, oOffQueueUsers by organization presence id,
 *   oUserRoutingStatuses by routing status; oUserPresences over every joined member by organization presence id.
 * What the official sources leave open, and the choices made here, is listed in docs/genesys-api.md "Queue observations".
 */
import { ROUTING_STATUSES, SYSTEM_PRESENCE_IDS } from './names.js';
import type { QueueObservationMetric, QueueObservationPredicate, QueueObservationQuery } from './observation-schemas.js';
import { SimQueryError } from './sim-query-error.js';
import type { LiveInteraction, LiveState } from '../data/live-state.js';
import type { SimOrg } from '../data/types.js';

/** Queue predicates per query: no official number found (see docs/genesys-api.md); 100 as for users aggregates. */
export const MAX_QUEUE_PREDICATES = 100;
/** [UNVERIFIED] how many observations a detail list holds before it is truncated. */
export const MAX_OBSERVATIONS = 100;
/** Media types a queue's conversation metrics are reported for. */
export const OBSERVATION_MEDIA_TYPES = ['callback', 'chat', 'email', 'message', 'voice'] as const;

const CONVERSATION_METRICS: ReadonlyMap<QueueObservationMetric, LiveInteraction['state']> = new Map([
  ['oWaiting', 'waiting'], ['oAlerting', 'alerting'], ['oInteracting', 'interacting'],
]);

type Data = { metric: string; qualifier?: string; stats: { count: number }; truncated?: boolean; observations?: unknown[] };

export function observeQueues(q: QueueObservationQuery, live: LiveState, org: SimOrg): { systemToOrganizationMappings: Record<string, string[]>; results?: unknown[] } {
  const predicates = [...(q.filter.predicates ?? []), ...(q.filter.clauses ?? []).flatMap((c) => c.predicates)];
  for (const p of predicates) {
    if ((p.operator ?? 'matches') === 'matches' && p.value === undefined) {
      throw new SimQueryError(`Filter predicate on ${p.dimension} with operator matches needs a value`, 'bad.request');
    }
  }
  const queuePredicates = predicates.filter((p) => p.dimension === 'queueId');
  if (queuePredicates.length === 0) {
    throw new SimQueryError('A queue observation query must filter on at least one queueId', 'bad.request');
  }
  if (queuePredicates.length > MAX_QUEUE_PREDICATES) {
    throw new SimQueryError(`A single query may contain no more than ${MAX_QUEUE_PREDICATES} queueId predicates, got ${queuePredicates.length}`, 'bad.request');
  }
  const test = filterTest(q.filter);
  const details = new Set(q.detailMetrics ?? []);
  const wanted = (m: QueueObservationMetric) => q.metrics.includes(m);
  const systemToOrganizationMappings = Object.fromEntries(Object.entries(SYSTEM_PRESENCE_IDS).map(([k, id]) => [k, [id]]));

  const results: unknown[] = [];
  const queues = [...org.queues].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const queue of queues) {
    if (!test({ queueId: queue.id }, true)) continue;
    for (const mediaType of OBSERVATION_MEDIA_TYPES) {
      if (!test({ queueId: queue.id, mediaType }, false)) continue;
      const data: Data[] = [];
      for (const [metric, state] of CONVERSATION_METRICS) {
        if (!wanted(metric)) continue;
        const here = live.interactions.filter((i) => i.queueId === queue.id && i.mediaType === mediaType && i.state === state);
        const d: Data = { metric, stats: { count: here.length } };
        if (details.has(metric) && here.length > 0) Object.assign(d, observationList(here));
        data.push(d);
      }
      if (data.length > 0) results.push({ group: { queueId: queue.id, mediaType }, data });
    }
    const userData = userMetrics(queue.id, q.metrics, live, org);
    if (userData.length > 0) results.push({ group: { queueId: queue.id }, data: userData });
  }
  return results.length > 0 ? { systemToOrganizationMappings, results } : { systemToOrganizationMappings };
}

function observationList(list: LiveInteraction[]): { truncated?: boolean; observations: unknown[] } {
  const values = list.map((i) => ({
    observationDate: new Date(i.sinceMs).toISOString(),
    conversationId: i.conversationId,
    sessionId: i.sessionId,
    routingPriority: 0,
    ...(i.participantName && { participantName: i.participantName }),
    ...(i.userId && { userId: i.userId }),
    ...(i.direction && { direction: i.direction }),
  }));
  if (values.length <= MAX_OBSERVATIONS) return { observations: values };
  const half = MAX_OBSERVATIONS / 2;
  return { truncated: true, observations: [...values.slice(0, half), ...values.slice(-half)] };
}

function userMetrics(queueId: string, metrics: readonly QueueObservationMetric[], live: LiveState, org: SimOrg): Data[] {
  const joined = org.queueMemberIds[queueId] ?? [];
  const all = joined.length + (org.queueUnjoinedIds?.[queueId]?.length ?? 0);
  const agents = joined.map((id) => live.agents.get(id)).filter((a) => a !== undefined);
  const signedIn = agents.filter((a) => a.presence !== 'OFFLINE');
  const presenceId = (p: string) => SYSTEM_PRESENCE_IDS[p] as string;
  const counted = (metric: string, keys: string[], order: readonly string[] = []): Data[] => {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const rank = (k: string) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k));
    return [...counts.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))
      .map(([qualifier, count]) => ({ metric, qualifier, stats: { count } }));
  };
  const out: Data[] = [];
  for (const m of metrics) {
    switch (m) {
      case 'oMemberUsers': out.push({ metric: m, stats: { count: all } }); break;
      case 'oActiveUsers': out.push({ metric: m, stats: { count: joined.length } }); break;
      case 'oOnQueueUsers': out.push(...counted(m, signedIn.filter((a) => a.routingStatus !== 'OFF_QUEUE').map((a) => a.routingStatus), ROUTING_STATUSES)); break;
      case 'oOffQueueUsers': out.push(...counted(m, signedIn.filter((a) => a.routingStatus === 'OFF_QUEUE').map((a) => presenceId(a.presence)))); break;
      case 'oUserRoutingStatuses': out.push(...counted(m, signedIn.map((a) => a.routingStatus), ROUTING_STATUSES)); break;
      case 'oUserPresences': out.push(...counted(m, agents.map((a) => presenceId(a.presence)))); break;
      default: break;
    }
  }
  return out;
}

type Dims = { queueId: string; mediaType?: string };

/**
 * The filter as a test of (queue, media type). With `queueOnly`, predicates on mediaType are taken as met: a queue is
 * kept when some media type of it could match (its user metrics do not depend on media type).
 */
function filterTest(filter: QueueObservationQuery['filter']): (d: Dims, queueOnly: boolean) => boolean {
  const one = (p: QueueObservationPredicate, d: Dims, queueOnly: boolean): boolean => {
    if (queueOnly && p.dimension === 'mediaType') return true;
    const v = d[p.dimension];
    switch (p.operator ?? 'matches') {
      case 'exists': return v !== undefined;
      case 'notExists': return v === undefined;
      default: return v === p.value;
    }
  };
  const combine = (type: 'and' | 'or', results: boolean[]) => (results.length === 0 ? true : type === 'and' ? results.every(Boolean) : results.some(Boolean));
  return (d, queueOnly) => combine(filter.type, [
    ...(filter.predicates ?? []).map((p) => one(p, d, queueOnly)),
    ...(filter.clauses ?? []).map((c) => combine(c.type, c.predicates.map((p) => one(p, d, queueOnly)))),
  ]);
}
