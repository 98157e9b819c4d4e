import {
  ConversationAggregateQuerySchema,
  UserAggregateQuerySchema,
  conversationAggregatesAnswer,
  userAggregatesAnswer,
  parseQueryInterval,
} from '../../engine/index.js';
import { shortAbandonMsOf } from '../../data/index.js';
import type { Handler } from '../sim-context.js';
import { validate } from '../validate.js';

/** POST /api/v2/analytics/conversations/aggregates/query: the engine over the finished conversations. */
export const conversationAggregates: Handler = (req, ctx) => {
  const q = validate(ConversationAggregateQuerySchema, req.body);
  const { startMs, endMs } = parseQueryInterval(q.interval);
  // Every metric emitted so far in the window: conversations in progress count with what they have emitted, and
  // long ones that started before the window with what they emitted inside it.
  const conversations = ctx.days.conversationsSoFar(startMs, endMs, ctx.now(), true);
  // The queues give oServiceLevel its `target` (their service-level percentage). The result groups are written as
  // they are made (a month of 15-minute buckets of 1,000 agents is far too big for one string).
  return {
    status: 200,
    body: conversationAggregatesAnswer(q, conversations, { queues: ctx.org.queues, shortAbandonMs: shortAbandonMsOf(ctx.org), addMediaType: true }),
  };
};

/** POST /api/v2/analytics/users/aggregates/query: routing-status time up to now. */
export const userAggregates: Handler = (req, ctx) => {
  const q = validate(UserAggregateQuerySchema, req.body);
  const { startMs, endMs } = parseQueryInterval(q.interval);
  return { status: 200, body: userAggregatesAnswer(q, ctx.days.spansUntilNow(startMs, endMs)) };
};
