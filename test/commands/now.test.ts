import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Deps } from '../../src/deps.js';
import { useNockGuard } from '../nock-guard.js';
import { API, json, testDeps, token } from './support.js';

const BILLING = '5a000000-0000-4000-8000-000000000001';
const OBSERVATIONS = '/api/v2/analytics/queues/observations/query';
const AGGREGATES = '/api/v2/analytics/conversations/aggregates/query';

useNockGuard();

const HEADER =
  'observed_at,queue_id,queue_name,media_type,waiting,longest_wait_s,alerting,interacting,on_queue_agents,idle_agents,not_responding_agents,off_queue_agents,offered_today,answered_today,abandoned_today,service_level_today_pct,threshold_s,target_pct,target_met,alerts';

/** Billing: voice answered within 20 s, target 80 % (mediaSettings.call.serviceLevel, as the Queue model has it). */
function billingListing() {
  nock(API)
    .get('/api/v2/routing/queues')
    .query({ id: BILLING, pageSize: '100' })
    .reply(200, { entities: [{ id: BILLING, name: 'Billing', mediaSettings: { call: { serviceLevel: { percentage: 0.8, durationMs: 20_000 } } } }], pageCount: 1 }, json);
}

/**
 * Three calls waiting since 10:03:10, 10:01:55.4 and 10:04:30 (out of order: the oldest must be found, not the
 * first), two connected; members: 2 IDLE, 2 INTERACTING, 1 NOT_RESPONDING on queue, 3 on break, 4 offline.
 */
const observations = {
  systemToOrganizationMappings: { OFFLINE: ['p-offline'], BREAK: ['p-break'] },
  results: [
    {
      group: { queueId: BILLING, mediaType: 'voice' },
      data: [
        {
          metric: 'oWaiting',
          stats: { count: 3 },
          observations: [
            { observationDate: '2026-11-20T10:03:10.000Z', conversationId: 'c1' },
            { observationDate: '2026-11-20T10:01:55.400Z', conversationId: 'c2' },
            { observationDate: '2026-11-20T10:04:30.000Z', conversationId: 'c3' },
          ],
        },
        { metric: 'oInteracting', stats: { count: 2 } },
      ],
    },
    {
      group: { queueId: BILLING },
      data: [
        { metric: 'oOnQueueUsers', qualifier: 'IDLE', stats: { count: 2 } },
        { metric: 'oOnQueueUsers', qualifier: 'INTERACTING', stats: { count: 2 } },
        { metric: 'oOnQueueUsers', qualifier: 'NOT_RESPONDING', stats: { count: 1 } },
        { metric: 'oOffQueueUsers', qualifier: 'p-break', stats: { count: 3 } },
        { metric: 'oOffQueueUsers', qualifier: 'p-offline', stats: { count: 4 } },
      ],
    },
  ],
};

/** Today: 10 offered, 8 answered (6 within 20 s), 2 abandoned: genesys SL = 6 / (8 + 2) = 60 % < 80 %. */
const today = {
  results: [
    {
      group: { queueId: BILLING, mediaType: 'voice' },
      data: [
        {
          interval: '2026-11-20T00:00:00.000Z/2026-11-20T10:05:00.000Z',
          metrics: [
            { metric: 'nOffered', stats: { count: 10 } },
            { metric: 'tAnswered', stats: { count: 8, sum: 120_000 } },
            { metric: 'tAbandon', stats: { count: 2, sum: 30_000 } },
          ],
          views: [{ name: 'gcxAnsweredWithin20000ms', stats: { count: 6 } }],
        },
      ],
    },
  ],
};

function scriptRefreshes(times: number, sent: { observations: unknown[]; aggregates: unknown[] }) {
  nock(API).post(OBSERVATIONS, (b) => (sent.observations.push(b), true)).times(times).reply(200, observations, json);
  nock(API).post(AGGREGATES, (b) => (sent.aggregates.push(b), true)).times(times).reply(200, today, json);
}

async function cli(args: string[], deps: Deps) {
  return run(['now', ...args], deps);
}

describe('now against scripted API answers', () => {
  it('one refresh: waiting 3, longest wait from the oldest observation date, agents by status, SL today below target → alerts, --check exit 5 after writing', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    billingListing();
    const sent = { observations: [] as unknown[], aggregates: [] as unknown[] };
    scriptRefreshes(1, sent);
    const t = testDeps('2026-11-20T10:05:00Z');
    const code = await cli(['--queue', BILLING, '--tz', 'UTC', '--format', 'csv', '--max-waiting', '2', '--max-wait', '180', '--check', '--quiet'], t.deps);

    expect(t.stderr()).toBe('gcx-metrics: --check: 1 of 1 rows have alerts: Billing voice (sl_below_target;waiting>2;longest_wait>180)\n');
    expect(code).toBe(5);
    // longest_wait_s = 10:05:00 − 10:01:55.4 = 184.6 s → 185; on queue 2 + 2 + 1 = 5; off queue: the 3 on break only.
    expect(t.stdout()).toBe(
      `${HEADER}\n2026-11-20T10:05:00+00:00,${BILLING},Billing,voice,3,185,0,2,5,2,1,3,10,8,2,60,20,80,false,sl_below_target;waiting>2;longest_wait>180\n`,
    );
    expect(sent.observations).toEqual([
      {
        filter: { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: BILLING }] },
        metrics: ['oWaiting', 'oAlerting', 'oInteracting', 'oOnQueueUsers', 'oOffQueueUsers'],
        detailMetrics: ['oWaiting'],
      },
    ]);
    // Today so far: local midnight to the moment of observation, no granularity (one bucket for the span).
    expect(sent.aggregates).toEqual([
      {
        interval: '2026-11-20T00:00:00.000Z/2026-11-20T10:05:00.000Z',
        timeZone: 'UTC',
        groupBy: ['queueId', 'mediaType'],
        filter: { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: BILLING }] },
        metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle'],
        views: [{ target: 'tAnswered', name: 'gcxAnsweredWithin20000ms', function: 'rangeBound', range: { lt: 20_001 } }],
      },
    ]);
  });

  it('"today" starts at local midnight in --tz: New York at 10:05Z is 05:05, so today began at 05:00Z', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    billingListing();
    const sent = { observations: [] as unknown[], aggregates: [] as unknown[] };
    scriptRefreshes(1, sent);
    const t = testDeps('2026-11-20T10:05:00Z');
    expect(await cli(['--queue', BILLING, '--tz', 'America/New_York', '--format', 'json', '--quiet'], t.deps)).toBe(0);
    expect((sent.aggregates[0] as { interval: string }).interval).toBe('2026-11-20T05:00:00.000Z/2026-11-20T10:05:00.000Z');
    const [row] = JSON.parse(t.stdout()) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ observed_at: '2026-11-20T05:05:00-05:00', waiting: 3, longest_wait_s: 185, target_met: false, alerts: 'sl_below_target' });
  });

  it('--watch 5 with CSV on a pipe: two refreshes appended (header once), fake clock and sleep, ended by the abort with exit 0', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    billingListing();
    const sent = { observations: [] as unknown[], aggregates: [] as unknown[] };
    scriptRefreshes(2, sent);
    const t = testDeps('2026-11-20T10:05:00Z');
    let now = Date.parse('2026-11-20T10:05:00Z');
    const sleeps: number[] = [];
    const controller = new AbortController();
    const deps: Deps = {
      ...t.deps,
      signal: controller.signal,
      clock: {
        now: () => now,
        async sleep(ms, signal) {
          sleeps.push(ms);
          now += ms;
          // The signal arrives during the second wait: the loop ends there, as SIGINT would end it.
          if (sleeps.length === 2) controller.abort(new Error('SIGINT'));
          if (signal?.aborted) throw signal.reason;
        },
      },
    };
    const code = await cli(['--queue', BILLING, '--tz', 'UTC', '--watch', '5', '--format', 'csv', '--quiet'], deps);
    expect(t.stderr()).toBe('');
    expect(code).toBe(0);
    // The second refresh is 5 s later: 10:05:05 − 10:01:55.4 = 189.6 s → 190.
    expect(t.stdout()).toBe(
      `${HEADER}\n` +
        `2026-11-20T10:05:00+00:00,${BILLING},Billing,voice,3,185,0,2,5,2,1,3,10,8,2,60,20,80,false,sl_below_target\n` +
        `2026-11-20T10:05:05+00:00,${BILLING},Billing,voice,3,190,0,2,5,2,1,3,10,8,2,60,20,80,false,sl_below_target\n`,
    );
    expect(sleeps).toEqual([5_000, 5_000]);
    // Two requests per refresh, the queue listing once per run.
    expect(sent.observations).toHaveLength(2);
    expect(sent.aggregates.map((b) => (b as { interval: string }).interval)).toEqual([
      '2026-11-20T00:00:00.000Z/2026-11-20T10:05:00.000Z',
      '2026-11-20T00:00:00.000Z/2026-11-20T10:05:05.000Z',
    ]);
  });

  it('a queue with nothing now and nothing today still gets a row with media_type empty, so its agents show', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    billingListing();
    nock(API)
      .post(OBSERVATIONS)
      .reply(200, { results: [{ group: { queueId: BILLING }, data: [{ metric: 'oOnQueueUsers', qualifier: 'IDLE', stats: { count: 4 } }] }] }, json);
    nock(API).post(AGGREGATES).reply(200, {}, json);
    const t = testDeps('2026-11-20T10:05:00Z');
    expect(await cli(['--queue', BILLING, '--tz', 'UTC', '--format', 'csv', '--check', '--quiet'], t.deps)).toBe(0);
    expect(t.stdout()).toBe(`${HEADER}\n2026-11-20T10:05:00+00:00,${BILLING},Billing,,0,,0,0,4,4,0,0,0,0,0,,,,,\n`);
  });
});

describe('now refuses bad input in one line with exit 2, before any request', () => {
  it.each([
    [['--watch', '3'], '--watch: "3" is not a number of seconds from 5 to 86400; e.g. 5 or 30 (seconds between refreshes)'],
    [['--watch', '5', '--check'], '--watch and --check cannot be used together'],
    [['--max-wait', '-1'], '--max-wait: "-1" is not a number of seconds from 0 to 86400; e.g. 120'],
    [['--max-waiting', 'many'], '--max-waiting: "many" is not a count'],
    [['--watch', '5', '--format', 'json'], '--watch with --format json to stdout'],
    [['--watch', '5', '--output', 'feed.csv'], '--watch with --output feed.csv: only an HTML page'],
    [['--threshold', '20', '--check'], '--check has nothing to check'],
  ])('%j', async (args, message) => {
    const t = testDeps('2026-11-20T10:05:00Z');
    expect(await cli([...args, '--tz', 'UTC'], t.deps)).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(t.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('an unknown queue name: exit 2 naming it, after the name lookup and before any observation request', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1', name: 'Nope' }).reply(200, { entities: [], pageCount: 1 }, json);
    nock(API).get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1', name: '*Nope*' }).reply(200, { entities: [], pageCount: 1 }, json);
    // Nothing contains "Nope": the whole listing, for a typo's "did you mean" (nothing near here).
    nock(API).get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1' }).reply(200, { entities: [{ id: BILLING, name: 'Billing' }], pageCount: 1 }, json);
    const t = testDeps('2026-11-20T10:05:00Z');
    expect(await cli(['--queue', 'Nope', '--tz', 'UTC'], t.deps)).toBe(2);
    expect(t.stderr()).toBe('gcx-metrics: --queue: no queue named "Nope" in this org; see gcx-metrics list queues\n');
  });
});
