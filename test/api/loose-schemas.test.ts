import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { iterateConversationDetails, queryConversationAggregates, runConversationDetailsJob } from '../../src/api/analytics.js';
import { getQueuesByIds, getUsersByIds, listQueueMembers } from '../../src/api/directory.js';
import { createApiClient } from '../../src/api/http.js';
import { ApiError } from '../../src/errors.js';
import { ServiceLevelAccumulator } from '../../src/metrics/service-level.js';
import { addServiceLevelDetails } from '../../src/metrics/service-level-from-details.js';
import { Skipped } from '../../src/skipped.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

/**
 * Genesys's own models (platform-client-sdk build/docs: QueueMember, ServiceLevel, QueueMediaSettings,
 * AsyncQueryStatus, AggregationRange, StatisticalResponse, AggregateMetricData, AggregateViewData,
 * ConversationAggregateDataContainer, AnalyticsConversationWithoutAttributes, AnalyticsParticipant,
 * AnalyticsSession, AnalyticsConversationSegment, AnalyticsSessionMetric) mark nearly every field optional. A body
 * that leaves one out, or sends null, is still the API's: it must never fail a report. What a computation needs
 * and does not get is skipped and counted.
 */

const API = 'https://api.test.example';
const json = { 'Content-Type': 'application/json' };
const JOBS = '/api/v2/analytics/conversations/details/jobs';
useNockGuard();

const client = () => createApiClient({ apiUrl: API, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger, random: () => 0 });

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of gen) all.push(...page);
  return all;
}

describe('queues and members as the models allow them', () => {
  it('a queue without service-level settings, with null fields, or without an id does not fail the name look-up', async () => {
    nock(API)
      .get('/api/v2/routing/queues').query(true)
      .reply(200, {
        entities: [
          { id: 'q1', name: 'Sales', mediaSettings: { call: { serviceLevel: { percentage: 0.8 } }, chat: {} } },
          { id: 'q2', name: null, mediaSettings: null },
          { id: 'q3', name: 'Email', mediaSettings: { email: { serviceLevel: null }, message: null } },
          { name: 'no id' },
        ],
        pageCount: null,
      }, json);
    const skipped = new Skipped();
    const queues = await getQueuesByIds(client(), ['q1', 'q2', 'q3'], skipped);
    expect([...queues.keys()]).toEqual(['q1', 'q2', 'q3']);
    expect(queues.get('q1')!.mediaSettings!.call!.serviceLevel).toEqual({ percentage: 0.8 });
    expect(queues.get('q2')!.name).toBeUndefined();
    expect(skipped.lines()).toEqual(['1 queue entry without an id or with a mistyped field skipped']);
  });

  it('a user without an id is skipped and counted; a null name is no name', async () => {
    nock(API).get('/api/v2/users').query(true).reply(200, { entities: [{ id: 'u1', name: null }, { name: 'Ghost' }, { id: 'u2', name: 'Bo' }] }, json);
    const skipped = new Skipped();
    const names = await getUsersByIds(client(), ['u1', 'u2'], skipped);
    expect([...names]).toEqual([['u1', ''], ['u2', 'Bo']]);
    expect(skipped.lines()).toEqual(['1 user entry without an id or with a mistyped field skipped']);
  });

  it('a queue member is its user: user.id when present, else id; one with neither is skipped and counted', async () => {
    nock(API)
      .get('/api/v2/routing/queues/q1/members').query(true)
      .reply(200, {
        entities: [
          { id: 'u1', name: 'Ann', user: { id: 'u1', name: 'Ann' } },
          { user: { id: 'u2' } },
          { id: 'u3', user: null },
          { name: 'nobody', joined: true },
        ],
      }, json);
    const skipped = new Skipped();
    const members = await listQueueMembers(client(), 'q1', skipped);
    expect(members.map((m) => m.id)).toEqual(['u1', 'u2', 'u3']);
    expect(skipped.lines()).toEqual(['1 queue member without a user id skipped']);
  });
});

describe('aggregates as the models allow them', () => {
  it('points without an interval and metrics or views without a name or stats are skipped and counted; null is absent', async () => {
    nock(API)
      .post('/api/v2/analytics/conversations/aggregates/query')
      .reply(200, {
        results: [
          { group: { queueId: 'q1', mediaType: 'screenmonitoring', wrapUpCode: null },
            data: [
              { interval: '2026-11-20T10:00:00.000Z/2026-11-20T10:30:00.000Z',
                metrics: [{ metric: 'nOffered', stats: { count: 3, sum: null } }, { metric: 'tAnswered' }, { stats: { count: 1 } }],
                views: [{ name: 'gcxAnsweredWithin', stats: { count: 2 } }, { stats: { count: 9 } }] },
              { metrics: [{ metric: 'nOffered', stats: { count: 5 } }] },
              { interval: '2026-11-20T10:30:00.000Z/2026-11-20T11:00:00.000Z', metrics: null, views: null },
            ] },
          { data: null },
        ],
      }, json);
    const skipped = new Skipped();
    const body = { interval: '2026-11-20T10:00:00.000Z/2026-11-20T11:00:00.000Z', metrics: ['nOffered' as const] };
    const response = await queryConversationAggregates(client(), body, skipped);
    expect(response.results).toEqual([
      {
        group: { queueId: 'q1', mediaType: 'screenmonitoring' },
        data: [
          { interval: '2026-11-20T10:00:00.000Z/2026-11-20T10:30:00.000Z', startMs: Date.UTC(2026, 10, 20, 10), metrics: [{ metric: 'nOffered', qualifier: undefined, stats: { count: 3, sum: undefined } }], views: [{ name: 'gcxAnsweredWithin', stats: { count: 2 } }] },
          { interval: '2026-11-20T10:30:00.000Z/2026-11-20T11:00:00.000Z', startMs: Date.UTC(2026, 10, 20, 10, 30), metrics: [], views: [] },
        ],
      },
      { group: {}, data: [] },
    ]);
    expect(skipped.lines()).toEqual([
      '2 aggregate metrics without metric or stats skipped',
      '1 aggregate view without name or stats skipped',
      '1 aggregate data point without interval skipped',
    ]);
  });

  it('a field of the wrong type is still a body that does not match the API (exit 4, naming the field)', async () => {
    nock(API).post('/api/v2/analytics/conversations/aggregates/query').reply(200, { results: [{ data: [{ interval: 42 }] }] }, json);
    const err = (await queryConversationAggregates(client(), { interval: 'x', metrics: ['nOffered'] }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/results\[0\]\.data\[0\]\.interval/);
  });
});

/** A details record with only what the service-level calculation reads. */
const sparse = (id: string | undefined, start: string | undefined, metrics: Array<Record<string, unknown>>) => ({
  ...(id !== undefined ? { conversationId: id } : {}),
  ...(start !== undefined ? { conversationStart: start } : {}),
  participants: [{ sessions: [{ mediaType: 'voice', segments: [{ queueId: 'q1' }], metrics }] }],
});

describe('conversation details as the models allow them', () => {
  const offered = { name: 'nOffered', value: 1, emitDate: '2026-11-20T10:05:00.000Z' };

  it('records without participantId, purpose, sessionId, segmentType or segmentStart are read; those without conversationId or conversationStart are skipped and counted', async () => {
    nock(API)
      .post('/api/v2/analytics/conversations/details/query')
      .reply(200, {
        conversations: [
          sparse('c1', '2026-11-20T10:00:00.000Z', [offered]),
          sparse(undefined, '2026-11-20T10:00:00.000Z', [offered]),
          sparse('c3', undefined, [offered]),
          { conversationId: 'c4', conversationStart: '2026-11-20T10:01:00.000Z', participants: null },
        ],
      }, json)
      .post('/api/v2/analytics/conversations/details/query')
      .reply(200, {}, json);
    const skipped = new Skipped();
    const conversations = await collect(iterateConversationDetails(client(), { interval: 'x' }, { skipped }));
    expect(conversations.map((c) => c.conversationId)).toEqual(['c1', 'c4']);
    expect(skipped.lines()).toEqual(['1 conversation without conversationId skipped', '1 conversation without conversationStart skipped']);
  });

  it('records are not schema-parsed whole, but a mistyped field that places one is still a body that does not match the API', async () => {
    nock(API)
      .post('/api/v2/analytics/conversations/details/query')
      .reply(200, { conversations: [sparse('c1', '2026-11-20T10:00:00.000Z', [offered]), { conversationId: 'c2', conversationStart: 42 }] }, json);
    const err = (await collect(iterateConversationDetails(client(), { interval: 'x' })).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe(
      'POST /api/v2/analytics/conversations/details/query response does not match the API schema at conversations[1].conversationStart: expected an ISO-8601 date-time, got 42',
    );
  });

  it('a job status without state is polled again, not a failure', async () => {
    const clock = fakeClock();
    const c = createApiClient({ apiUrl: API, tokens: stubTokens(), clock, logger: collectingLogger().logger, random: () => 0 });
    nock(API)
      .post(JOBS).reply(202, { jobId: 'j' }, json)
      .get(`${JOBS}/j`).reply(200, {}, json)
      .get(`${JOBS}/j`).reply(200, { state: null }, json)
      .get(`${JOBS}/j`).reply(200, { state: 'FULFILLED' }, json)
      .get(`${JOBS}/j/results`).query(true).reply(200, { conversations: [sparse('c1', undefined, [offered]), sparse(undefined, undefined, [])] }, json);
    const skipped = new Skipped();
    const got = await collect(runConversationDetailsJob(c, { interval: 'x' }, { clock, skipped }));
    expect(got.map((x) => x.conversationId)).toEqual(['c1']);
    expect(clock.sleeps).toHaveLength(3);
    expect(skipped.lines()).toEqual(['1 conversation without conversationId skipped']);
  });

  it('a wanted metric without a value or emitDate (absent or null) is skipped and counted; the rest still count', () => {
    const acc = new ServiceLevelAccumulator();
    const skipped = new Skipped();
    const goalOf = () => ({ thresholdMs: 20_000, targetPct: null });
    const options = { bucketOf: (ms: number) => ms - (ms % 1_800_000), startMs: 0, endMs: Infinity, goalOf, shortAbandonMs: 0, skipped };
    const record = sparse('c1', '2026-11-20T10:00:00.000Z', [
      offered,
      { name: 'tAnswered', value: 12_000 },
      { name: 'tAnswered', value: 15_000, emitDate: null },
      { name: 'tAbandon', emitDate: '2026-11-20T10:06:00.000Z' },
      { name: 'tTalk' }, // not a service-level metric: not needed, not counted
      { emitDate: '2026-11-20T10:06:00.000Z' },
    ]);
    addServiceLevelDetails(acc, record, options);
    addServiceLevelDetails(acc, record, options);
    const cells = [...acc.entries()];
    expect(cells).toHaveLength(1);
    expect(cells[0]!.counts).toMatchObject({ offered: 2, answered: 0, abandoned: 0 });
    expect(skipped.lines()).toEqual(['4 session metrics without emitDate skipped', '2 session metrics without a value skipped']);
  });
});
