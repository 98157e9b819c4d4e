/**
 * POST /api/v2/analytics/queues/observations/query: the request's shape and a loose schema of its response, as the
 * official SDK models give them (platform-client-sdk-python build/docs/QueueObservationQuery.md,
 * QueueObservationQueryResponse.md, QueueObservationDataContainer.md, ObservationMetricData.md, ObservationValue.md;
 * the enums from platform-client-sdk-java model/QueueObservationQuery.java and QueueObservationQueryPredicate.java).
 * Every response field is optional in those models, so every field is optional here; what a computation needs is
 * checked in queue-observations.ts, where a record without it is skipped and counted.
 */
import * as z from 'zod';
import { opt, Stats } from './schemas.js';

/** QueueObservationQuery.metrics enum (Java SDK MetricsEnum); oLongestWaiting is not among them. */
export type QueueObservationMetric =
  | 'oActiveUsers'
  | 'oAlerting'
  | 'oInteracting'
  | 'oMemberUsers'
  | 'oOffQueueUsers'
  | 'oOnQueueUsers'
  | 'oUserPresences'
  | 'oUserRoutingStatuses'
  | 'oWaiting';

/** QueueObservationQueryPredicate: dimension enum is mediaType | queueId; operator defaults to `matches`. */
export interface QueueObservationPredicate {
  type: 'dimension';
  dimension: 'queueId' | 'mediaType';
  operator?: 'matches';
  value: string;
}

/** QueueObservationQueryClause: `type` and `predicates` both required. */
export interface QueueObservationClause {
  type: 'and' | 'or';
  predicates: QueueObservationPredicate[];
}

/** QueueObservationQueryFilter: `type` required; clauses nest "up to two levels". */
export interface QueueObservationFilter {
  type: 'and' | 'or';
  clauses?: QueueObservationClause[];
  predicates?: QueueObservationPredicate[];
}

/** QueueObservationQuery: `filter` and `metrics` required (Java SDK `required = true`), detailMetrics optional. */
export interface QueueObservationQuery {
  filter: QueueObservationFilter;
  metrics: QueueObservationMetric[];
  detailMetrics?: QueueObservationMetric[];
}

/** An optional array; null or absent is empty. */
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v): Array<z.output<T>> => v ?? []);

/** ObservationValue: only `observationDate` is marked required in the model, and even that we check, not trust. */
export const ObservationValue = z.looseObject({
  observationDate: opt(z.string()),
  conversationId: opt(z.string()),
  sessionId: opt(z.string()),
  userId: opt(z.string()),
});

/**
 * ObservationMetricData. `observations` are "sorted by timestamp in ascending order" and, when `truncated`, the
 * first half are the oldest: the oldest waiting conversation is always in the list.
 */
export const ObservationMetricData = z.looseObject({
  metric: opt(z.string()),
  qualifier: opt(z.string()),
  stats: opt(Stats),
  truncated: opt(z.boolean()),
  observations: list(ObservationValue),
});

/** QueueObservationDataContainer: `group` maps dimension → value (queueId, mediaType); both fields optional. */
export const QueueObservationDataContainer = z.looseObject({
  group: opt(z.record(z.string(), z.string().nullable())).transform((g) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(g ?? {})) if (value !== null) out[key] = value;
    return out;
  }),
  data: list(ObservationMetricData),
});

/** QueueObservationQueryResponse: `systemToOrganizationMappings` maps a system presence to organization presence ids. */
export const QueueObservationQueryResponse = z.looseObject({
  systemToOrganizationMappings: opt(z.record(z.string(), z.array(z.string()))),
  results: list(QueueObservationDataContainer),
});
export type QueueObservationQueryResponse = z.infer<typeof QueueObservationQueryResponse>;
