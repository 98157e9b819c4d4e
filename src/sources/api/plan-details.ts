import type { AsyncConversationDetailsQuery, ConversationDetailsQuery, QueryFilter } from '../../api/analytics.js';
import { DAY_MS } from '../../time/defaults.js';
import { FILTERED_DETAILS_MS } from '../../api/limits.js';
import { toApiInterval } from '../../time/format.js';
import type { Window } from '../../time/types.js';
import { detailsSegmentFilters } from './plan-queries.js';


/**
 * The job's interval starts this much before the window: whether "overlaps" includes a conversation that ended
 * exactly at the window's start is not documented, and an extra conversation costs nothing (each metric is placed
 * by its emitDate).
 */
const JOB_LEAD_MS = 1000;

/** A synchronous details query and the conversations it owns: those that started in [keepFromMs, keepToMs). */
export interface DetailsPageQuery {
  body: Omit<ConversationDetailsQuery, 'paging'>;
  keepFromMs: number;
  keepToMs: number;
}

/** Ordered by conversationEnd, newest first: read until a conversation that ended before `endedFromMs`. */
export interface EndedQuery extends DetailsPageQuery {
  endedFromMs: number;
}

/** The async job, and the conversations it owns: those that had ended before `endedBeforeMs`. */
export interface DetailsJob {
  body: AsyncConversationDetailsQuery;
  endedBeforeMs: number;
}

/**
 * How far before the window the synchronous queries look for conversations that started earlier: from 00:00 UTC of
 * the day this many days before the window's first UTC day. Genesys documents no maximum conversation length; the
 * longest waits its settings allow are agent-owned callbacks scheduled up to 30 days ahead (messaging threads: 72 h),
 * and 30 days plus the window's day is one 31-day filtered query (docs/genesys-api.md §3c).
 */
export const LOOKBACK_DAYS = 30;

/**
 * Every conversation with a metric emitted inside the window, each owned by exactly one part:
 * - `job`: those that ended before the datalake's availability date A. Its interval matches by overlap (a job
 *   returns every conversation that had activity during it), so these are read however long ago they started.
 * - `live`: those not ended yet (conversationEnd notExists), run BEFORE `ended`: one that ends in between is then
 *   seen twice (de-duplicated by id), never missed.
 * - `ended`: those that ended at or after max(window start, A), newest end first, so reading stops at the first
 *   older one.
 * The synchronous queries match conversations by the UTC day they started on (the API's daily indexes), so they
 * reach back to `oldestStartMs` (LOOKBACK_DAYS before the window's first UTC day), and each keeps only the starts
 * it owns. A conversation that started before `oldestStartMs` and had not ended before A is not read: the stated
 * bound.
 */
export interface DetailsPlan {
  job: DetailsJob | undefined;
  live: DetailsPageQuery[];
  ended: EndedQuery[];
  oldestStartMs: number;
}

const conversationEnd = (operator: 'exists' | 'notExists'): QueryFilter => ({
  type: 'and',
  predicates: [{ type: 'dimension', dimension: 'conversationEnd', operator }],
});

/**
 * `availableMs`: the datalake's dataAvailabilityDate, or undefined when it is not known (no permission for jobs):
 * then everything comes from synchronous queries.
 *
 * Sizes: the job's result pages hold 1,000. Every synchronous query carries a conversationEnd filter, so its
 * interval may span 31 days. Start days before the day preceding max(window start, A) can only hold conversations
 * that lasted over a day, a handful: 31 days per query. From that day on, every conversation of a start day may
 * have ended after it: one day per query (the API's index unit: a query cannot read less), so none comes near the
 * 1,000-page cap unless one UTC day has more than 100,000 conversations. Live queries return only conversations in
 * progress. A past day inside the datalake: the job and two synchronous queries.
 */
export function planDetailsQueries(
  window: Window,
  selection: { queueIds: readonly string[]; media: readonly string[] },
  availableMs: number | undefined,
): DetailsPlan {
  const { startMs, endMs } = window;
  const segmentFilters = detailsSegmentFilters(selection.queueIds, selection.media);
  const filters = segmentFilters ? { segmentFilters } : {};
  const oldestStartMs = Math.floor(startMs / DAY_MS) * DAY_MS - LOOKBACK_DAYS * DAY_MS;

  const job: DetailsJob | undefined =
    availableMs !== undefined && availableMs > startMs
      ? {
          body: { order: 'asc', orderBy: 'conversationStart', ...filters, interval: toApiInterval(startMs - JOB_LEAD_MS, Math.min(endMs, availableMs)) },
          endedBeforeMs: availableMs,
        }
      : undefined;

  const live: DetailsPageQuery[] = spans(oldestStartMs, endMs, FILTERED_DETAILS_MS).map(([s, e]) => ({
    body: { order: 'asc', orderBy: 'conversationStart', conversationFilters: [conversationEnd('notExists')], ...filters, interval: toApiInterval(s, e) },
    keepFromMs: s,
    keepToMs: e,
  }));

  const endedFromMs = job ? Math.max(startMs, job.endedBeforeMs) : startMs;
  const recentFrom = Math.max(oldestStartMs, Math.floor(endedFromMs / DAY_MS) * DAY_MS - DAY_MS);
  const ended: EndedQuery[] = [
    ...spans(oldestStartMs, Math.min(recentFrom, endMs), FILTERED_DETAILS_MS),
    ...spans(recentFrom, endMs, DAY_MS),
  ].map(([s, e]) => ({
    body: { order: 'desc', orderBy: 'conversationEnd', conversationFilters: [conversationEnd('exists')], ...filters, interval: toApiInterval(s, e) },
    keepFromMs: s,
    keepToMs: e,
    endedFromMs,
  }));
  return { job, live, ended, oldestStartMs };
}

/** [from, to) cut every `step` ms. */
function spans(from: number, to: number, step: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = from; s < to; s += step) out.push([s, Math.min(s + step, to)]);
  return out;
}

/** What a conversation is to the part that read it. */
export type Verdict = 'keep' | 'skip' | 'stop';

const startedIn = (q: DetailsPageQuery, startMs: number) => startMs >= q.keepFromMs && startMs < q.keepToMs;

/** The job keeps what had ended before the availability date; the synchronous queries own everything else. */
export function jobVerdict(job: DetailsJob, endMs: number | undefined): Verdict {
  return endMs !== undefined && endMs < job.endedBeforeMs ? 'keep' : 'skip';
}

/** A live query keeps the conversations that started in its span. */
export function liveVerdict(q: DetailsPageQuery, startMs: number): Verdict {
  return startedIn(q, startMs) ? 'keep' : 'skip';
}

/**
 * An ended query: newest end first, so the first conversation that ended before `endedFromMs` means every later
 * one did too ('stop'). One without an end (the filter asked for ended ones) is kept if it started in the span.
 */
export function endedVerdict(q: EndedQuery, startMs: number, endMs: number | undefined): Verdict {
  if (endMs !== undefined && endMs < q.endedFromMs) return 'stop';
  return startedIn(q, startMs) ? 'keep' : 'skip';
}
