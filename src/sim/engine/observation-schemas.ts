/**
 * POST /api/v2/analytics/queues/observations/query body (QueueObservationQuery), strict. Sources: Java SDK
 * QueueObservationQuery.java (filter and metrics required; the MetricsEnum and DetailMetricsEnum lists), PY-SDK
 * queue_observation_query_predicate.py (dimension: mediaType, queueId; operator: matches, exists, notExists).
 */
import * as z from 'zod';

/** The metrics enum of QueueObservationQuery (metrics and detailMetrics alike). */
export const QUEUE_OBSERVATION_METRICS = [
  'oActiveUsers', 'oAlerting', 'oInteracting', 'oMemberUsers', 'oOffQueueUsers', 'oOnQueueUsers', 'oUserPresences',
  'oUserRoutingStatuses', 'oWaiting',
] as const;
export type QueueObservationMetric = (typeof QUEUE_OBSERVATION_METRICS)[number];

const quoted = (x: unknown): string => JSON.stringify(x) ?? String(x);
const metricName = z.enum(QUEUE_OBSERVATION_METRICS, {
  error: (iss) => `unknown metric ${quoted(iss.input)}: queue observations take only ${QUEUE_OBSERVATION_METRICS.join(', ')}`,
});

const Predicate = z.strictObject({
  type: z.literal('dimension').optional(),
  dimension: z.enum(['queueId', 'mediaType'], {
    error: (iss) => `unknown dimension ${quoted(iss.input)}: queue observation filters take only queueId and mediaType`,
  }),
  operator: z.enum(['matches', 'exists', 'notExists']).optional(),
  value: z.string().optional(),
});
export type QueueObservationPredicate = z.infer<typeof Predicate>;
const Clause = z.strictObject({ type: z.enum(['and', 'or']), predicates: z.array(Predicate) });

export const QueueObservationQuerySchema = z.strictObject({
  filter: z.strictObject({
    type: z.enum(['and', 'or']),
    clauses: z.array(Clause).optional(),
    predicates: z.array(Predicate).optional(),
  }),
  metrics: z.array(metricName).min(1),
  detailMetrics: z.array(metricName).optional(),
});
export type QueueObservationQuery = z.infer<typeof QueueObservationQuerySchema>;
