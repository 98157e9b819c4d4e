/** Request bodies of the aggregates endpoints, as the real API models them (ConversationAggregationQuery...). */

export interface Predicate {
  type?: 'dimension';
  dimension: string;
  /** Default `matches`. */
  operator?: 'matches' | 'exists' | 'notExists';
  value?: string;
}
export interface Clause { type: 'and' | 'or'; predicates: Predicate[] }
export interface Filter { type: 'and' | 'or'; predicates?: Predicate[]; clauses?: Clause[] }
/** AggregationRange: the real API knows only gte and lt. */
export interface ViewRange { gte?: number; lt?: number }
export interface View { target: string; name: string; function: 'rangeBound'; range: ViewRange }

export interface ConversationAggregateQuery {
  interval: string;
  granularity?: string;
  timeZone?: string;
  groupBy?: string[];
  filter?: Filter;
  metrics: string[];
  views?: View[];
  flattenMultivaluedDimensions?: boolean;
  alternateTimeDimension?: 'eventTime';
}

export type UserMetric = 'tAgentRoutingStatus' | 'tSystemPresence' | 'tOrganizationPresence';
export interface UserAggregateQuery {
  interval: string;
  granularity?: string;
  timeZone?: string;
  groupBy?: ['userId'] | [];
  filter?: Filter;
  metrics: UserMetric[];
}
