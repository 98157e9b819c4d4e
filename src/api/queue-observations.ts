/**
 * The queue observations query (`now`): a pure planner of its request bodies, the step from the loose response to
 * the records a computation can use (the rest skipped and counted), and the call itself through the ApiClient
 * (retries, pacing and validation are the client's, as for the aggregates query).
 */
import { AuthError } from '../errors.js';
import { parseRecordInstant } from '../records/parse-record-instant.js';
import type { Skipped } from '../skipped.js';
import type { ApiClient } from './http.js';
import { batchesOf } from './limits.js';
import {
  QueueObservationQueryResponse,
  type QueueObservationMetric,
  type QueueObservationPredicate,
  type QueueObservationQuery,
} from './queue-observation-schemas.js';

export type * from './queue-observation-schemas.js';

export const QUEUE_OBSERVATIONS_PATH = '/api/v2/analytics/queues/observations/query';

/** The permission the endpoint requires (SDK docs AnalyticsApi/RoutingApi: "Requires ANY permissions"). */
export const QUEUE_OBSERVATION_PERMISSION = 'analytics:queueObservation:view';

/**
 * Queues per observations query. Neither the SDK models nor the developer center pages we could read state a
 * limit on queueId predicates; 100 is the analytics API's limit for the comparable users aggregates query and what
 * community tools use. It also keeps the contract's budget: up to 100 queues are one request.
 */
export const MAX_OBSERVATION_QUEUES = 100;

/**
 * Conversations waiting, alerting and interacting (grouped by queue and media type), and the queue's members on
 * queue (qualifier: routing status, e.g. IDLE) and off queue (qualifier: organization presence id).
 */
export const NOW_OBSERVATION_METRICS: readonly QueueObservationMetric[] = ['oWaiting', 'oAlerting', 'oInteracting', 'oOnQueueUsers', 'oOffQueueUsers'];

/** The waiting conversations come with their observation dates: the longest wait is computed from those. */
export const NOW_DETAIL_METRICS: readonly QueueObservationMetric[] = ['oWaiting'];

/**
 * Request bodies for the selected queues (duplicates dropped, order kept), MAX_OBSERVATION_QUEUES per body. Without
 * a media selection the filter is the or of the queues; with one it is (queue or …) and (media or …). No queues: no
 * request (the filter is required, and an empty one would not mean "every queue").
 */
export function planQueueObservationQueries(queueIds: readonly string[], mediaTypes: readonly string[] | 'all'): QueueObservationQuery[] {
  const queues = [...new Set(queueIds)];
  const media = mediaTypes === 'all' ? [] : [...new Set(mediaTypes)];
  const predicate = (dimension: QueueObservationPredicate['dimension'], value: string): QueueObservationPredicate => ({
    type: 'dimension',
    dimension,
    operator: 'matches',
    value,
  });
  return batchesOf(queues, MAX_OBSERVATION_QUEUES).map((batch) => {
    const byQueue = batch.map((id) => predicate('queueId', id));
    const filter =
      media.length === 0
        ? { type: 'or' as const, predicates: byQueue }
        : {
            type: 'and' as const,
            clauses: [
              { type: 'or' as const, predicates: byQueue },
              { type: 'or' as const, predicates: media.map((m) => predicate('mediaType', m)) },
            ],
          };
    return { filter, metrics: [...NOW_OBSERVATION_METRICS], detailMetrics: [...NOW_DETAIL_METRICS] };
  });
}

/** One metric of one result, with what every computation needs: a name and a count. */
export interface UsableObservationMetric {
  metric: string;
  qualifier?: string | undefined;
  count: number;
  /** The observation dates (ms) of its detail observations that have a valid one; empty without detailMetrics. */
  observationDatesMs: number[];
}

export interface UsableObservationResult {
  queueId: string;
  /** Absent for a queue-level group (the user metrics). */
  mediaType?: string | undefined;
  metrics: UsableObservationMetric[];
}

export interface UsableQueueObservations {
  results: UsableObservationResult[];
  /** Organization presence ids that map to the system presence OFFLINE (not signed in). */
  offlinePresenceIds: string[];
}

/**
 * Results without a queueId, metrics without a name or stats.count, and detail observations without a valid
 * observationDate are skipped and counted. A metric keeps its stats.count even when some of its observations were
 * skipped: the count is the API's, the dates only date the oldest.
 */
export function usableQueueObservations(response: QueueObservationQueryResponse, skipped?: Skipped): UsableQueueObservations {
  const results: UsableObservationResult[] = [];
  for (const result of response.results) {
    const queueId = result.group.queueId;
    if (queueId === undefined || queueId === '') {
      skipped?.add('observationGroup');
      continue;
    }
    const metrics: UsableObservationMetric[] = [];
    for (const m of result.data) {
      const count = m.stats?.count;
      if (m.metric === undefined || count === undefined) {
        skipped?.add('observationMetric');
        continue;
      }
      const observationDatesMs: number[] = [];
      for (const o of m.observations) {
        const ms = o.observationDate === undefined ? Number.NaN : parseRecordInstant(o.observationDate);
        if (Number.isNaN(ms)) skipped?.add('observationDate');
        else observationDatesMs.push(ms);
      }
      metrics.push({ metric: m.metric, qualifier: m.qualifier, count, observationDatesMs });
    }
    const mediaType = result.group.mediaType;
    results.push({ queueId, ...(mediaType !== undefined && mediaType !== '' ? { mediaType } : {}), metrics });
  }
  return { results, offlinePresenceIds: [...(response.systemToOrganizationMappings?.OFFLINE ?? [])] };
}

/** One observations query. A 403 names the permission even when Genesys's message does not. */
export async function queryQueueObservations(client: ApiClient, body: QueueObservationQuery, skipped?: Skipped): Promise<UsableQueueObservations> {
  try {
    const { data } = await client.request('POST', QUEUE_OBSERVATIONS_PATH, { body, schema: QueueObservationQueryResponse });
    return usableQueueObservations(data, skipped);
  } catch (error) {
    if (error instanceof AuthError && error.forbidden && !error.message.includes(QUEUE_OBSERVATION_PERMISSION)) {
      throw new AuthError(`${error.message}; this request needs the permission ${QUEUE_OBSERVATION_PERMISSION}`, true);
    }
    throw error;
  }
}

/** Several usable responses (one per batch of queues) as one. */
export function mergeQueueObservations(parts: readonly UsableQueueObservations[]): UsableQueueObservations {
  return {
    results: parts.flatMap((p) => p.results),
    offlinePresenceIds: [...new Set(parts.flatMap((p) => p.offlinePresenceIds))],
  };
}
