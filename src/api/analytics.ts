/**
 * Thin, typed calls to the analytics endpoints. Retries, pacing and validation live in the client; paging here.
 */
import { apiError } from './api-error.js';
import { pause, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../log.js';
import type {
  AsyncConversationDetailsQuery,
  ConversationAggregationQuery,
  ConversationDetailsQuery,
  QueryFilter,
  UserAggregationQuery,
} from './analytics-types.js';
import type { ApiClient } from './http.js';
import { MAX_USER_PREDICATES } from './limits.js';
import { describePageSize, PageSizeLadder, pageSizeSteps, withPageSizeFallback } from './page-size-fallback.js';
import { CursorTrail, pageKey, paginateDetails, stalledPaging, type DetailsPagingOptions } from './paginate.js';
import * as z from 'zod';
import { describeSchemaMismatch } from './response-body.js';
import { BodyProblem, forEachResult } from './results-stream.js';
import {
  AggregateResult,
  AvailabilityResponse,
  ConversationAggregateResponse,
  DetailsQueryResponse,
  JobResultsResponse,
  JobStatusResponse,
  JobSubmitResponse,
  UserAggregateResponse,
  type IdentifiedConversation,
} from './schemas.js';
import { MalformedRecordError } from '../records/malformed-record-error.js';
import type { Skipped } from '../skipped.js';
import { identifiedConversations, placeableConversations, usableAggregates, type UsableAggregates } from './usable-records.js';

export type * from './analytics-types.js';

const BASE = '/api/v2/analytics';
const JOBS = `${BASE}/conversations/details/jobs`;

/** Data points without an interval, and metrics or views without a name or stats, are skipped and counted. */
export async function queryConversationAggregates(
  client: ApiClient,
  body: ConversationAggregationQuery,
  skipped?: Skipped,
): Promise<UsableAggregates> {
  const { data } = await client.request('POST', `${BASE}/conversations/aggregates/query`, {
    body,
    schema: ConversationAggregateResponse,
  });
  return checkedRecords('POST', `${BASE}/conversations/aggregates/query`, () => usableAggregates(data, skipped));
}

function countUserPredicates(filter: QueryFilter | undefined): number {
  if (!filter) return 0;
  const direct = (filter.predicates ?? []).filter((p) => p.dimension === 'userId').length;
  const nested = (filter.clauses ?? []).reduce(
    (n, c) => n + c.predicates.filter((p) => p.dimension === 'userId').length,
    0,
  );
  return direct + nested;
}

/** The API allows at most 100 userId predicates per users aggregates query; the caller batches, this only guards. */
function guardUserPredicates(body: { filter?: QueryFilter | undefined }): void {
  const n = countUserPredicates(body.filter);
  if (n > MAX_USER_PREDICATES) {
    throw new Error(`internal: users aggregates query has ${n} userId predicates; the API allows ${MAX_USER_PREDICATES} (batch them)`);
  }
}

export async function queryUserAggregates(client: ApiClient, body: UserAggregationQuery, skipped?: Skipped): Promise<UsableAggregates> {
  guardUserPredicates(body);
  const { data } = await client.request('POST', `${BASE}/users/aggregates/query`, { body, schema: UserAggregateResponse });
  return checkedRecords('POST', `${BASE}/users/aggregates/query`, () => usableAggregates(data, skipped));
}

/** Folds an aggregates response into a state one result group at a time (see streamAggregates). */
export interface AggregatesFold<S> {
  /** A fresh state for each attempt: a retried request starts over, so nothing is counted twice. */
  start(): S;
  add(state: S, results: UsableAggregates): void;
}

const AGGREGATES = {
  conversations: { path: `${BASE}/conversations/aggregates/query`, envelope: ConversationAggregateResponse },
  users: { path: `${BASE}/users/aggregates/query`, envelope: UserAggregateResponse },
} as const;

/**
 * An aggregates query whose response is read as it arrives: each result group is validated, made usable and
 * folded as soon as it is complete, and none is kept, so memory follows the fold's state, not the response
 * (an unfiltered week of a 1,000-agent org is about 90 MB of JSON). Returns the state of the attempt that succeeded.
 */
export async function streamAggregates<S>(
  client: ApiClient,
  endpoint: keyof typeof AGGREGATES,
  body: ConversationAggregationQuery | UserAggregationQuery,
  fold: AggregatesFold<S>,
  skipped?: Skipped,
): Promise<S> {
  if (endpoint === 'users') guardUserPredicates(body);
  const { path, envelope } = AGGREGATES[endpoint];
  const mismatch = (error: z.ZodError, at: PropertyKey[], value: unknown) => {
    const located = new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })));
    return new BodyProblem(`response does not match the API schema ${describeSchemaMismatch(located, value)}`);
  };
  const { data } = await client.request('POST', path, {
    body,
    read: async (chunks) => {
      const state = fold.start();
      // One set per attempt: a group seen twice in one body is an error, a retried body starts over.
      const seenGroups = new Set<string>();
      const usable = (results: AggregateResult[], firstIndex: number) => {
        try {
          return usableAggregates({ results }, skipped, seenGroups, firstIndex);
        } catch (error) {
          if (error instanceof MalformedRecordError) throw new BodyProblem(`response does not match the API schema ${error.message}`);
          throw error;
        }
      };
      const rest = await forEachResult(chunks, (element, index) => {
        const result = AggregateResult.safeParse(element);
        if (!result.success) {
          const results: unknown[] = [];
          results[index] = element;
          throw mismatch(result.error, ['results', index], { results });
        }
        fold.add(state, usable([result.data], index));
      });
      const others = envelope.safeParse(rest);
      if (!others.success) throw mismatch(others.error, [], rest);
      if (others.data.results.length > 0) fold.add(state, usable(others.data.results, 0));
      return state;
    },
  });
  return data;
}

/**
 * Synchronous details query, page by page (pageNumber from 1; last page has no `conversations`). Conversations
 * without conversationId or conversationStart are skipped and counted (the caller places each by its start).
 */
export function iterateConversationDetails(
  client: ApiClient,
  body: Omit<ConversationDetailsQuery, 'paging'>,
  opts: { pageSize?: number; skipped?: Skipped } & DetailsPagingOptions = {},
): AsyncGenerator<Array<IdentifiedConversation & { conversationStart: string }>> {
  const pageSize = opts.pageSize ?? 100;
  const path = `${BASE}/conversations/details/query`;
  return paginateDetails(async (pageNumber) => {
    const { data } = await client.request('POST', path, { body: { ...body, paging: { pageSize, pageNumber } }, schema: DetailsQueryResponse });
    if (!data.conversations) return {};
    const identified = checkedRecords('POST', path, () => identifiedConversations(data.conversations, opts.skipped));
    return { conversations: placeableConversations(identified, opts.skipped) };
  }, { endpoint: `POST ${path}`, ...opts });
}

/** The records' own fields are checked outside the response schema: a mistyped one fails like a schema mismatch. */
function checkedRecords<T>(method: string, path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedRecordError) throw apiError(`${method} ${path} response does not match the API schema ${error.message}`, { method, path });
    throw error;
  }
}

export interface DetailsJobOptions {
  clock: Clock;
  logger?: Logger;
  /** First wait before polling; grows ×1.5 per poll up to maxPollIntervalMs. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Give up (ApiError) when the job is still not done after this long; default 30 min. */
  maxWaitMs?: number;
  /** Results page size; omitted → the server's default. Refused (400 naming it) → 100, then the default. */
  pageSize?: number;
  signal?: AbortSignal;
  /** Counts conversations without a conversationId (they cannot be de-duplicated). */
  skipped?: Skipped;
}

/** Submit an async details job, wait until FULFILLED, then follow the results `cursor`. */
export async function* runConversationDetailsJob(
  client: ApiClient,
  body: AsyncConversationDetailsQuery,
  opts: DetailsJobOptions,
): AsyncGenerator<IdentifiedConversation[]> {
  const { clock } = opts;
  const logger = opts.logger ?? silentLogger;
  const submitted = await client.request('POST', JOBS, { body, schema: JobSubmitResponse });
  const jobId = submitted.data.jobId;
  const statusPath = `${JOBS}/${encodeURIComponent(jobId)}`;
  const fail = (message: string) => apiError(message, { method: 'GET', path: statusPath });

  let interval = opts.pollIntervalMs ?? 2000;
  const maxInterval = opts.maxPollIntervalMs ?? 15_000;
  const maxWait = opts.maxWaitMs ?? 30 * 60_000;
  let waited = 0;
  let state = 'QUEUED';
  for (;;) {
    if (waited >= maxWait) {
      throw fail(
        `conversation details job ${jobId} was still ${state} after ${Math.round(waited / 1000)} s; try again later or use a shorter window`,
      );
    }
    logger.debug(`details job ${jobId}: waiting ${interval} ms before polling`);
    await pause(clock, interval, opts.signal);
    waited += interval;
    interval = Math.min(maxInterval, Math.round(interval * 1.5));
    const { data: status } = await client.request('GET', statusPath, { schema: JobStatusResponse });
    // AsyncQueryStatus marks even `state` optional: without one the job is taken as not finished yet.
    state = status.state ?? 'in an unknown state';
    logger.debug(`details job ${jobId}: ${state}`);
    if (status.state === 'FULFILLED') break;
    if (status.state === 'FAILED') {
      throw fail(`conversation details job ${jobId} failed: ${status.errorMessage ?? 'no reason given'}`);
    }
    if (status.state === 'CANCELLED' || status.state === 'EXPIRED') {
      throw fail(`conversation details job ${jobId} was ${status.state.toLowerCase()} before its results were read`);
    }
  }

  // Results are a snapshot read by cursor, so a repeat can only straddle a page boundary: remembering the last
  // page's ids is enough, and memory stays flat over millions of conversations. Cursors are remembered (a few
  // bytes a page) so that one coming back (c1 → c2 → c1) fails instead of looping and counting twice.
  const resultsEndpoint = `GET ${statusPath}/results`;
  const trail = new CursorTrail(resultsEndpoint);
  let previousPage = new Set<string>();
  let previousKey = '';
  // No maximum page size is documented for job results: a 400 naming it steps the size down (page-size-fallback.ts).
  const sizes = new PageSizeLadder(pageSizeSteps(opts.pageSize), (from, to, why) =>
    logger.warn(`details job ${jobId}: page size ${describePageSize(from)} refused (${why}); reading results ${describePageSize(to)} a page`),
  );
  const fetchResults = (at: string | undefined) => {
    const page = withPageSizeFallback(sizes, (pageSize) =>
      client.request('GET', `${statusPath}/results`, {
        query: { ...(at !== undefined ? { cursor: at } : {}), ...(pageSize !== undefined ? { pageSize } : {}) },
        schema: JobResultsResponse,
      }),
    );
    // Marked handled now: if the caller stops early, an abandoned read must not become an unhandled rejection.
    page.catch(() => {});
    return page;
  };
  // The next page is requested as soon as its cursor is known, so the network wait overlaps the caller's work
  // on the current page (cursor paging is otherwise strictly one round trip after another).
  let next: ReturnType<typeof fetchResults> | undefined = fetchResults(undefined);
  for (let pageNumber = 1; next; pageNumber++) {
    const { data: page } = await next;
    next = undefined;
    const conversations = checkedRecords('GET', `${statusPath}/results`, () => identifiedConversations(page.conversations, opts.skipped));
    const ids = conversations.map((c) => c.conversationId);
    if (page.cursor) {
      // A page that has a next one and repeats its predecessor hides a page's worth of conversations.
      const key = pageKey(ids);
      if (ids.length > 0 && key === previousKey) throw stalledPaging(resultsEndpoint, `page ${pageNumber} repeats page ${pageNumber - 1}`);
      previousKey = key;
      trail.follow(page.cursor);
      next = fetchResults(page.cursor);
    }
    const fresh = conversations.filter((c) => !previousPage.has(c.conversationId));
    previousPage = new Set(ids);
    if (fresh.length > 0) yield fresh;
  }
}

/** The time before which job data is guaranteed to be in the datalake; undefined when the API does not say. */
export async function getDetailsJobsAvailability(client: ApiClient): Promise<string | undefined> {
  const { data } = await client.request('GET', `${JOBS}/availability`, { schema: AvailabilityResponse });
  return data.dataAvailabilityDate;
}
