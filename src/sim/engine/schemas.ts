/**
 * Strict zod schemas of the aggregates request bodies: unknown keys are rejected, so a body built from tutorials'
 * invented fields (`view`, `dateRange`, `select`, `wait_time`) or a made-up metric (`tHold`) fails as it would against
 * the real API. Semantic rules (interval, granularity, time zone, views) are checked by validate-query.ts.
 */
import * as z from 'zod';
import { CONVERSATION_DIMENSIONS, CONVERSATION_METRICS, USER_METRICS } from './names.js';
import type { ConversationAggregateQuery, Filter, UserAggregateQuery } from './types.js';

const quoted = (x: unknown): string => JSON.stringify(x) ?? String(x);

const Predicate = z.strictObject({
  type: z.literal('dimension').optional(),
  dimension: z.string(),
  operator: z.enum(['matches', 'exists', 'notExists']).optional(),
  value: z.string().optional(),
});
const Clause = z.strictObject({ type: z.enum(['and', 'or']), predicates: z.array(Predicate) });
const FilterSchema: z.ZodType<Filter> = z.strictObject({
  type: z.enum(['and', 'or']),
  predicates: z.array(Predicate).optional(),
  clauses: z.array(Clause).optional(),
});

const ViewSchema = z.strictObject({
  target: z.string(),
  name: z.string().min(1),
  function: z.literal('rangeBound'),
  // AggregationRange: the real API knows only gte and lt here.
  range: z.strictObject({ gte: z.number().optional(), lt: z.number().optional() }),
});

const metricName = z.enum(CONVERSATION_METRICS as [string, ...string[]], {
  error: (iss) => `unknown metric ${quoted(iss.input)}: not a Genesys Cloud conversation aggregate metric`,
});
const dimensionName = z.enum(CONVERSATION_DIMENSIONS as [string, ...string[]], {
  error: (iss) => `unknown dimension ${quoted(iss.input)}: not a Genesys Cloud conversation aggregate dimension`,
});

export const ConversationAggregateQuerySchema: z.ZodType<ConversationAggregateQuery> = z.strictObject({
  interval: z.string(),
  granularity: z.string().optional(),
  timeZone: z.string().optional(),
  groupBy: z.array(dimensionName).optional(),
  filter: FilterSchema.optional(),
  metrics: z.array(metricName).min(1),
  views: z.array(ViewSchema).optional(),
  flattenMultivaluedDimensions: z.boolean().optional(),
  alternateTimeDimension: z.literal('eventTime').optional(),
});

export const UserAggregateQuerySchema: z.ZodType<UserAggregateQuery> = z.strictObject({
  interval: z.string(),
  granularity: z.string().optional(),
  timeZone: z.string().optional(),
  groupBy: z.union([z.tuple([z.literal('userId')]), z.tuple([])]).optional(),
  filter: FilterSchema.optional(),
  metrics: z.array(z.enum(USER_METRICS, {
    error: (iss) => `unknown metric ${quoted(iss.input)}: users aggregates take only ${USER_METRICS.join(', ')}`,
  })).min(1),
});
