import { describe, expect, it } from 'vitest';
import type { UsableQueueObservations } from '../../src/api/queue-observations.js';
import { nowCells } from '../../src/output/report-cells.js';
import { anyAlert, NOW_COLUMNS, nowRows, type NowInput } from '../../src/metrics/now.js';
import { nowRow } from '../output/now-rows.js';
import { emptyCounts, type ServiceLevelCounts } from '../../src/metrics/service-level.js';
import type { GoalOf } from '../../src/metrics/service-level-goals.js';

const AT = Date.UTC(2026, 10, 20, 10, 5, 0);
const iso = (s: string) => Date.parse(s);

/** Billing (q1): three calls waiting, agents in every state; Alpha (q2): nothing at all; q3 is not selected. */
const observations: UsableQueueObservations = {
  offlinePresenceIds: ['p-offline'],
  results: [
    {
      queueId: 'q1',
      mediaType: 'voice',
      metrics: [
        {
          metric: 'oWaiting',
          count: 3,
          observationDatesMs: [iso('2026-11-20T10:03:10.000Z'), iso('2026-11-20T10:01:55.400Z'), iso('2026-11-20T10:04:30.000Z')],
        },
        { metric: 'oAlerting', count: 1, observationDatesMs: [] },
        { metric: 'oInteracting', count: 4, observationDatesMs: [] },
      ],
    },
    { queueId: 'q1', mediaType: 'email', metrics: [{ metric: 'oWaiting', count: 0, observationDatesMs: [] }] },
    {
      queueId: 'q1',
      metrics: [
        { metric: 'oOnQueueUsers', qualifier: 'IDLE', count: 2, observationDatesMs: [] },
        { metric: 'oOnQueueUsers', qualifier: 'INTERACTING', count: 4, observationDatesMs: [] },
        { metric: 'oOnQueueUsers', qualifier: 'NOT_RESPONDING', count: 1, observationDatesMs: [] },
        { metric: 'oOnQueueUsers', qualifier: 'COMMUNICATING', count: 1, observationDatesMs: [] },
        { metric: 'oOffQueueUsers', qualifier: 'p-break', count: 3, observationDatesMs: [] },
        { metric: 'oOffQueueUsers', qualifier: 'p-offline', count: 5, observationDatesMs: [] },
      ],
    },
    { queueId: 'q3', mediaType: 'voice', metrics: [{ metric: 'oWaiting', count: 7, observationDatesMs: [] }] },
  ],
};

const counts = (c: Partial<ServiceLevelCounts>): ServiceLevelCounts => ({ ...emptyCounts(), ...c });
const today = [
  // Voice today in two half-hours: offered 50, answered 40 (30 within), abandoned 10 (2 short).
  { key: { queueId: 'q1', mediaType: 'voice' }, counts: counts({ offered: 20, answered: 15, answeredWithin: 12, abandoned: 5, abandonedShort: 1 }) },
  { key: { queueId: 'q1', mediaType: 'voice' }, counts: counts({ offered: 30, answered: 25, answeredWithin: 18, abandoned: 5, abandonedShort: 1 }) },
  { key: { queueId: 'q1', mediaType: 'chat' }, counts: counts({ offered: 10, answered: 10, answeredWithin: 9 }) },
  { key: { queueId: 'q3', mediaType: 'voice' }, counts: counts({ offered: 99 }) },
];

const goalOf: GoalOf = (_queue, media) => (media === 'chat' ? { thresholdMs: 30_000, targetPct: 70 } : { thresholdMs: 20_000, targetPct: 80 });

const input = (alerts: NowInput['alerts'] = {}): NowInput => ({
  observations,
  today,
  goalOf,
  formula: 'genesys',
  observedAtMs: AT,
  queueIds: ['q1', 'q2'],
  queueNames: new Map([
    ['q1', 'Billing'],
    ['q2', 'Alpha'],
  ]),
  alerts,
});

const agents = { on_queue_agents: 8, idle_agents: 2, not_responding_agents: 1, off_queue_agents: 3 };

describe('nowRows', () => {
  it('one row per queue and media with traffic now or offered today, an empty-media row for a quiet queue, sorted by name', () => {
    const rows = nowRows(input());
    expect(rows.map((r) => [r.queue_name, r.media_type])).toEqual([
      ['Alpha', null],
      ['Billing', 'chat'],
      ['Billing', 'voice'],
    ]);
  });

  it('three waiting calls: waiting 3, longest wait = observed_at − the oldest date (184.6 s → 185)', () => {
    const voice = nowRows(input()).find((r) => r.media_type === 'voice')!;
    expect(voice).toMatchObject({ waiting: 3, longest_wait_s: 185, alerting: 1, interacting: 4, observed_at: AT });
  });

  it('agents: on queue is every routing status, idle and not responding their own, off queue leaves out the offline presence; same on each media row', () => {
    const rows = nowRows(input());
    expect(rows.find((r) => r.media_type === 'voice')).toMatchObject(agents);
    expect(rows.find((r) => r.media_type === 'chat')).toMatchObject(agents);
  });

  it('SL today from the summed buckets: 30 within ÷ (40 + 10 − 2) = 62.5 % < 80 → sl_below_target; chat 90 % ≥ 70 met', () => {
    const rows = nowRows(input());
    const voice = rows.find((r) => r.media_type === 'voice')!;
    expect(voice).toMatchObject({
      offered_today: 50,
      answered_today: 40,
      abandoned_today: 10,
      service_level_today_pct: 62.5,
      threshold_s: 20,
      target_pct: 80,
      target_met: false,
      alerts: ['sl_below_target'],
    });
    const chat = rows.find((r) => r.media_type === 'chat')!;
    expect(chat).toMatchObject({ waiting: 0, longest_wait_s: null, service_level_today_pct: 90, threshold_s: 30, target_pct: 70, target_met: true, alerts: [] });
    expect(anyAlert(rows)).toBe(true);
  });

  it('a selected queue with no traffic: one row, media empty, zeros, no goal, no alert', () => {
    const alpha = nowRows(input({ maxWaiting: 0, maxWaitS: 0 }))[0]!;
    // Every count 0, no wait, no SL, no goal (nowRow's defaults but the goal) and no alert.
    const expected = nowRow({ observed_at: AT, queue_id: 'q2', queue_name: 'Alpha', media_type: null, threshold_s: null, target_pct: null });
    expect(alpha).toEqual(expected);
  });

  it('waiting>N and longest_wait>S are strict, and come after sl_below_target', () => {
    const voice = (alerts: NowInput['alerts']) => nowRows(input(alerts)).find((r) => r.media_type === 'voice')!.alerts;
    expect(voice({ maxWaiting: 3, maxWaitS: 185 })).toEqual(['sl_below_target']);
    expect(voice({ maxWaiting: 2, maxWaitS: 184 })).toEqual(['sl_below_target', 'waiting>2', 'longest_wait>184']);
  });

  it('user metrics reported only per media type are not added up across media', () => {
    const perMedia: UsableQueueObservations = {
      offlinePresenceIds: [],
      results: ['voice', 'chat'].map((mediaType) => ({
        queueId: 'q1',
        mediaType,
        metrics: [
          { metric: 'oInteracting', count: 1, observationDatesMs: [] },
          { metric: 'oOnQueueUsers', qualifier: 'IDLE', count: 2, observationDatesMs: [] },
        ],
      })),
    };
    const rows = nowRows({ ...input(), observations: perMedia, today: [], queueIds: ['q1'] });
    expect(rows.map((r) => [r.media_type, r.on_queue_agents, r.idle_agents])).toEqual([
      ['chat', 2, 2],
      ['voice', 2, 2],
    ]);
  });
});

describe('nowCells', () => {
  it('has every contract column; observed_at formatted, alerts joined with ; and empty when none', () => {
    const [alpha, , voice] = nowRows(input({ maxWaiting: 2 }));
    const cells = nowCells(voice!, (ms) => `t${ms}`);
    expect(Object.keys(cells).sort()).toEqual([...NOW_COLUMNS].sort());
    expect(cells.observed_at).toBe(`t${AT}`);
    expect(cells.alerts).toBe('sl_below_target;waiting>2');
    expect(nowCells(alpha!, String).alerts).toBeNull();
  });
});
