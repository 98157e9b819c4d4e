/**
 * Request bodies of the analytics endpoints, written from the official models (PY-SDK / JS-SDK
 * ConversationAggregationQuery, UserAggregationQuery, ConversationQuery, AsyncConversationQuery). Only real
 * fields: tutorials' `view`, `dateRange`, `select` do not exist.
 */

export interface NumericRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface QueryPredicate {
  type?: 'dimension' | 'property' | 'metric';
  dimension?: string;
  /** Details segment/conversation predicates only. */
  propertyType?: 'bool' | 'integer' | 'real' | 'date' | 'string' | 'uuid';
  property?: string;
  metric?: string;
  operator?: 'matches' | 'exists' | 'notExists';
  value?: string;
  range?: NumericRange;
}

export interface QueryClause {
  type: 'and' | 'or';
  predicates: QueryPredicate[];
}

/** "Boolean and/or logic with up to two levels of nesting". */
export interface QueryFilter {
  type: 'and' | 'or';
  clauses?: QueryClause[];
  predicates?: QueryPredicate[];
}

/** AggregationRange (the view's range): only `gte` and `lt` exist in the model, unlike a predicate's NumericRange. */
export interface AggregationRange {
  gte?: number;
  lt?: number;
}

/** At most 10 per query; `target` must be a built-in timer metric; `name` must not be a built-in metric. */
export interface AggregationView {
  target: string;
  name: string;
  function: 'rangeBound';
  range: AggregationRange;
}

/** POST /api/v2/analytics/conversations/aggregates/query */
export interface ConversationAggregationQuery {
  /** "start/end", ISO-8601. */
  interval: string;
  /** ISO-8601 period: PT15M, PT30M, PT1H, P1D. */
  granularity?: string;
  /** IANA zone used to lay out the response intervals (DST). */
  timeZone?: string;
  groupBy?: string[];
  filter?: QueryFilter;
  metrics: string[];
  views?: AggregationView[];
  flattenMultivaluedDimensions?: boolean;
  alternateTimeDimension?: 'eventTime';
}

/** POST /api/v2/analytics/users/aggregates/query: only `userId` to group or filter by, ≤ 100 userId predicates. */
export interface UserAggregationQuery {
  interval: string;
  granularity?: string;
  timeZone?: string;
  groupBy?: Array<'userId'>;
  filter?: QueryFilter;
  metrics: Array<'tAgentRoutingStatus' | 'tOrganizationPresence' | 'tSystemPresence'>;
  flattenMultivaluedDimensions?: boolean;
  alternateTimeDimension?: 'eventTime';
}

export interface DetailsAggregation {
  type: 'termFrequency' | 'numericRange';
  dimension?: string;
  metric?: string;
  size?: number;
  ranges?: NumericRange[];
}

/** POST /api/v2/analytics/conversations/details/query (ConversationQuery). */
export interface ConversationDetailsQuery {
  /** Matches conversations that *started on a UTC day touched by* the interval: filter by conversationStart after. */
  interval: string;
  conversationFilters?: QueryFilter[];
  segmentFilters?: QueryFilter[];
  evaluationFilters?: QueryFilter[];
  surveyFilters?: QueryFilter[];
  resolutionFilters?: QueryFilter[];
  order?: 'asc' | 'desc' | 'unordered';
  orderBy?: 'conversationStart' | 'conversationEnd' | 'segmentStart' | 'segmentEnd';
  aggregations?: DetailsAggregation[];
  paging?: { pageSize: number; pageNumber: number };
}

/** POST /api/v2/analytics/conversations/details/jobs (AsyncConversationQuery): no paging. */
export interface AsyncConversationDetailsQuery extends Omit<ConversationDetailsQuery, 'paging' | 'aggregations'> {
  limit?: number;
  /** Default false: jobs match conversations whose lifetime overlaps the interval. */
  startOfDayIntervalMatching?: boolean;
}
