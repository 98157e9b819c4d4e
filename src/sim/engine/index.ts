/** Request schemas and pure aggregation engines of the simulated analytics API (notes/sim-contract.md). */
export type {
  Clause, ConversationAggregateQuery, Filter, Predicate, UserAggregateQuery, UserMetric, View, ViewRange,
} from './types.js';
export { ConversationAggregateQuerySchema, UserAggregateQuerySchema } from './schemas.js';
export { SimQueryError } from './sim-query-error.js';
export { parseQueryInterval } from './parse-query-interval.js';
export { validateConversationQuery, validateUserQuery, type ValidQuery } from './validate-query.js';
export { aggregateConversations, conversationAggregatesAnswer, type AggregateOptions } from './aggregate-conversations.js';
export { aggregateUserStatus, userAggregatesAnswer } from './aggregate-user-status.js';
export { ListedAnswer } from './listed-answer.js';
export { observationsOf, SHORT_ABANDON_MS, type Observation } from './observations.js';
export { CONVERSATION_DIMENSIONS, CONVERSATION_METRICS, ROUTING_STATUSES, SYSTEM_PRESENCE_IDS, USER_METRICS } from './names.js';
export { QUEUE_OBSERVATION_METRICS, QueueObservationQuerySchema, type QueueObservationQuery } from './observation-schemas.js';
export { MAX_OBSERVATIONS, MAX_QUEUE_PREDICATES, OBSERVATION_MEDIA_TYPES, observeQueues } from './queue-observations.js';
