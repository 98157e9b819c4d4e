import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { parseServiceLevelOptions } from '../../src/cli/options.js';
import { serviceLevelTable } from './support.js';
import { ApiError, UsageError } from '../../src/errors.js';
import { conversation, metric, participant, session } from '../builders.js';
import { API, json, testDeps, token } from './support.js';

const SALES = '5a000000-0000-4000-8000-000000000001';
const NOWHERE = '5b000000-0000-4000-8000-000000000002';
const JOBS = '/api/v2/analytics/conversations/details/jobs';

useNockGuard();

const queueListing = (ids: string[]) => ({
  entities: ids.filter((id) => id === SALES).map((id) => ({ id, name: 'Sales' })),
  pageSize: 100,
  pageNumber: 1,
  pageCount: 1,
});

describe('service-level requests', () => {
  it('--interval total over 8 days: one query per ≤ 7-day chunk with no granularity (the API sums), both chunks added into one row', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get('/api/v2/routing/queues').query({ id: SALES, pageSize: '100' }).reply(200, queueListing([SALES]), json);
    const sent: Array<Record<string, unknown>> = [];
    // Each chunk answers one bucket: its whole interval.
    const whole = (interval: string, offered: number, answered: number, answeredSumMs: number, within: number, abandoned: number, short: number) => ({
      results: [
        {
          group: { queueId: SALES, mediaType: 'voice' },
          data: [
            {
              interval,
              metrics: [
                { metric: 'nOffered', stats: { count: offered } },
                { metric: 'tAnswered', stats: { count: answered, sum: answeredSumMs } },
                { metric: 'tAbandon', stats: { count: abandoned, sum: 1_000 * abandoned } },
              ],
              views: [
                { name: 'gcxAnsweredWithin15000ms', stats: { count: within } },
                { name: 'gcxAbandonedShort', stats: { count: short } },
              ],
            },
          ],
        },
      ],
    });
    nock(API)
      .post('/api/v2/analytics/conversations/aggregates/query', (b: Record<string, unknown>) => (sent.push(b), true))
      .times(2)
      .reply(200, (_uri, body) =>
        (body as { interval: string }).interval.startsWith('2026-11-02')
          ? whole('2026-11-02T00:00:00.000Z/2026-11-09T00:00:00.000Z', 100, 80, 800_000, 60, 20, 5)
          : whole('2026-11-09T00:00:00.000Z/2026-11-10T00:00:00.000Z', 10, 8, 160_000, 2, 2, 1),
      json);

    const { deps } = testDeps('2026-11-20T10:05:00Z');
    const options = parseServiceLevelOptions({ queue: [SALES], media: ['voice'], threshold: '15', shortAbandon: '5', from: '2026-11-02', to: '2026-11-09', interval: 'total', tz: 'UTC', quiet: true });
    const table = await serviceLevelTable(options, deps);

    expect(sent.map((b) => [b.interval, b.granularity, b.timeZone])).toEqual([
      ['2026-11-02T00:00:00.000Z/2026-11-09T00:00:00.000Z', undefined, 'UTC'],
      ['2026-11-09T00:00:00.000Z/2026-11-10T00:00:00.000Z', undefined, 'UTC'],
    ]);
    expect([...table.rows]).toEqual([
      {
        interval_start: '2026-11-02T00:00:00+00:00',
        interval_end: '2026-11-10T00:00:00+00:00',
        queue_id: SALES,
        queue_name: 'Sales',
        media_type: 'voice',
        offered: 110,
        answered: 88,
        answered_within: 62,
        abandoned: 22,
        abandoned_short: 6,
        flowout: 0,
        service_level_pct: 59.62, // 62 / (88 + 22 − 6) = 62 / 104
        asa_s: 10.909, // 960 s / 88
        abandon_rate_pct: 20, // 22 / 110
        threshold_s: 15,
        target_pct: null,
        target_met: null,
        aht_s: null,
      },
    ]);
  });

  it('asks for counts and rangeBound views in one aggregates query per chunk', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get('/api/v2/routing/queues').query({ id: SALES, pageSize: '100' }).reply(200, queueListing([SALES]), json);
    const sent: unknown[] = [];
    nock(API)
      .post('/api/v2/analytics/conversations/aggregates/query', (b) => (sent.push(b), true))
      .reply(200, {
        results: [
          {
            group: { queueId: SALES, mediaType: 'voice' },
            data: [
              {
                interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z',
                metrics: [
                  { metric: 'nOffered', stats: { count: 6 } },
                  { metric: 'tAnswered', stats: { count: 4, sum: 62_000, min: 3_000, max: 30_000 } },
                  { metric: 'tAbandon', stats: { count: 2, sum: 7_000, min: 2_000, max: 5_000 } },
                ],
                views: [
                  { name: 'gcxAnsweredWithin15000ms', stats: { count: 3, sum: 32_000 } },
                  { name: 'gcxAbandonedShort', stats: { count: 2, sum: 7_000 } },
                ],
              },
            ],
          },
        ],
      }, json);

    const { deps } = testDeps('2026-11-20T10:05:00Z');
    const options = parseServiceLevelOptions({ queue: [SALES], media: ['voice'], threshold: '15', shortAbandon: '5', since: '1h', tz: 'UTC', quiet: true });
    const table = await serviceLevelTable(options, deps);

    expect(sent).toEqual([
      {
        interval: '2026-11-20T09:00:00.000Z/2026-11-20T10:00:00.000Z',
        granularity: 'PT30M',
        timeZone: 'UTC',
        groupBy: ['queueId', 'mediaType'],
        filter: {
          type: 'and',
          clauses: [
            { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: SALES }] },
            { type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }] },
          ],
        },
        metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle'],
        views: [
          // ≤ 5 s and ≤ 15 s: values are integer ms, so "lt: ms + 1"
          { target: 'tAbandon', name: 'gcxAbandonedShort', function: 'rangeBound', range: { lt: 5_001 } },
          { target: 'tAnswered', name: 'gcxAnsweredWithin15000ms', function: 'rangeBound', range: { lt: 15_001 } },
        ],
      },
    ]);
    expect([...table.rows]).toEqual([
      {
        interval_start: '2026-11-20T09:30:00+00:00',
        interval_end: '2026-11-20T10:00:00+00:00',
        queue_id: SALES,
        queue_name: 'Sales',
        media_type: 'voice',
        offered: 6,
        answered: 4,
        answered_within: 3,
        abandoned: 2,
        abandoned_short: 2,
        flowout: 0,
        service_level_pct: 75, // 3 / (4 + 2 − 2)
        asa_s: 15.5, // 62 s / 4
        abandon_rate_pct: 33.33, // 2 / 6
        threshold_s: 15,
        target_pct: null,
        target_met: null,
        aht_s: null,
      },
    ]);
  });

  it('sends no views for short abandons when --short-abandon is 0, and one query per 7-day chunk', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    const sent: Array<{ interval: string; views: unknown[] }> = [];
    nock(API)
      .post('/api/v2/analytics/conversations/aggregates/query', (b) => (sent.push(b), true))
      .times(5)
      .reply(200, {}, json);
    const { deps } = testDeps('2026-11-20T10:05:00Z');
    await serviceLevelTable(parseServiceLevelOptions({ threshold: '20', from: '2026-10-01', to: '2026-10-30', tz: 'UTC', quiet: true }), deps);
    expect(sent.map((b) => b.interval).sort()).toEqual([
      '2026-10-01T00:00:00.000Z/2026-10-08T00:00:00.000Z',
      '2026-10-08T00:00:00.000Z/2026-10-15T00:00:00.000Z',
      '2026-10-15T00:00:00.000Z/2026-10-22T00:00:00.000Z',
      '2026-10-22T00:00:00.000Z/2026-10-29T00:00:00.000Z',
      '2026-10-29T00:00:00.000Z/2026-10-31T00:00:00.000Z',
    ]);
    expect(sent[0]!.views).toEqual([{ target: 'tAnswered', name: 'gcxAnsweredWithin20000ms', function: 'rangeBound', range: { lt: 20_001 } }]);
  });

  it('rejects an unknown --queue with a usage error before fetching any data', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get('/api/v2/routing/queues').query(true).reply(200, queueListing([]), json);
    const { deps } = testDeps('2026-11-20T10:05:00Z');
    const run = serviceLevelTable(parseServiceLevelOptions({ threshold: '20', queue: [NOWHERE], since: '1h', quiet: true }), deps);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`--queue: no queue with id "${NOWHERE}"`);
  });
});

describe('service-level from details', () => {
  const answered = (id: string, start: string, answeredAt: string, waitMs: number) =>
    conversation(id, [
      participant('acd', [session({ queueId: SALES, metrics: [metric('nOffered', 1, start)] })]),
      participant('agent', [session({ queueId: SALES, metrics: [metric('tAnswered', waitMs, answeredAt)] })], 'u1'),
    ], start);

  /** An email in SALES: offered at its start, answered by u1 at `answer` after `waitMs` if given (open or not). */
  const email = (id: string, start: string, answer?: { at: string; waitMs: number }) =>
    conversation(id, [
      participant('acd', [session({ mediaType: 'email', queueId: SALES, metrics: [metric('nOffered', 1, start)] })]),
      ...(answer ? [participant('agent', [session({ mediaType: 'email', queueId: SALES, metrics: [metric('tAnswered', answer.waitMs, answer.at)] })], 'u1')] : []),
    ], start);
  const HOUR = 3_600_000;

  const QUERY = '/api/v2/analytics/conversations/details/query';
  type QueryBody = { interval: string; order: string; orderBy: string; conversationFilters: Array<{ predicates: Array<{ operator: string }> }>; paging: { pageNumber: number } };
  /** Which query a body is: `live` or `ended <first day>`, and its page. */
  const queryOf = (b: QueryBody) =>
    `${b.conversationFilters[0]!.predicates[0]!.operator === 'notExists' ? 'live' : `ended ${b.interval.slice(0, 10)}`} p${b.paging.pageNumber}`;
  /** Answers each details query from `replies` by what it is; one request per entry. */
  const answerQueries = (replies: Record<string, object>) => {
    const asked: string[] = [];
    const bodies: QueryBody[] = [];
    nock(API).post(QUERY, (b: QueryBody) => (bodies.push(b), true)).times(Object.keys(replies).length).reply(200, (_uri, b) => {
      asked.push(queryOf(b as QueryBody));
      return replies[queryOf(b as QueryBody)]!;
    }, json);
    return { asked, bodies };
  };
  const ended = (c: ReturnType<typeof answered>, end: string | undefined) => {
    const { conversationEnd: _, ...rest } = c;
    return end === undefined ? rest : { ...rest, conversationEnd: end };
  };

  it('without permission for jobs: every conversation from synchronous queries, newest end first, read until one ended before the window; 30 days of start days', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get(`${JOBS}/availability`).reply(403, { message: 'Missing permission analytics:conversationDetail:view', code: 'missing.permissions', status: 403 }, json);
    const c1 = ended(answered('c1', '2026-11-19T23:59:50.000Z', '2026-11-20T00:00:10.000Z', 20_000), '2026-11-20T00:05:00.000Z');
    const c0 = ended(answered('c0', '2026-11-19T22:00:00.000Z', '2026-11-19T22:00:10.000Z', 10_000), '2026-11-19T23:00:00.000Z');
    // Started 3 days before the window, answered inside it after 71 hours in queue.
    const e3 = ended(email('e3', '2026-11-17T09:00:00.000Z', { at: '2026-11-20T08:00:00.000Z', waitMs: 71 * HOUR }), '2026-11-20T08:30:00.000Z');
    const e0 = ended(email('e0', '2026-11-10T09:00:00.000Z', { at: '2026-11-11T09:00:00.000Z', waitMs: 24 * HOUR }), '2026-11-12T09:00:00.000Z');
    // Arrived inside the window and still waiting now: offered, not answered.
    const open = ended(email('open', '2026-11-20T15:10:00.000Z'), undefined);
    const replies: Record<string, object> = {
      'live p1': { conversations: [open], totalHits: 1 },
      'live p2': { totalHits: 1 },
      // The start days before the day preceding the window: e3, then e0, which ended before the window: stop.
      'ended 2026-10-21 p1': { conversations: [e3, e0], totalHits: 2 },
      'ended 2026-11-19 p1': { conversations: [c1], totalHits: 2 },
      // c1 again (live data shifted the pages), then c0, which ended before the window: nothing older is read.
      'ended 2026-11-19 p2': { conversations: [c1, c0], totalHits: 2 },
      'ended 2026-11-20 p1': { totalHits: 0 },
    };
    const { asked, bodies } = answerQueries(replies);
    nock(API).get('/api/v2/routing/queues').query(true).reply(200, queueListing([SALES]), json);

    const { deps } = testDeps('2026-11-22T10:05:00Z');
    const table = await serviceLevelTable(parseServiceLevelOptions({ source: 'details', from: '2026-11-20', to: '2026-11-20', tz: 'UTC', quiet: true }), deps);

    expect(asked.sort()).toEqual(['ended 2026-10-21 p1', 'ended 2026-11-19 p1', 'ended 2026-11-19 p2', 'ended 2026-11-20 p1', 'live p1', 'live p2']);
    expect(bodies.find((b) => queryOf(b) === 'ended 2026-11-19 p1')).toMatchObject({
      interval: '2026-11-19T00:00:00.000Z/2026-11-20T00:00:00.000Z', order: 'desc', orderBy: 'conversationEnd', paging: { pageSize: 100, pageNumber: 1 },
    });
    expect(bodies.find((b) => queryOf(b) === 'ended 2026-10-21 p1')?.interval).toBe('2026-10-21T00:00:00.000Z/2026-11-19T00:00:00.000Z');
    expect(bodies.find((b) => queryOf(b) === 'live p1')?.interval).toBe('2026-10-21T00:00:00.000Z/2026-11-21T00:00:00.000Z');
    expect([...table.rows].filter((r) => r.answered || r.offered).map((r) => [r.interval_start, r.media_type, r.offered, r.answered, r.answered_within])).toEqual([
      ['2026-11-20T00:00:00+00:00', 'voice', 0, 1, 1], // c1: offered at 23:59:50 the day before, outside the window
      ['2026-11-20T08:00:00+00:00', 'email', 0, 1, 0], // e3: offered 3 days before; answered here, after 71 h
      ['2026-11-20T15:00:00+00:00', 'email', 1, 0, 0], // open: offered, not answered
    ]);
  });

  it('the seam at the datalake availability date A: every conversation counted once, whichever parts return it', async () => {
    // Window 08:00-12:00, A = 10:00, now 12:05. The job owns what ended before A; the synchronous queries the rest.
    const cA = ended(answered('cA', '2026-11-24T23:50:00.000Z', '2026-11-25T08:10:00.000Z', 20_000), '2026-11-25T08:30:00.000Z'); // started the day before
    const cB = ended(answered('cB', '2026-11-25T09:00:00.000Z', '2026-11-25T09:00:15.000Z', 15_000), '2026-11-25T09:40:00.000Z');
    const cC = ended(answered('cC', '2026-11-25T09:50:00.000Z', '2026-11-25T09:50:30.000Z', 30_000), '2026-11-25T10:20:00.000Z'); // ended after A
    const cD = ended(answered('cD', '2026-11-25T11:00:00.000Z', '2026-11-25T11:00:05.000Z', 5_000), undefined); // still live
    const cE = answered('cE', '2026-11-25T10:30:00.000Z', '2026-11-25T10:30:08.000Z', 8_000); // live, then ended 11:30
    const cF = ended(answered('cF', '2026-11-24T10:00:00.000Z', '2026-11-24T10:00:05.000Z', 5_000), '2026-11-24T10:20:00.000Z');
    // Emails that started 3 days before the window and were answered inside it: one ended before A (the job's,
    // found by its overlap), one after A (the query over the older start days).
    const eJ = ended(email('eJ', '2026-11-22T09:00:00.000Z', { at: '2026-11-25T08:20:00.000Z', waitMs: 71 * HOUR + 20 * 60_000 }), '2026-11-25T09:00:00.000Z');
    const eQ = ended(email('eQ', '2026-11-22T10:00:00.000Z', { at: '2026-11-25T11:15:00.000Z', waitMs: 73 * HOUR + 15 * 60_000 }), '2026-11-25T11:40:00.000Z');
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get(`${JOBS}/availability`).reply(200, { dataAvailabilityDate: '2026-11-25T10:00:00.000Z' }, json);
    let jobBody: unknown;
    nock(API).post(JOBS, (b) => ((jobBody = b), true)).reply(202, { jobId: 'job-1' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(200, { state: 'FULFILLED' }, json);
    // The datalake already holds cC (ended after A): the job must leave it to the synchronous part.
    nock(API).get(`${JOBS}/job-1/results`).query({ pageSize: '1000' }).reply(200, { conversations: [eJ, cA, cB, cC] }, json);
    const replies: Record<string, object> = {
      'live p1': { conversations: [ended(cE, undefined), cD] },
      'live p2': {},
      // Newest end first: eJ ended before A, so nothing older is read.
      'ended 2026-10-26 p1': { conversations: [eQ, eJ] },
      // Newest end first: cA ended before A, so cF is never read.
      'ended 2026-11-24 p1': { conversations: [cA, cF] },
      'ended 2026-11-25 p1': { conversations: [ended(cE, '2026-11-25T11:30:00.000Z'), cC, cB] },
    };
    const { asked } = answerQueries(replies);
    nock(API).get('/api/v2/routing/queues').query(true).reply(200, queueListing([SALES]), json);

    const { deps } = testDeps('2026-11-25T12:05:00Z');
    const table = await serviceLevelTable(parseServiceLevelOptions({ source: 'details', from: '2026-11-25T08:00', to: '2026-11-25T12:00', tz: 'UTC', quiet: true }), deps);

    expect(jobBody).toEqual({ order: 'asc', orderBy: 'conversationStart', interval: '2026-11-25T07:59:59.000Z/2026-11-25T10:00:00.000Z' });
    // The live queries finish before the ended ones start (one that ends in between is seen twice, never missed).
    expect(asked.slice(0, 2)).toEqual(['live p1', 'live p2']);
    expect(asked.slice(2).sort()).toEqual(['ended 2026-10-26 p1', 'ended 2026-11-24 p1', 'ended 2026-11-25 p1']);
    expect([...table.rows].filter((r) => r.answered || r.offered).map((r) => [String(r.interval_start).slice(11, 16), r.media_type, r.offered, r.answered, r.answered_within])).toEqual([
      ['08:00', 'email', 0, 1, 0], // eJ (job; offered 3 days before)
      ['08:00', 'voice', 0, 1, 1], // cA (job; offered the day before)
      ['09:00', 'voice', 1, 1, 1], // cB (job)
      ['09:30', 'voice', 1, 1, 0], // cC once (ended query), answered after 30 s
      ['10:30', 'voice', 1, 1, 1], // cE once (live query; the ended query's copy is a repeat)
      ['11:00', 'email', 0, 1, 0], // eQ once (the older start days' query; the job left it: ended after A)
      ['11:00', 'voice', 1, 1, 1], // cD (live query)
    ]);
  });

  it('a window inside the datalake goes to an async job, which fails with the job error message', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get(`${JOBS}/availability`).reply(200, { dataAvailabilityDate: '2026-11-21T00:00:00.000Z' }, json);
    let jobBody: unknown;
    nock(API).post(JOBS, (b) => ((jobBody = b), true)).reply(202, { jobId: 'job-1' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(202, { state: 'QUEUED' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(202, { state: 'PENDING' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(200, { state: 'FAILED', errorMessage: 'query too large' }, json);

    const { deps } = testDeps('2026-11-22T10:05:00Z');
    const run = serviceLevelTable(parseServiceLevelOptions({ threshold: '20', source: 'details', from: '2026-11-01', to: '2026-11-10', tz: 'UTC', quiet: true }), deps);
    await expect(run).rejects.toThrow(ApiError);
    await expect(run).rejects.toThrow(/job job-1 failed: query too large/);
    expect(jobBody).toEqual({ order: 'asc', orderBy: 'conversationStart', interval: '2026-10-31T23:59:59.000Z/2026-11-11T00:00:00.000Z' });
  });
});
