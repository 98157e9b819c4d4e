import type { AsyncConversationDetailsQuery, ConversationDetailsQuery, QueryFilter } from '../../api/analytics.js';
import { DAY_MS } from '../../time/defaults.js';
import { CHUNK_MS } from '../../api/limits.js';
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
 * Every conversation that can emit a metric inside the window, each owned by exactly one part:
 * - `job`: those that ended before the datalake's availability date A (only those are sure to be in it).
 * - `live`: those not ended yet (conversationEnd notExists), run BEFORE `ended`: one that ends in between is then
 *   seen twice (de-duplicated by id), never missed.
 * - `ended`: those that ended at or after max(window start, A), newest first, so reading stops at the first older one.
 * The synchronous queries match conversations that started on a UTC day the interval touches, from one day before
 * the window (one that started late yesterday can be answered today), and each keeps only the starts it owns.
 */
export interface DetailsPlan {
  job: DetailsJob | undefined;
  live: DetailsPageQuery[];
  ended: EndedQuery[];
}

const conversationEnd = (operator: 'exists' | 'notExists'): QueryFilter => ({
  type: 'and',
  predicates: [{ type: 'dimension', dimension: 'conversationEnd', operator }],
});

/**
 * `availableMs`: the datalake's dataAvailabilityDate, or undefined when it is not known (no permission for jobs):
 * then everything comes from synchronous queries.
 *
 * Sizes: the job's result pages hold 1,000. An ended query reads only what ended since max(window start, A), and
 * covers one start day where that can be all of the day's conversations (the API's index unit: a query cannot
 * read less), so none comes near the 1,000-page cap unless one UTC day has more than 100,000 conversations. Live
 * queries return only conversations in progress.
 */
export function planDetailsQueries(
  window: Window,
  selection: { queueIds: readonly string[]; media: readonly string[] },
  availableMs: number | undefined,
): DetailsPlan {
  const { startMs, endMs } = window;
  const segmentFilters = detailsSegmentFilters(selection.queueIds, selection.media);
  const filters = segmentFilters ? { segmentFilters } : {};
  const firstDay = Math.floor(startMs / DAY_MS) * DAY_MS - DAY_MS;

  const job: DetailsJob | undefined =
    availableMs !== undefined && availableMs > startMs
      ? {
          body: { order: 'asc', orderBy: 'conversationStart', ...filters, interval: toApiInterval(startMs - JOB_LEAD_MS, Math.min(endMs, availableMs)) },
          endedBeforeMs: availableMs,
        }
      : undefined;

  const live: DetailsPageQuery[] = spans(firstDay, endMs, CHUNK_MS).map(([s, e]) => ({
    body: { order: 'asc', orderBy: 'conversationStart', conversationFilters: [conversationEnd('notExists')], ...filters, interval: toApiInterval(s, e) },
    keepFromMs: s,
    keepToMs: e,
  }));

  const endedFromMs = job ? Math.max(startMs, job.endedBeforeMs) : startMs;
  // From the day before endedFromMs on, every conversation of a start day may have ended after it: one day per
  // query. Before that, only those that lasted over a day did, a handful: a week per query.
  const recentFrom = Math.max(firstDay, Math.floor(endedFromMs / DAY_MS) * DAY_MS - DAY_MS);
  const ended: EndedQuery[] = [...spans(firstDay, Math.min(recentFrom, endMs), CHUNK_MS), ...spans(recentFrom, endMs, DAY_MS)].map(([s, e]) => ({
    body: { order: 'desc', orderBy: 'conversationEnd', conversationFilters: [conversationEnd('exists')], ...filters, interval: toApiInterval(s, e) },
    keepFromMs: s,
    keepToMs: e,
    endedFromMs,
  }));
  return { job, live, ended };
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
