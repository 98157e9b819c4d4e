import { observeQueues, QueueObservationQuerySchema } from '../../engine/index.js';
import type { Handler } from '../sim-context.js';
import { validate } from '../validate.js';

/** POST /api/v2/analytics/queues/observations/query: the queues at this moment, from the live state. */
export const queueObservations: Handler = (req, ctx) => {
  const q = validate(QueueObservationQuerySchema, req.body);
  return { status: 200, body: observeQueues(q, ctx.days.live(), ctx.org) };
};
