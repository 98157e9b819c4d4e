import { parseQueryInterval } from '../../engine/index.js';
import type { ServedConversation } from '../../data/index.js';
import { DAY_MS, utcDaysTouched, type DaySource } from '../day-source.js';
import { DetailsQuerySchema, type DetailFilter, type DetailPredicate } from '../details-schemas.js';
import { badRequest } from '../http-error.js';
import { conversationMatcher } from '../match-conversation.js';
import type { Handler } from '../sim-context.js';
import { validate } from '../validate.js';

/**
 * POST /api/v2/analytics/conversations/details/query. Like the real one it returns every conversation that
 * STARTED ON A UTC DAY the interval touches (not clipped to the interval; one that started earlier is not returned,
 * however long it lasts), served as it stands now, filtered by the conversation and segment filters (conversationEnd
 * exists/notExists included), and the page past the last carries only `totalHits`.
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
  const pageSize = q.paging?.pageSize ?? 25;
  const pageNumber = q.paging?.pageNumber ?? 1;
  const t = ctx.now();
  // Conversations in progress are returned too, without conversationEnd, as the real query does.
  const hits =
    (q.orderBy === 'conversationEnd' || q.orderBy === 'segmentEnd') && q.order === 'desc'
      ? newestEndsFirst(ctx.days, startMs, endMs, t, matches, pageNumber * pageSize)
      : // Only open conversations wanted: start days over before t hold none but their long ones.
        sortConversations([...ctx.days.conversationsSoFar(startMs, endMs, t, false, onlyOpen(q.conversationFilters) ? t : -Infinity)].filter(matches), q.orderBy, q.order);
  const totalHits = hits.length;
  const page = hits.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  if (page.length === 0) return { status: 200, body: { totalHits } };
  return { status: 200, body: { conversations: page.map(withoutAttributes), totalHits } };
};

/** A conversation filter that holds only for conversations without conversationEnd (in progress at t). */
function onlyOpen(filters: DetailFilter[] = []): boolean {
  const isNotExists = (p: DetailPredicate) => p.dimension === 'conversationEnd' && p.operator === 'notExists';
  return filters.some((f) => (f.type === 'and' || (f.predicates?.length ?? 0) + (f.clauses?.length ?? 0) === 1) && (f.predicates ?? []).some(isNotExists));
}

/**
 * The first `need` matches by conversationEnd, newest first (open ones before every ended one), generating start
 * days newest first and stopping once `need` matches end at or after the midnight of the day just read: the older
 * days' conversations that are not long end before it (see DaySource.startedOn), and their long ones are known
 * without generating them. This keeps a 31-day query as cheap as its newest day, which is what a client reading
 * the newest ends first needs. `totalHits` then counts what was looked at: approximate, as the real one is.
 */
function newestEndsFirst(days: DaySource, startMs: number, endMs: number, t: number, matches: (c: ServedConversation) => boolean, need: number) {
  const touched = utcDaysTouched(startMs, endMs).filter((d) => d <= t);
  const endOf = (c: ServedConversation) => (c.conversationEnd === undefined ? Infinity : Date.parse(c.conversationEnd));
  const matching = (list: Iterable<ServedConversation>) => [...list].filter(matches);
  // The long conversations of the days not generated yet, by day.
  const pending = new Map(touched.map((d) => [d, matching(days.startedOn(d, t, Infinity))]));
  const read: ServedConversation[] = [];
  const endingFrom = (list: ServedConversation[], d: number) => list.filter((c) => endOf(c) >= d).length;
  for (let i = touched.length - 1; i >= 0; i--) {
    const d = touched[i]!;
    pending.delete(d);
    read.push(...matching(days.startedOn(d, t)));
    let settled = endingFrom(read, d);
    for (const list of pending.values()) settled += endingFrom(list, d);
    if (settled >= need) break;
  }
  return sortConversations([...read, ...[...pending.values()].flat()], 'conversationEnd', 'desc');
}

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
