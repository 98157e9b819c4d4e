import * as z from 'zod';

/** Detail-query predicates and filters (ConversationDetailQueryFilter / SegmentDetailQueryFilter), strict. */
const Predicate = z.strictObject({
  type: z.enum(['dimension', 'property', 'metric']).optional(),
  dimension: z.string().optional(),
  propertyType: z.string().optional(),
  property: z.string().optional(),
  metric: z.string().optional(),
  operator: z.enum(['matches', 'exists', 'notExists']).optional(),
  value: z.string().optional(),
  range: z
    .strictObject({ gt: z.unknown(), gte: z.unknown(), lt: z.unknown(), lte: z.unknown() })
    .partial()
    .optional(),
});
export type DetailPredicate = z.infer<typeof Predicate>;

const Clause = z.strictObject({ type: z.enum(['and', 'or']), predicates: z.array(Predicate) });
const Filter = z.strictObject({
  type: z.enum(['and', 'or']),
  clauses: z.array(Clause).optional(),
  predicates: z.array(Predicate).optional(),
});
export type DetailFilter = z.infer<typeof Filter>;

const common = {
  interval: z.string(),
  order: z.enum(['asc', 'desc', 'unordered']).optional(),
  orderBy: z.enum(['conversationStart', 'conversationEnd', 'segmentStart', 'segmentEnd']).optional(),
  conversationFilters: z.array(Filter).optional(),
  segmentFilters: z.array(Filter).optional(),
};

/** POST /api/v2/analytics/conversations/details/query (ConversationQuery). Page size: ODE clamps to 100. */
export const DetailsQuerySchema = z.strictObject({
  ...common,
  paging: z
    .strictObject({ pageSize: z.number().int().min(1).max(100), pageNumber: z.number().int().min(1) })
    .partial()
    .optional(),
});
export type DetailsQuery = z.infer<typeof DetailsQuerySchema>;

/** POST /api/v2/analytics/conversations/details/jobs (AsyncConversationQuery): no paging, plus limit. */
export const DetailsJobSchema = z.strictObject({
  ...common,
  limit: z.number().int().min(1).optional(),
  startOfDayIntervalMatching: z.boolean().optional(),
});
export type DetailsJobQuery = z.infer<typeof DetailsJobSchema>;
