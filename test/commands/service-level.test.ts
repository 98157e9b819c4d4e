import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { parseServiceLevelOptions } from '../../src/commands/options.js';
import { serviceLevelTable } from '../../src/commands/service-level.js';
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
    await serviceLevelTable(parseServiceLevelOptions({ from: '2026-10-01', to: '2026-10-30', tz: 'UTC', quiet: true }), deps);
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
    const run = serviceLevelTable(parseServiceLevelOptions({ queue: [NOWHERE], since: '1h', quiet: true }), deps);
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

  it('queries from one UTC day before the window, pages until the page without conversations, counts each conversation once', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    const bodies: Array<{ interval: string; paging: { pageNumber: number } }> = [];
    const pages = [
      // started yesterday, answered inside the window: counted
      { conversations: [answered('c1', '2026-11-19T23:59:50.000Z', '2026-11-20T00:00:10.000Z', 20_000)], totalHits: 3 },
      // c1 again (live data shifted the pages) and a conversation answered outside the window
      { conversations: [answered('c1', '2026-11-19T23:59:50.000Z', '2026-11-20T00:00:10.000Z', 20_000), answered('c2', '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:30.000Z', 30_000)], totalHits: 3 },
      { totalHits: 3 },
    ];
    nock(API)
      .post('/api/v2/analytics/conversations/details/query', (b) => (bodies.push(b), true))
      .times(3)
      .reply(200, () => pages[bodies.length - 1], json);
    nock(API).get('/api/v2/routing/queues').query(true).reply(200, queueListing([SALES]), json);

    const { deps } = testDeps('2026-11-22T10:05:00Z');
    const table = await serviceLevelTable(parseServiceLevelOptions({ source: 'details', from: '2026-11-20', to: '2026-11-20', tz: 'UTC', quiet: true }), deps);

    expect(bodies.map((b) => [b.interval, b.paging.pageNumber])).toEqual([
      ['2026-11-19T00:00:00.000Z/2026-11-21T00:00:00.000Z', 1],
      ['2026-11-19T00:00:00.000Z/2026-11-21T00:00:00.000Z', 2],
      ['2026-11-19T00:00:00.000Z/2026-11-21T00:00:00.000Z', 3],
    ]);
    expect(bodies[0]).toMatchObject({ order: 'asc', orderBy: 'conversationStart', paging: { pageSize: 100, pageNumber: 1 } });
    expect([...table.rows].map((r) => [r.interval_start, r.offered, r.answered, r.answered_within])).toEqual([
      ['2026-11-20T00:00:00+00:00', 0, 1, 1], // offered at 23:59:50 the day before: outside the window
    ]);
  });

  it('uses an async job for windows over 7 days and fails with the job error message', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get(`${JOBS}/availability`).reply(200, { dataAvailabilityDate: '2026-11-21T00:00:00.000Z' }, json);
    let jobBody: unknown;
    nock(API).post(JOBS, (b) => ((jobBody = b), true)).reply(202, { jobId: 'job-1' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(202, { state: 'QUEUED' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(202, { state: 'PENDING' }, json);
    nock(API).get(`${JOBS}/job-1`).reply(200, { state: 'FAILED', errorMessage: 'query too large' }, json);

    const { deps } = testDeps('2026-11-22T10:05:00Z');
    const run = serviceLevelTable(parseServiceLevelOptions({ source: 'details', from: '2026-11-01', to: '2026-11-10', tz: 'UTC', quiet: true }), deps);
    await expect(run).rejects.toThrow(ApiError);
    await expect(run).rejects.toThrow(/job job-1 failed: query too large/);
    expect(jobBody).toEqual({ order: 'asc', orderBy: 'conversationStart', interval: '2026-11-01T00:00:00.000Z/2026-11-11T00:00:00.000Z' });
  });
});
