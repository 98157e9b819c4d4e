/**
 * Per-queue goals, targets, AHT and roll-ups, hand-worked. The queue below is configured as Genesys stores it:
 * mediaSettings.call.serviceLevel = {percentage: 0.8, durationMs: 20000}, email 24 h / 80 %, and no chat settings.
 */
import { describe, expect, it } from 'vitest';
import { anyTargetMissed, ServiceLevelAccumulator, serviceLevelRows, targetMet } from '../../src/metrics/service-level.js';
import { addServiceLevelAggregates } from '../../src/metrics/service-level-from-aggregates.js';
import { addServiceLevelDetails } from '../../src/metrics/service-level-from-details.js';
import { distinctThresholdsMs, fixedGoal, queueGoals } from '../../src/metrics/service-level-goals.js';
import { answeredWithinView } from '../../src/metrics/service-level-plan.js';
import { at, conversation, halfHourUtc, metric, participant, session } from '../builders.js';
import { serviceLevelCells } from '../../src/output/report-cells.js';

/** The calculator's typed rows as the reports print them (the one formatting step). */
const printedServiceLevel = (acc: Parameters<typeof serviceLevelRows>[0], o: Parameters<typeof serviceLevelRows>[1] & { formatTime: (ms: number) => string }) =>
  [...serviceLevelRows(acc, o)].map((row) => serviceLevelCells(row, o.formatTime));

const Q = 'queue-billing';
const R = 'queue-retention';
const billing = {
  id: Q,
  name: 'Billing',
  mediaSettings: {
    call: { alertingTimeoutSeconds: 8, serviceLevel: { percentage: 0.8, durationMs: 20_000 } },
    email: { alertingTimeoutSeconds: 300, serviceLevel: { percentage: 0.8, durationMs: 86_400_000 } },
  },
};
const retention = { id: R, name: 'Retention', mediaSettings: { call: { serviceLevel: { percentage: 0.9, durationMs: 20_000 } } } };
const fallback = { thresholdMs: 20_000, targetPct: null };
const goals = queueGoals([billing, retention], fallback);

const window = { startMs: at('2026-11-20T09:00:00Z'), endMs: at('2026-11-20T10:00:00Z') };
const rowOptions = {
  formula: 'genesys' as const,
  goalOf: goals,
  queueNames: new Map([[Q, 'Billing'], [R, 'Retention']]),
  ...window,
  bucketEndMs: (ms: number) => ms + 1_800_000,
  formatTime: (ms: number) => new Date(ms).toISOString(),
};
const detailsOptions = { bucketOf: halfHourUtc, ...window, goalOf: goals, shortAbandonMs: 0 };

/** One answered interaction: offered at `offeredAt`, answered `waitMs` later, handled for `handleMs`. */
function answered(id: string, queueId: string, mediaType: string, offeredAt: string, waitMs: number, handleMs?: number) {
  const answerAt = new Date(at(offeredAt) + waitMs).toISOString();
  const agentMetrics = [metric('tAnswered', waitMs, answerAt)];
  if (handleMs !== undefined) agentMetrics.push(metric('tHandle', handleMs, new Date(at(answerAt) + handleMs).toISOString()));
  return conversation(id, [
    participant('acd', [session({ mediaType, queueId, metrics: [metric('nOffered', 1, offeredAt)] })]),
    participant('agent', [session({ mediaType, queueId, metrics: agentMetrics })], `agent-${id}`),
  ]);
}

describe('queue goals', () => {
  it('reads each media type of a queue, and falls back per part where nothing is configured', () => {
    expect(goals(Q, 'voice')).toEqual({ thresholdMs: 20_000, targetPct: 80 });
    expect(goals(Q, 'email')).toEqual({ thresholdMs: 86_400_000, targetPct: 80 });
    expect(goals(Q, 'chat')).toEqual({ thresholdMs: 20_000, targetPct: null });
    expect(goals('deleted-queue', 'voice')).toEqual({ thresholdMs: 20_000, targetPct: null });
    // ServiceLevel's fields are both optional in the real model: a percentage alone keeps the fallback threshold.
    const partial = queueGoals([{ id: 'p', mediaSettings: { chat: { serviceLevel: { percentage: 0.75 } } } }], { thresholdMs: 20_000, targetPct: 85 });
    expect(partial('p', 'chat')).toEqual({ thresholdMs: 20_000, targetPct: 75 });
    expect(partial('p', 'voice')).toEqual({ thresholdMs: 20_000, targetPct: 85 });
  });

  it('0.8 × 100 prints as 80, not 80.00000000000001; 0.955 as 95.5', () => {
    const g = queueGoals([{ id: 'x', mediaSettings: { call: { serviceLevel: { percentage: 0.955, durationMs: 15_000 } } } }], fallback);
    expect(g('x', 'voice')).toEqual({ thresholdMs: 15_000, targetPct: 95.5 });
  });

  it('lists the distinct thresholds a report can need, with the fallback, ascending', () => {
    expect(distinctThresholdsMs([billing, retention], ['voice', 'chat', 'email'], fallback)).toEqual([20_000, 86_400_000]);
    expect(distinctThresholdsMs([billing], ['voice'], { thresholdMs: 30_000, targetPct: null })).toEqual([20_000, 30_000]);
  });
});

describe('per-row thresholds and targets (details)', () => {
  it('measures voice at 20 s and email at 24 h; exactly 20.000 s is within; AHT = tHandle.sum ÷ count', () => {
    const acc = new ServiceLevelAccumulator();
    const conversations = [
      // Voice: waits 5 s, 20.000 s (within: ≤ threshold), 20.001 s and 45 s → 2 of 4 within.
      answered('v1', Q, 'voice', '2026-11-20T09:01:00.000Z', 5_000, 300_000),
      answered('v2', Q, 'voice', '2026-11-20T09:02:00.000Z', 20_000, 200_000),
      answered('v3', Q, 'voice', '2026-11-20T09:03:00.000Z', 20_001),
      answered('v4', Q, 'voice', '2026-11-20T09:04:00.000Z', 45_000),
      // Email: a 24-hour goal; answered after 10 minutes and after 20 minutes → 2 of 2 within.
      answered('e1', Q, 'email', '2026-11-20T09:00:00.000Z', 600_000, 600_000),
      answered('e2', Q, 'email', '2026-11-20T09:05:00.000Z', 1_200_000),
    ];
    for (const c of conversations) addServiceLevelDetails(acc, c, detailsOptions);
    const rows = printedServiceLevel(acc, rowOptions);
    const pick = (r: (typeof rows)[number]) => [r.media_type, r.answered, r.answered_within, r.service_level_pct, r.threshold_s, r.target_pct, r.target_met, r.aht_s];
    expect(rows.map(pick)).toEqual([
      // 2 / 4 = 50 % < 80 % → missed; AHT (300 000 + 200 000) ms / 2 = 250 s.
      ['email', 2, 2, 100, 86_400, 80, true, 600],
      ['voice', 4, 2, 50, 20, 80, false, 250],
    ]);
    expect(anyTargetMissed(serviceLevelRows(acc, rowOptions))).toBe(true);
  });

  it('an answer of 24 h + 1 ms misses the email goal; 24 h exactly is within', () => {
    const acc = new ServiceLevelAccumulator();
    addServiceLevelDetails(acc, answered('e3', Q, 'email', '2026-11-19T09:10:00.000Z', 86_400_000), detailsOptions);
    addServiceLevelDetails(acc, answered('e4', Q, 'email', '2026-11-19T09:11:00.000Z', 86_400_001), detailsOptions);
    const [row] = printedServiceLevel(acc, rowOptions);
    expect([row?.answered, row?.answered_within, row?.service_level_pct, row?.target_met]).toEqual([2, 1, 50, false]);
  });
});

describe('per-row views (aggregates)', () => {
  it('each row takes the count of the view of its own threshold', () => {
    const views = (within20: number, within24h: number) => [
      { name: answeredWithinView(20_000), stats: { count: within20 } },
      { name: answeredWithinView(86_400_000), stats: { count: within24h } },
    ];
    const interval = '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z';
    const acc = new ServiceLevelAccumulator();
    addServiceLevelAggregates(
      acc,
      {
        results: [
          { group: { queueId: Q, mediaType: 'voice' }, data: [{ interval, metrics: [{ metric: 'tAnswered', stats: { count: 4, sum: 90_001 } }, { metric: 'tHandle', stats: { count: 2, sum: 500_000 } }], views: views(2, 4) }] },
          { group: { queueId: Q, mediaType: 'email' }, data: [{ interval, metrics: [{ metric: 'tAnswered', stats: { count: 2, sum: 1_800_000 } }], views: views(0, 2) }] },
        ],
      },
      { bucketOf: halfHourUtc, goalOf: goals, groupBy: ['queueId', 'mediaType'], primary: true },
    );
    const rows = printedServiceLevel(acc, rowOptions);
    expect(rows.map((r) => [r.media_type, r.answered_within, r.service_level_pct, r.threshold_s, r.target_met, r.aht_s])).toEqual([
      ['email', 2, 100, 86_400, true, null],
      ['voice', 2, 50, 20, false, 250],
    ]);
  });

  it('a query that carries only threshold views adds answeredWithin and nothing else', () => {
    const acc = new ServiceLevelAccumulator();
    const interval = '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z';
    const response = {
      results: [{ group: { queueId: Q, mediaType: 'email' }, data: [{ interval, metrics: [{ metric: 'tAnswered', stats: { count: 2, sum: 9 } }], views: [{ name: answeredWithinView(86_400_000), stats: { count: 2 } }] }] }],
    };
    addServiceLevelAggregates(acc, response, { bucketOf: halfHourUtc, goalOf: goals, groupBy: ['queueId', 'mediaType'], primary: false });
    expect([...acc.entries()].map((e) => e.counts)).toEqual([expect.objectContaining({ answered: 0, answeredWithin: 2, handled: 0 })]);
  });
});

describe('roll-ups from summed counts', () => {
  /** Billing voice: 3 of 4 within (75 %, target 80); Retention voice: 9 of 10 within (90 %, target 90). */
  function twoQueues() {
    const acc = new ServiceLevelAccumulator();
    const t = at('2026-11-20T09:00:00Z');
    acc.add({ bucketStartMs: t, queueId: Q, mediaType: 'voice' }, { offered: 4, answered: 4, answeredSumMs: 40_000, answeredWithin: 3, handled: 1, handleSumMs: 100_000 });
    acc.add({ bucketStartMs: t, queueId: R, mediaType: 'voice' }, { offered: 10, answered: 10, answeredSumMs: 60_000, answeredWithin: 9, handled: 3, handleSumMs: 500_000 });
    acc.add({ bucketStartMs: t, queueId: Q, mediaType: 'email' }, { offered: 2, answered: 2, answeredSumMs: 600_000, answeredWithin: 2 });
    return acc;
  }

  it('--by media: queues with different targets mix; target empty, SL 12 ÷ 14 from summed counts, not (75 + 90) ÷ 2', () => {
    const rows = printedServiceLevel(twoQueues(), { ...rowOptions, by: 'media' });
    expect(rows).toEqual([
      expect.objectContaining({ queue_id: null, queue_name: null, media_type: 'email', answered_within: 2, service_level_pct: 100, threshold_s: 86_400, target_pct: 80, target_met: true }),
      expect.objectContaining({
        queue_id: null,
        queue_name: null,
        media_type: 'voice',
        offered: 14,
        answered: 14,
        answered_within: 12,
        service_level_pct: 85.71, // 12 / 14 = 0.857142…
        asa_s: 7.143, // 100 000 ms / 14
        threshold_s: 20, // both queues measure voice at 20 s
        target_pct: null, // 80 and 90: mixed
        target_met: null,
        aht_s: 150, // 600 000 ms / 4
      }),
    ]);
  });

  it('--by queue: one queue mixing 20 s and 24 h leaves threshold_s empty, keeps its shared 80 % target', () => {
    const rows = printedServiceLevel(twoQueues(), { ...rowOptions, by: 'queue' });
    expect(rows.map((r) => [r.queue_name, r.media_type, r.answered_within, r.service_level_pct, r.threshold_s, r.target_pct, r.target_met])).toEqual([
      // Billing: (3 + 2) / (4 + 2) = 83.33 % ≥ 80 → met.
      ['Billing', null, 5, 83.33, null, 80, true],
      ['Retention', null, 9, 90, 20, 90, true],
    ]);
  });

  it('--by queue: handle time of a media type without traffic that interval counts, its goal does not', () => {
    const acc = new ServiceLevelAccumulator();
    const t = at('2026-11-20T09:00:00Z');
    acc.add({ bucketStartMs: t, queueId: Q, mediaType: 'voice' }, { offered: 2, answered: 2, answeredWithin: 2, handled: 1, handleSumMs: 100_000 });
    // An email answered yesterday, wrapped up now: tHandle only, no email traffic in this interval.
    acc.add({ bucketStartMs: t, queueId: Q, mediaType: 'email' }, { handled: 1, handleSumMs: 500_000 });
    const [row, ...rest] = printedServiceLevel(acc, { ...rowOptions, by: 'queue' });
    expect(rest).toEqual([]);
    // AHT (100 000 + 500 000) / 2 = 300 s, as the API's own groupBy queueId gives it; threshold 20 s, not mixed.
    expect(row).toMatchObject({ queue_name: 'Billing', media_type: null, service_level_pct: 100, threshold_s: 20, target_pct: 80, target_met: true, aht_s: 300 });
  });

  it('--by none: one row per interval; thresholds and targets mixed, so both empty', () => {
    const [row, ...rest] = printedServiceLevel(twoQueues(), { ...rowOptions, by: 'none' });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ queue_id: null, media_type: null, offered: 16, answered_within: 14, service_level_pct: 87.5, threshold_s: null, target_pct: null, target_met: null, aht_s: 150 });
  });

  it('a server-side roll-up (no queue in the group) keeps the one goal of a numeric threshold', () => {
    const acc = new ServiceLevelAccumulator();
    acc.add({ bucketStartMs: at('2026-11-20T09:00:00Z'), queueId: '', mediaType: 'voice' }, { offered: 5, answered: 5, answeredWithin: 4 });
    const [row] = printedServiceLevel(acc, { ...rowOptions, goalOf: fixedGoal(15_000, 80), by: 'media' });
    expect(row).toMatchObject({ queue_id: null, queue_name: null, media_type: 'voice', service_level_pct: 80, threshold_s: 15, target_pct: 80, target_met: true });
  });
});

describe('targetMet', () => {
  it('is SL ≥ target as printed, empty when either is missing', () => {
    expect(targetMet(80, 80)).toBe(true);
    expect(targetMet(79.99, 80)).toBe(false);
    expect(targetMet(null, 80)).toBeNull();
    expect(targetMet(50, null)).toBeNull();
  });
});
