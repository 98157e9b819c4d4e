import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { parseOccupancyOptions } from '../../src/cli/options.js';
import { occupancyTable } from './support.js';
import { UsageError } from '../../src/errors.js';
import { aggregatesResponse, durationMetric, routingStatus } from '../builders.js';
import { API, json, testDeps, token } from './support.js';

const ANN = '0a000000-0000-4000-8000-000000000001';
const BOB = '0b000000-0000-4000-8000-000000000002';
const GROUP = '0c000000-0000-4000-8000-000000000003';

useNockGuard();

function capture(path: string, reply: nock.Body, times = 1) {
  const sent: unknown[] = [];
  nock(API)
    .post(path, (body) => (sent.push(body), true))
    .times(times)
    .reply(200, reply, json);
  return sent;
}

describe('occupancy requests', () => {
  it('sends the real aggregates bodies for --agent --since 1h --tz Europe/Berlin and builds rows from the answers', async () => {
    nock(API).post('/oauth/token', 'grant_type=client_credentials').basicAuth({ user: 'test-client', pass: 'test-secret-value' }).reply(200, token, json);
    // 10:17 UTC = 11:17 Berlin: the last complete hour is 10:00–11:00 local = 09:00–10:00 UTC.
    const conversations = capture(
      '/api/v2/analytics/conversations/aggregates/query',
      aggregatesResponse([
        {
          group: { userId: ANN },
          points: [
            {
              interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z',
              metrics: [durationMetric('tHandle', 2, 900_500), durationMetric('tTalkComplete', 2, 700_000), durationMetric('tAcw', 2, 200_500)],
            },
          ],
        },
      ]),
    );
    const users = capture(
      '/api/v2/analytics/users/aggregates/query',
      aggregatesResponse([
        {
          group: { userId: ANN },
          points: [
            {
              interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z',
              // Ann's status timeline 09:30–10:00 UTC, summed per status as the users aggregates answer:
              //   IDLE 09:30:00–09:35:00 (300 s), NOT_RESPONDING 09:35:00–09:35:45 (45 s), IDLE 09:35:45–09:39:05 (200 s),
              //   INTERACTING 09:39:05–09:55:45 (1 000 s), NOT_RESPONDING 09:55:45–09:56:15 (30 s), OFF_QUEUE to 10:00 (225 s).
              metrics: routingStatus({ INTERACTING: 1000, IDLE: 500, NOT_RESPONDING: 75, OFF_QUEUE: 225 }),
            },
          ],
        },
      ]),
    );
    nock(API)
      .get('/api/v2/users')
      .query({ id: ANN, pageSize: '100', state: 'any' })
      .reply(200, { entities: [{ id: ANN, name: 'Ann Lee' }], pageSize: 100, pageNumber: 1, total: 1, pageCount: 1 }, json);

    const { deps } = testDeps('2026-11-20T10:17:00Z');
    const table = await occupancyTable(parseOccupancyOptions({ agent: [ANN], since: '1h', tz: 'Europe/Berlin', quiet: true }), deps);

    const window = { interval: '2026-11-20T09:00:00.000Z/2026-11-20T10:00:00.000Z', granularity: 'PT30M', timeZone: 'Europe/Berlin' };
    const filter = { type: 'or', predicates: [{ type: 'dimension', dimension: 'userId', operator: 'matches', value: ANN }] };
    expect(conversations).toEqual([{ ...window, groupBy: ['userId'], filter, metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] }]);
    expect(users).toEqual([{ ...window, groupBy: ['userId'], filter, metrics: ['tAgentRoutingStatus'] }]);
    expect([...table.rows]).toEqual([
      {
        interval_start: '2026-11-20T10:00:00+01:00',
        interval_end: '2026-11-20T10:30:00+01:00',
        agent_id: ANN, agent_name: 'Ann Lee',
        handled: 0, handle_s: 0, talk_s: 0, hold_s: 0, acw_s: 0, occupancy_pct: 0,
        on_queue_s: 0, interacting_s: 0, routing_occupancy_pct: null, not_responding_s: 0,
      },
      {
        interval_start: '2026-11-20T10:30:00+01:00',
        interval_end: '2026-11-20T11:00:00+01:00',
        agent_id: ANN, agent_name: 'Ann Lee',
        handled: 2, handle_s: 900.5, talk_s: 700, hold_s: 0, acw_s: 200.5,
        occupancy_pct: 50.03, // 900.5 / 1800 = 50.027…
        on_queue_s: 1500, interacting_s: 1000, // IDLE 300 + 200 and INTERACTING 1 000; NOT_RESPONDING is apart
        routing_occupancy_pct: 66.67, // 1000 / 1500
        not_responding_s: 75, // 45 + 30: Genesys's On Queue is 1 500 + 75
      },
    ]);
  });

  it('resolves --group members, filters by media and sends P1D in the report zone', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API)
      .get(`/api/v2/groups/${GROUP}/members`)
      .query(true)
      .reply(200, { entities: [{ id: ANN, name: 'Ann Lee' }, { id: BOB, name: 'Bob Diaz' }], pageSize: 100, pageNumber: 1, total: 2, pageCount: 1 }, json);
    const conversations = capture('/api/v2/analytics/conversations/aggregates/query', {});
    const users = capture('/api/v2/analytics/users/aggregates/query', {});
    nock(API)
      .get('/api/v2/users')
      .query(true)
      .reply(200, { entities: [{ id: ANN, name: 'Ann Lee' }, { id: BOB, name: 'Bob Diaz' }], pageSize: 100, pageNumber: 1, total: 2, pageCount: 1 }, json);

    const { deps } = testDeps('2026-11-20T10:17:00Z');
    const options = parseOccupancyOptions({ group: [GROUP], media: ['voice'], interval: '1d', from: '2026-11-01', to: '2026-11-01', tz: 'America/New_York', quiet: true });
    const table = await occupancyTable(options, deps);

    // 1 Nov 2026 is the fall-back day in New York: 25 hours, from 04:00Z to 05:00Z the next day.
    const interval = '2026-11-01T04:00:00.000Z/2026-11-02T05:00:00.000Z';
    expect(conversations).toEqual([
      {
        interval, granularity: 'P1D', timeZone: 'America/New_York', groupBy: ['userId'],
        filter: {
          type: 'and',
          clauses: [
            { type: 'or', predicates: [ANN, BOB].map((value) => ({ type: 'dimension', dimension: 'userId', operator: 'matches', value })) },
            { type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }] },
          ],
        },
        metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'],
      },
    ]);
    expect((users[0] as { interval: string }).interval).toBe(interval);
    expect([...table.rows].map((r) => [r.interval_start, r.interval_end, r.agent_name, r.handled])).toEqual([
      ['2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 'Ann Lee', 0],
      ['2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 'Bob Diaz', 0],
    ]);
  });

  it('batches the aggregates at 100 userIds when the org is much larger than the selection (5,000 users for 150)', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `0d000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    nock(API).post('/oauth/token').reply(200, token, json);
    const conversations = capture('/api/v2/analytics/conversations/aggregates/query', {}, 2);
    const users = capture('/api/v2/analytics/users/aggregates/query', {}, 2);
    // The listing's first page (500 users, the org's size) names all 150: no look-up by id.
    const listing = { entities: ids.map((id) => ({ id, name: `Agent ${id.slice(-3)}` })), pageSize: 500, pageNumber: 1, total: 5000, pageCount: 10 };
    nock(API).get('/api/v2/users').query({ pageSize: '500', pageNumber: '1', state: 'any' }).reply(200, listing, json);
    const { deps } = testDeps('2026-11-20T10:17:00Z');
    const table = await occupancyTable(parseOccupancyOptions({ agent: ids, since: '30m', tz: 'UTC', quiet: true }), deps);
    const counts = (bodies: unknown[]) =>
      bodies.map((b) => ((b as { filter: { predicates: unknown[] } }).filter.predicates.length)).sort((a, b) => a - b);
    expect(counts(users)).toEqual([50, 100]);
    expect(counts(conversations)).toEqual([50, 100]);
    const rows = [...table.rows];
    expect(rows).toHaveLength(150);
    expect(rows[0]).toMatchObject({ agent_name: 'Agent 000', handled: 0 });
  });

  it('150 of an org of 160: one unfiltered pair, the other agents\' groups dropped, names from the listing', async () => {
    const ids = Array.from({ length: 160 }, (_, i) => `0d000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const [selected, others] = [ids.slice(0, 150), ids.slice(150)];
    const point = (sum: number) => ({ interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z', metrics: [{ metric: 'tHandle', stats: { count: 1, sum } }] });
    const status = (sum: number) => ({
      interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z',
      metrics: [{ metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum } }],
    });
    nock(API).post('/oauth/token').reply(200, token, json);
    const conversations = capture('/api/v2/analytics/conversations/aggregates/query', {
      results: [{ group: { userId: others[0] }, data: [point(600_000)] }, { group: { userId: selected[7] }, data: [point(90_000)] }, { group: {}, data: [point(1)] }],
    });
    const users = capture('/api/v2/analytics/users/aggregates/query', {
      results: [{ group: { userId: selected[7] }, data: [status(1_800_000)] }, { group: { userId: others[9] }, data: [status(1_800_000)] }],
    });
    const listing = { entities: ids.map((id) => ({ id, name: `Agent ${id.slice(-3)}` })), pageSize: 500, pageNumber: 1, total: 160, pageCount: 1 };
    nock(API).get('/api/v2/users').query({ pageSize: '500', pageNumber: '1', state: 'any' }).reply(200, listing, json);
    const { deps } = testDeps('2026-11-20T10:17:00Z');
    const table = await occupancyTable(parseOccupancyOptions({ agent: selected, since: '30m', tz: 'UTC', quiet: true }), deps);
    const timing = { interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z', granularity: 'PT30M', timeZone: 'UTC', groupBy: ['userId'] };
    expect(conversations).toEqual([{ ...timing, metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] }]);
    expect(users).toEqual([{ ...timing, metrics: ['tAgentRoutingStatus'] }]);
    const rows = [...table.rows];
    expect(rows.map((r) => r.agent_id)).toEqual(selected);
    // 90 s of handle time in 30 min = 5 %; 30 min idle on queue.
    expect(rows[7]).toMatchObject({ agent_name: 'Agent 007', handled: 1, handle_s: 90, occupancy_pct: 5, on_queue_s: 1800 });
    expect(rows.filter((r) => r.handled !== 0 || r.on_queue_s !== 0)).toHaveLength(1);
  });

  it('turns an unknown --group (404) into a usage error', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API)
      .get(`/api/v2/groups/${GROUP}/members`)
      .query(true)
      .reply(404, { message: 'not found', code: 'not.found', status: 404, contextId: 'ctx-1', details: [], errors: [] }, json);
    const { deps } = testDeps('2026-11-20T10:17:00Z');
    const run = occupancyTable(parseOccupancyOptions({ group: [GROUP], since: '1h', quiet: true }), deps);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`--group: no group with id "${GROUP}"`);
  });
});
