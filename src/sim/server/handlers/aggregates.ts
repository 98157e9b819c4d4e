import {
  ConversationAggregateQuerySchema,
  UserAggregateQuerySchema,
  aggregateConversations,
  aggregateUserStatus,
  parseQueryInterval,
} from '../../engine/index.js';
import type { Handler } from '../sim-context.js';
import { validate } from '../validate.js';

/** POST /api/v2/analytics/conversations/aggregates/query: the engine over the finished conversations. */
export const conversationAggregates: Handler = (req, ctx) => {
  const q = validate(ConversationAggregateQuerySchema, req.body);
  const { startMs, endMs } = parseQueryInterval(q.interval);
  const conversations = ctx.days.finishedConversations(startMs, endMs);
  // The queues give oServiceLevel its `target` (their service-level percentage).
  return { status: 200, body: aggregateConversations(q, conversations, { queues: ctx.org.queues }) };
};

/** POST /api/v2/analytics/users/aggregates/query: routing-status time up to now. */
export const userAggregates: Handler = (req, ctx) => {
  const q = validate(UserAggregateQuerySchema, req.body);
  const { startMs, endMs } = parseQueryInterval(q.interval);
  return { status: 200, body: aggregateUserStatus(q, ctx.days.spansUntilNow(startMs, endMs)) };
};
