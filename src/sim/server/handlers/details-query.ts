import { parseQueryInterval } from '../../engine/index.js';
import type { ServedConversation } from '../../data/index.js';
import { DAY_MS } from '../day-source.js';
import { DetailsQuerySchema } from '../details-schemas.js';
import { badRequest } from '../http-error.js';
import { conversationMatcher } from '../match-conversation.js';
import type { Handler } from '../sim-context.js';
import { validate } from '../validate.js';

/**
 * POST /api/v2/analytics/conversations/details/query. Like the real one it returns every conversation that
 * STARTED ON A UTC DAY the interval touches (not clipped to the interval), and the page past the last carries
 * only `totalHits`.
 */
export const detailsQuery: Handler = (req, ctx) => {
  const q = validate(DetailsQuerySchema, req.body);
  const { startMs, endMs } = parseQueryInterval(q.interval);
  const filtered = (q.conversationFilters?.length ?? 0) + (q.segmentFilters?.length ?? 0) > 0;
  const maxDays = filtered ? 31 : 7;
  if (endMs - startMs > maxDays * DAY_MS) {
    throw badRequest(
      `Interval ${q.interval} is too long: at most 7 days without filters, 31 days with conversationFilters or segmentFilters`,
    );
  }
  const matches = conversationMatcher(q.conversationFilters, q.segmentFilters);
  // Conversations in progress are returned too, without conversationEnd, as the real query does.
  const hits = sortConversations([...ctx.days.conversationsSoFar(startMs, endMs)].filter(matches), q.orderBy, q.order);
  const pageSize = q.paging?.pageSize ?? 25;
  const pageNumber = q.paging?.pageNumber ?? 1;
  const page = hits.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  if (page.length === 0) return { status: 200, body: { totalHits: hits.length } };
  return { status: 200, body: { conversations: page.map(withoutAttributes), totalHits: hits.length } };
};

/**
 * Days come sorted by (conversationStart, conversationId). A conversation's first segment starts with it and its
 * last ends with it, so segmentStart orders like conversationStart and segmentEnd like conversationEnd.
 */
export function sortConversations<T extends ServedConversation>(list: T[], orderBy = 'conversationStart', order = 'asc'): T[] {
  const byEnd = orderBy === 'conversationEnd' || orderBy === 'segmentEnd';
  // An open conversation has not ended: it sorts after every ended one.
  const endOf = (c: ServedConversation) => (c.conversationEnd === undefined ? Infinity : Date.parse(c.conversationEnd));
  if (byEnd) list.sort((a, b) => endOf(a) - endOf(b) || a.conversationId.localeCompare(b.conversationId));
  return order === 'desc' ? list.reverse() : list;
}

/** The synchronous query returns no participant attributes (job results do). */
function withoutAttributes(c: ServedConversation): ServedConversation {
  const participants = c.participants;
  if (!Array.isArray(participants) || !participants.some((p) => p && typeof p === 'object' && 'attributes' in p)) return c;
  return {
    ...c,
    participants: participants.map((p: Record<string, unknown>) => {
      const { attributes: _omit, ...rest } = p;
      return rest;
    }),
  };
}
