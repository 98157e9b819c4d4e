import { describe, expect, it } from 'vitest';
import { ServiceLevelAccumulator, serviceLevelRows, type ServiceLevelFormula } from '../../src/metrics/service-level.js';
import { addServiceLevelAggregates } from '../../src/metrics/service-level-from-aggregates.js';
import { fixedGoal } from '../../src/metrics/service-level-goals.js';
import { answeredWithinView, SHORT_ABANDON_VIEW } from '../../src/metrics/service-level-plan.js';
import { addServiceLevelDetails } from '../../src/metrics/service-level-from-details.js';
import { at, conversation, halfHourUtc, metric, participant, session } from '../builders.js';
import { serviceLevelCells } from '../../src/output/report-cells.js';

/** The calculator's typed rows as the reports print them (the one formatting step). */
const printedServiceLevel = (acc: Parameters<typeof serviceLevelRows>[0], o: Parameters<typeof serviceLevelRows>[1] & { formatTime: (ms: number) => string }) =>
  [...serviceLevelRows(acc, o)].map((row) => serviceLevelCells(row, o.formatTime));

const Q = 'queue-sales';
const formatTime = (ms: number) => new Date(ms).toISOString();
const twentySeconds = fixedGoal(20_000, null);
const baseOptions = {
  goalOf: twentySeconds,
  queueNames: new Map([[Q, 'Sales']]),
  startMs: at('2026-11-20T09:00:00Z'),
  endMs: at('2026-11-20T10:00:00Z'),
  bucketEndMs: (ms: number) => ms + 1_800_000,
  formatTime,
};

/** One 09:00 bucket: offered 10, answered 7 (5 within 20 s), abandoned 2 (1 short), flowout 1, ASA sum 84.5 s. */
function sampleAccumulator() {
  const acc = new ServiceLevelAccumulator();
  acc.add(
    { bucketStartMs: at('2026-11-20T09:00:00Z'), queueId: Q, mediaType: 'voice' },
    { offered: 10, answered: 7, answeredSumMs: 84_500, answeredWithin: 5, abandoned: 2, abandonedShort: 1, flowout: 1 },
  );
  return acc;
}

describe('serviceLevelRows', () => {
  it.each<[ServiceLevelFormula, number]>([
    // genesys: 5 / (7 + 2 − 1) = 62.5 %
    ['genesys', 62.5],
    // answered: 5 / 7 = 71.428… → 71.43 %
    ['answered', 71.43],
    // offered: 5 / (10 − 1) = 55.555… → 55.56 %
    ['offered', 55.56],
  ])('computes the %s formula', (formula, expected) => {
    const [row] = printedServiceLevel(sampleAccumulator(), { ...baseOptions, formula });
    expect(row?.service_level_pct).toBe(expected);
  });

  it('derives ASA and abandon rate from summed counts', () => {
    const [row] = printedServiceLevel(sampleAccumulator(), { ...baseOptions, formula: 'genesys' });
    expect(row).toMatchObject({
      interval_start: '2026-11-20T09:00:00.000Z',
      interval_end: '2026-11-20T09:30:00.000Z',
      queue_name: 'Sales',
      offered: 10,
      answered: 7,
      answered_within: 5,
      abandoned: 2,
      abandoned_short: 1,
      flowout: 1,
      asa_s: 12.071, // 84 500 ms / 7 = 12 071.43 ms
      abandon_rate_pct: 20, // 2 / 10
      threshold_s: 20,
      target_pct: null,
      target_met: null,
      aht_s: null,
    });
  });

  it('leaves SL, ASA and abandon rate empty when their denominators are zero', () => {
    const acc = new ServiceLevelAccumulator();
    acc.add({ bucketStartMs: at('2026-11-20T09:30:00Z'), queueId: Q, mediaType: 'chat' }, { flowout: 1 });
    const [row] = printedServiceLevel(acc, { ...baseOptions, formula: 'genesys' });
    expect(row).toMatchObject({ flowout: 1, service_level_pct: null, asa_s: null, abandon_rate_pct: null });
  });

  it('drops cells with nothing offered, answered, abandoned or flowed out, and cells outside the window', () => {
    const acc = new ServiceLevelAccumulator();
    acc.add({ bucketStartMs: at('2026-11-20T09:00:00Z'), queueId: Q, mediaType: 'voice' }, { answeredSumMs: 0 });
    acc.add({ bucketStartMs: at('2026-11-20T10:00:00Z'), queueId: Q, mediaType: 'voice' }, { offered: 3 });
    expect(printedServiceLevel(acc, { ...baseOptions, formula: 'genesys' })).toEqual([]);
  });

  it('sorts by interval, queue name, queue id, media type', () => {
    const acc = new ServiceLevelAccumulator();
    const t0 = at('2026-11-20T09:00:00Z');
    const t1 = at('2026-11-20T09:30:00Z');
    acc.add({ bucketStartMs: t1, queueId: 'a', mediaType: 'voice' }, { offered: 1 });
    acc.add({ bucketStartMs: t0, queueId: 'z', mediaType: 'voice' }, { offered: 1 });
    acc.add({ bucketStartMs: t0, queueId: 'y', mediaType: 'voice' }, { offered: 1 });
    acc.add({ bucketStartMs: t0, queueId: 'y', mediaType: 'chat' }, { offered: 1 });
    const names = new Map([['z', 'Alpha'], ['y', 'Beta'], ['a', 'Alpha']]);
    const rows = printedServiceLevel(acc, { ...baseOptions, queueNames: names, formula: 'genesys' });
    expect(rows.map((r) => `${String(r.interval_start).slice(11, 16)} ${r.queue_name} ${r.media_type}`)).toEqual([
      '09:00 Alpha voice',
      '09:00 Beta chat',
      '09:00 Beta voice',
      '09:30 Alpha voice',
    ]);
  });
});

describe('addServiceLevelAggregates', () => {
  it('sums counters and views per bucket and treats absent metrics as zero', () => {
    const acc = new ServiceLevelAccumulator();
    addServiceLevelAggregates(
      acc,
      {
        results: [
          {
            group: { queueId: Q, mediaType: 'voice' },
            data: [
              {
                interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z',
                metrics: [
                  { metric: 'nOffered', stats: { count: 4 } },
                  { metric: 'tAnswered', stats: { count: 3, sum: 45_000, max: 25_000, min: 5_000 } },
                ],
                views: [{ name: answeredWithinView(20_000), stats: { count: 2 } }, { name: answeredWithinView(30_000), stats: { count: 3 } }],
              },
              {
                interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z',
                metrics: [{ metric: 'tAbandon', stats: { count: 2, sum: 9_000 } }, { metric: 'tFlowOut', stats: { count: 1, sum: 1 } }],
                views: [{ name: SHORT_ABANDON_VIEW, stats: { count: 1 } }],
              },
            ],
          },
        ],
      },
      { bucketOf: halfHourUtc, goalOf: twentySeconds, groupBy: ['queueId', 'mediaType'], primary: true },
    );
    const rows = printedServiceLevel(acc, { ...baseOptions, formula: 'genesys' });
    expect(rows.map((r) => [r.offered, r.answered, r.answered_within, r.abandoned, r.abandoned_short, r.flowout, r.asa_s])).toEqual([
      [4, 3, 2, 0, 0, 0, 15],
      [0, 0, 0, 2, 1, 1, null],
    ]);
  });
});

describe('addServiceLevelDetails', () => {
  const options = {
    bucketOf: halfHourUtc,
    startMs: at('2026-11-20T09:00:00Z'),
    endMs: at('2026-11-20T10:00:00Z'),
    goalOf: twentySeconds,
    shortAbandonMs: 5_000,
  };

  it('attributes each metric to the bucket of its emitDate; exactly 20.000 s is within 20 s', () => {
    const acc = new ServiceLevelAccumulator();
    const answeredAtBoundary = conversation('c1', [
      participant('acd', [session({ queueId: Q, metrics: [metric('nOffered', 1, '2026-11-20T09:29:40.000Z'), metric('tAcd', 20_000, '2026-11-20T09:30:00.000Z')] })]),
      participant('agent', [session({ queueId: Q, metrics: [metric('tAnswered', 20_000, '2026-11-20T09:30:00.000Z'), metric('tHandle', 300_000, '2026-11-20T09:35:00.000Z')] })], 'agent-1'),
    ]);
    const answeredLate = conversation('c2', [
      participant('acd', [session({ queueId: Q, metrics: [metric('nOffered', 1, '2026-11-20T09:40:00.000Z')] })]),
      participant('agent', [session({ queueId: Q, metrics: [metric('tAnswered', 20_001, '2026-11-20T09:40:20.001Z')] })], 'agent-2'),
    ]);
    const shortAbandon = conversation('c3', [
      participant('acd', [session({ queueId: Q, metrics: [metric('nOffered', 1, '2026-11-20T09:50:00.000Z'), metric('tAbandon', 5_000, '2026-11-20T09:50:05.000Z')] })]),
    ]);
    const outsideWindow = conversation('c4', [
      participant('acd', [session({ queueId: Q, metrics: [metric('nOffered', 1, '2026-11-20T10:00:00.000Z')] })]),
    ]);
    for (const c of [answeredAtBoundary, answeredLate, shortAbandon, outsideWindow]) addServiceLevelDetails(acc, c, options);
    const rows = printedServiceLevel(acc, { ...baseOptions, formula: 'genesys' });
    expect(rows.map((r) => [r.interval_start, r.offered, r.answered, r.answered_within, r.abandoned, r.abandoned_short, r.service_level_pct, r.asa_s])).toEqual([
      ['2026-11-20T09:00:00.000Z', 1, 0, 0, 0, 0, null, null],
      // 09:30 bucket: answered 2 (20 000 within, 20 001 not), abandoned 1 short → genesys 1 / (2 + 1 − 1) = 50 %
      ['2026-11-20T09:30:00.000Z', 2, 2, 1, 1, 1, 50, 20.001],
    ]);
  });

  it('takes queue names from acd participants when asked (a file report has no API to ask)', () => {
    const queueNames = new Map<string, string>();
    const acd = { ...participant('acd', [session({ queueId: Q, metrics: [metric('nOffered', 1, '2026-11-20T09:10:00.000Z')] })]), participantName: 'Sales' };
    const agent = { ...participant('agent', [session({ queueId: Q, metrics: [metric('tAnswered', 5_000, '2026-11-20T09:10:05.000Z')] })], 'u1'), participantName: 'Ann Lee' };
    addServiceLevelDetails(new ServiceLevelAccumulator(), conversation('c6', [agent, acd]), { ...options, queueNames });
    expect([...queueNames]).toEqual([[Q, 'Sales']]);
  });

  it('rejects a record whose metrics are malformed', () => {
    const bad = conversation('c5', [participant('acd', [session({ queueId: Q, metrics: [{ name: 'nOffered', value: '1', emitDate: 'x' } as never] })])]);
    expect(() => addServiceLevelDetails(new ServiceLevelAccumulator(), bad, options)).toThrow(/value that is not a number/);
  });
});

describe('ServiceLevelAccumulator.addAll', () => {
  it('adds every cell of another accumulator to the same cell here, and makes the cells it lacks', () => {
    const nine = at('2026-11-20T09:00:00Z');
    const half = at('2026-11-20T09:30:00Z');
    const acc = sampleAccumulator();
    const part = new ServiceLevelAccumulator();
    part.add({ bucketStartMs: nine, queueId: Q, mediaType: 'voice' }, { offered: 3, answered: 2, answeredSumMs: 1_500, answeredWithin: 1, handled: 2, handleSumMs: 60_000 });
    part.add({ bucketStartMs: half, queueId: Q, mediaType: 'chat' }, { offered: 1 });
    acc.addAll(part);
    const cells = [...acc.entries()].map(({ key, counts }) => [key.bucketStartMs, key.mediaType, counts]);
    expect(cells).toEqual([
      // 10 + 3 offered, 7 + 2 answered, 84.5 s + 1.5 s, 5 + 1 within; the rest from one side only.
      [nine, 'voice', { offered: 13, answered: 9, answeredSumMs: 86_000, answeredWithin: 6, abandoned: 2, abandonedShort: 1, flowout: 1, handled: 2, handleSumMs: 60_000 }],
      [half, 'chat', { offered: 1, answered: 0, answeredSumMs: 0, answeredWithin: 0, abandoned: 0, abandonedShort: 0, flowout: 0, handled: 0, handleSumMs: 0 }],
    ]);
  });
});
