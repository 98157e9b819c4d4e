import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import {
  getDetailsJobsAvailability,
  iterateConversationDetails,
  queryConversationAggregates,
  queryUserAggregates,
  runConversationDetailsJob,
  type AsyncConversationDetailsQuery,
  type ConversationAggregationQuery,
} from '../../src/api/analytics.js';
import { createApiClient } from '../../src/api/http.js';
import { ApiError } from '../../src/errors.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const API = 'https://api.test.example';
const JOBS = '/api/v2/analytics/conversations/details/jobs';
const json = { 'Content-Type': 'application/json' };
const INTERVAL = '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z';
const conv = (id: string) => ({ conversationId: id, conversationStart: '2026-11-20T09:00:00.000Z', participants: [] });

useNockGuard();

function setup() {
  const clock = fakeClock();
  const client = createApiClient({ apiUrl: API, tokens: stubTokens(), clock, logger: collectingLogger().logger, random: () => 0 });
  return { client, clock };
}

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of gen) all.push(...page);
  return all;
}

describe('queryConversationAggregates', () => {
  it('posts the body as given and returns the parsed response (an empty result, {}, has no results)', async () => {
    const { client } = setup();
    const body: ConversationAggregationQuery = {
      interval: INTERVAL,
      granularity: 'PT30M',
      timeZone: 'Europe/Dublin',
      groupBy: ['queueId', 'mediaType'],
      filter: { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', value: 'q1' }] },
      metrics: ['nOffered', 'tAnswered'],
      views: [{ target: 'tAnswered', name: 'tAnsweredWithin', function: 'rangeBound', range: { lt: 20_001 } }],
    };
    let sent: unknown;
    nock(API).post('/api/v2/analytics/conversations/aggregates/query', (b) => ((sent = b), true)).reply(200, {}, json);
    expect(await queryConversationAggregates(client, body)).toEqual({ results: [] });
    expect(sent).toEqual(body);
  });
});

describe('queryUserAggregates', () => {
  const users = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'dimension' as const, dimension: 'userId', value: `u${i}` }));

  it('accepts 100 userId predicates', async () => {
    const { client } = setup();
    nock(API).post('/api/v2/analytics/users/aggregates/query').reply(200, { results: [] }, json);
    await expect(
      queryUserAggregates(client, { interval: INTERVAL, groupBy: ['userId'], metrics: ['tAgentRoutingStatus'], filter: { type: 'or', predicates: users(100) } }),
    ).resolves.toEqual({ results: [] });
  });

  it('refuses 101 (the caller must batch), counting nested clauses too', async () => {
    const { client } = setup();
    const filter = { type: 'or' as const, predicates: users(60), clauses: [{ type: 'or' as const, predicates: users(41) }] };
    await expect(queryUserAggregates(client, { interval: INTERVAL, metrics: ['tAgentRoutingStatus'], filter })).rejects.toThrow(
      'internal: users aggregates query has 101 userId predicates; the API allows 100 (batch them)',
    );
  });
});

describe('iterateConversationDetails', () => {
  it('pages with paging {pageSize, pageNumber} until a page has no conversations', async () => {
    const { client } = setup();
    const bodies: unknown[] = [];
    const body = { interval: INTERVAL, order: 'asc' as const, orderBy: 'conversationStart' as const };
    const pages = [{ conversations: [conv('a'), conv('b')], totalHits: 3 }, { conversations: [conv('b'), conv('c')], totalHits: 3 }, { totalHits: 3 }];
    nock(API)
      .post('/api/v2/analytics/conversations/details/query')
      .times(3)
      .reply(200, (_uri, reqBody) => {
        bodies.push(reqBody);
        return pages[bodies.length - 1];
      });
    const ids = (await collect(iterateConversationDetails(client, body, { pageSize: 2 }))).map((c) => c.conversationId);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(bodies).toEqual([1, 2, 3].map((pageNumber) => ({ ...body, paging: { pageSize: 2, pageNumber } })));
  });
});

describe('runConversationDetailsJob', () => {
  const body: AsyncConversationDetailsQuery = {
    interval: INTERVAL,
    segmentFilters: [{ type: 'and', predicates: [{ dimension: 'purpose', value: 'acd' }] }],
  };

  it('a 400 naming the page size on pageSize=1000 → the same page at 100, then every page at 100: the results are complete', async () => {
    const { client, clock } = setup();
    const { logger, raw } = collectingLogger();
    const seen: string[] = [];
    nock(API)
      .post(JOBS).reply(202, { jobId: 'job-ps' }, json)
      .get(`${JOBS}/job-ps`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/job-ps/results`).query((q) => (seen.push(JSON.stringify(q)), q.pageSize === '1000'))
      .reply(400, { status: 400, code: 'invalid.value', message: 'pageSize must be between 1 and 100', contextId: 'ps' }, json)
      .get(`${JOBS}/job-ps/results`).query((q) => (seen.push(JSON.stringify(q)), q.pageSize === '100' && q.cursor === undefined))
      .reply(200, { conversations: [conv('a'), conv('b')], cursor: 'c-2' }, json)
      .get(`${JOBS}/job-ps/results`).query((q) => (seen.push(JSON.stringify(q)), q.pageSize === '100' && q.cursor === 'c-2'))
      .reply(200, { conversations: [conv('c')] }, json);
    const ids = (await collect(runConversationDetailsJob(client, body, { clock, logger, pageSize: 1000 }))).map((c) => c.conversationId);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(seen.map((q) => JSON.parse(q))).toEqual([{ pageSize: '1000' }, { pageSize: '100' }, { cursor: 'c-2', pageSize: '100' }]);
    expect(raw.filter((l) => l.includes('page size 1000 refused'))).toHaveLength(1);
  });

  it('100 refused as well → results without pageSize (the server default)', async () => {
    const { client, clock } = setup();
    const seen: string[] = [];
    const refused = { status: 400, code: 'invalid.value', message: 'Invalid page size' };
    nock(API)
      .post(JOBS).reply(202, { jobId: 'job-pd' }, json)
      .get(`${JOBS}/job-pd`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/job-pd/results`).times(2).query((q) => (seen.push(JSON.stringify(q)), q.pageSize !== undefined))
      .reply(400, refused, json)
      .get(`${JOBS}/job-pd/results`).query((q) => (seen.push(JSON.stringify(q)), q.pageSize === undefined))
      .reply(200, { conversations: [conv('a')] }, json);
    const ids = (await collect(runConversationDetailsJob(client, body, { clock, pageSize: 1000 }))).map((c) => c.conversationId);
    expect(ids).toEqual(['a']);
    expect(seen.map((q) => JSON.parse(q))).toEqual([{ pageSize: '1000' }, { pageSize: '100' }, {}]);
  });

  it('a 400 on the results that does not name the page size fails the run', async () => {
    const { client, clock } = setup();
    nock(API)
      .post(JOBS).reply(202, { jobId: 'job-bad' }, json)
      .get(`${JOBS}/job-bad`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/job-bad/results`).query(true).reply(400, { status: 400, code: 'bad.request', message: 'cursor is invalid' }, json);
    await expect(collect(runConversationDetailsJob(client, body, { clock, pageSize: 1000 }))).rejects.toBeInstanceOf(ApiError);
  });

  it('submits, polls QUEUED → PENDING → FULFILLED with growing waits, then follows the cursor', async () => {
    const { client, clock } = setup();
    const seen: string[] = [];
    let submitted: unknown;
    nock(API)
      .post(JOBS, (b) => ((submitted = b), true)).reply(202, { jobId: 'job-1' }, json)
      .get(`${JOBS}/job-1`).reply(202, { state: 'QUEUED', submissionDate: '2026-11-21T12:00:00Z' }, json)
      .get(`${JOBS}/job-1`).reply(200, { state: 'PENDING' }, json)
      .get(`${JOBS}/job-1`).reply(200, { state: 'FULFILLED', completionDate: '2026-11-21T12:00:09Z' }, json)
      .get(`${JOBS}/job-1/results`).query((q) => (seen.push(JSON.stringify(q)), q.cursor === undefined))
      .reply(200, { conversations: [conv('a'), conv('b')], cursor: 'c-2', dataAvailabilityDate: '2026-11-21T11:00:00.000Z' }, json)
      .get(`${JOBS}/job-1/results`).query((q) => (seen.push(JSON.stringify(q)), q.cursor === 'c-2'))
      .reply(200, { conversations: [conv('b'), conv('c')], dataAvailabilityDate: '2026-11-21T11:00:00.000Z' }, json);
    const ids = (await collect(runConversationDetailsJob(client, body, { clock, pageSize: 500 }))).map((c) => c.conversationId);
    expect(submitted).toEqual(body);
    expect(ids).toEqual(['a', 'b', 'c']); // 'b' repeated across the page boundary is yielded once
    expect(clock.sleeps).toEqual([2000, 3000, 4500]);
    expect(seen.map((q) => JSON.parse(q))).toEqual([{ pageSize: '500' }, { cursor: 'c-2', pageSize: '500' }]);
  });

  it('requests the next results page while the caller is still working on the current one', async () => {
    const { client, clock } = setup();
    let secondRequested!: () => void;
    const asked = new Promise<void>((resolve) => (secondRequested = resolve));
    nock(API)
      .post(JOBS).reply(202, { jobId: 'job-2' }, json)
      .get(`${JOBS}/job-2`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/job-2/results`).query((q) => q.cursor === undefined)
      .reply(200, { conversations: [conv('a')], cursor: 'c-2' }, json)
      .get(`${JOBS}/job-2/results`).query((q) => q.cursor === 'c-2')
      .reply(200, () => (secondRequested(), { conversations: [conv('b')] }), json);
    const pages = runConversationDetailsJob(client, body, { clock });
    const first = await pages.next();
    expect((first.value as Array<{ conversationId: string }>).map((c) => c.conversationId)).toEqual(['a']);
    await asked; // page 2 is fetched although the caller has not asked for it yet
    expect((await collect(pages)).map((c) => c.conversationId)).toEqual(['b']);
  });

  it('caps the poll interval at 15 s', async () => {
    const { client, clock } = setup();
    const scope = nock(API).post(JOBS).reply(202, { jobId: 'slow' }, json);
    for (let i = 0; i < 7; i++) scope.get(`${JOBS}/slow`).reply(200, { state: 'PENDING' }, json);
    scope.get(`${JOBS}/slow`).reply(200, { state: 'FULFILLED' }, json).get(`${JOBS}/slow/results`).reply(200, { conversations: [] }, json);
    await collect(runConversationDetailsJob(client, body, { clock }));
    expect(clock.sleeps).toEqual([2000, 3000, 4500, 6750, 10_125, 15_000, 15_000, 15_000]);
  });

  it('FAILED → ApiError with the job’s errorMessage', async () => {
    const { client, clock } = setup();
    nock(API)
      .post(JOBS).reply(202, { jobId: 'job-f' }, json)
      .get(`${JOBS}/job-f`).reply(200, { state: 'QUEUED' }, json)
      .get(`${JOBS}/job-f`).reply(200, { state: 'FAILED', errorMessage: 'Interval exceeds the maximum allowed' }, json);
    const err = (await collect(runConversationDetailsJob(client, body, { clock })).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('conversation details job job-f failed: Interval exceeds the maximum allowed');
    expect(err.details.path).toBe(`${JOBS}/job-f`);
  });

  it.each([
    ['EXPIRED', 'expired'],
    ['CANCELLED', 'cancelled'],
  ])('%s → ApiError saying so', async (state, word) => {
    const { client, clock } = setup();
    nock(API).post(JOBS).reply(202, { jobId: 'job-x' }, json).get(`${JOBS}/job-x`).reply(200, { state }, json);
    await expect(collect(runConversationDetailsJob(client, body, { clock }))).rejects.toThrow(
      `conversation details job job-x was ${word} before its results were read`,
    );
  });

  it('gives up after maxWaitMs of polling', async () => {
    const { client, clock } = setup();
    nock(API).post(JOBS).reply(202, { jobId: 'stuck' }, json).get(`${JOBS}/stuck`).times(2).reply(200, { state: 'QUEUED' }, json);
    await expect(collect(runConversationDetailsJob(client, body, { clock, maxWaitMs: 5000 }))).rejects.toThrow(
      'conversation details job stuck was still QUEUED after 5 s; try again later or use a shorter window',
    );
    expect(clock.sleeps).toEqual([2000, 3000]);
  });

  it('a cursor that does not advance is an ApiError, not an endless loop', async () => {
    const { client, clock } = setup();
    nock(API)
      .post(JOBS).reply(202, { jobId: 'loop' }, json)
      .get(`${JOBS}/loop`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/loop/results`).query(true).times(2).reply(200, { conversations: [conv('a')], cursor: 'same' }, json);
    const err = (await collect(runConversationDetailsJob(client, body, { clock })).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe(`GET ${JOBS}/loop/results: page 2 repeats page 1; the server's paging does not advance, so the report would be wrong`);
  });

  it('a cursor that cycles (c1 → c2 → c1) is an ApiError after three pages, not a loop that counts twice', async () => {
    const { client, clock } = setup();
    const asked: string[] = [];
    nock(API)
      .post(JOBS).reply(202, { jobId: 'cycle' }, json)
      .get(`${JOBS}/cycle`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/cycle/results`).query(true).times(3)
      .reply(200, (uri) => {
        const cursor = new URL(uri, API).searchParams.get('cursor') ?? 'start';
        asked.push(cursor);
        const next = { start: ['a', 'c1'], c1: ['b', 'c2'], c2: ['c', 'c1'] }[cursor]!;
        return { conversations: [conv(next[0]!)], cursor: next[1] };
      }, json);
    const err = (await collect(runConversationDetailsJob(client, body, { clock })).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe(`GET ${JOBS}/cycle/results: cursor "c1" came back after 2 pages; the server's paging does not advance, so the report would be wrong`);
    expect(asked).toEqual(['start', 'c1', 'c2']);
  });
});

describe('getDetailsJobsAvailability', () => {
  it('returns dataAvailabilityDate', async () => {
    const { client } = setup();
    nock(API).get(`${JOBS}/availability`).reply(200, { dataAvailabilityDate: '2026-11-21T10:00:00.000Z' }, json);
    expect(await getDetailsJobsAvailability(client)).toBe('2026-11-21T10:00:00.000Z');
  });
});
