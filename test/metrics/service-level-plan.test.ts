/** The aggregates plan: one rangeBound view per distinct threshold, at most 10 views a query, bodies exactly. */
import { describe, expect, it } from 'vitest';
import { serviceLevelQueries } from '../../src/sources/api/plan-queries.js';
import { MAX_VIEWS_PER_QUERY, planViewQueries, serviceLevelGroupBy } from '../../src/metrics/service-level-plan.js';
import { parseInterval } from '../../src/time/duration.js';

const window = {
  startMs: Date.parse('2026-11-20T05:00:00Z'),
  endMs: Date.parse('2026-11-21T05:00:00Z'),
  interval: parseInterval('30m'),
  tz: 'America/New_York',
};

describe('serviceLevelQueries', () => {
  it('voice 20 s and email 24 h (the 20 s fallback shared): one query, one view per threshold, lt = ms + 1', () => {
    const queries = serviceLevelQueries(window, {
      queueIds: ['785e97bd-d8dc-4db8-b0ba-7d967d81bf5a'],
      media: [],
      thresholdsMs: [86_400_000, 20_000, 20_000],
      shortAbandonMs: 5_000,
      groupBy: ['queueId', 'mediaType'],
    });
    expect(queries).toEqual([
      {
        primary: true,
        body: {
          interval: '2026-11-20T05:00:00.000Z/2026-11-21T05:00:00.000Z',
          granularity: 'PT30M',
          timeZone: 'America/New_York',
          groupBy: ['queueId', 'mediaType'],
          filter: { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: '785e97bd-d8dc-4db8-b0ba-7d967d81bf5a' }] },
          metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle'],
          views: [
            { target: 'tAbandon', name: 'gcxAbandonedShort', function: 'rangeBound', range: { lt: 5_001 } },
            { target: 'tAnswered', name: 'gcxAnsweredWithin20000ms', function: 'rangeBound', range: { lt: 20_001 } },
            { target: 'tAnswered', name: 'gcxAnsweredWithin86400000ms', function: 'rangeBound', range: { lt: 86_400_001 } },
          ],
        },
      },
    ]);
  });

  it('--by media with one threshold: grouped by the API, and only interactions that touched a queue', () => {
    const [only] = serviceLevelQueries(window, { queueIds: [], media: ['voice', 'chat'], thresholdsMs: [15_000], shortAbandonMs: 0, groupBy: serviceLevelGroupBy('media', false) });
    expect(only!.body.groupBy).toEqual(['mediaType']);
    expect(only!.body.filter).toEqual({
      type: 'and',
      clauses: [
        { type: 'or', predicates: [
          { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' },
          { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'chat' },
        ] },
        { type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'exists' }] },
      ],
    });
    expect(only!.body.views).toEqual([{ target: 'tAnswered', name: 'gcxAnsweredWithin15000ms', function: 'rangeBound', range: { lt: 15_001 } }]);
    const [none] = serviceLevelQueries(window, { queueIds: [], media: [], thresholdsMs: [20_000], shortAbandonMs: 0, groupBy: serviceLevelGroupBy('none', false) });
    expect(none!.body.groupBy).toEqual([]);
    expect(none!.body.filter).toEqual({ type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'exists' }] });
  });
});

describe('planViewQueries', () => {
  const thresholds = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * 10_000);
  const shape = (n: number, shortAbandonMs: number) =>
    planViewQueries(thresholds(n), shortAbandonMs).map((q) => [q.primary, q.metrics.length, q.views.length]);

  it('fits 10 thresholds in one query; the short-abandon view counts toward the 10', () => {
    expect(shape(10, 0)).toEqual([[true, 5, 10]]);
    expect(shape(9, 5_000)).toEqual([[true, 5, 10]]);
    expect(shape(10, 5_000)).toEqual([[true, 5, 10], [false, 1, 1]]);
  });

  it('splits only past 10: 25 thresholds with short abandons → 9 + 10 + 6 threshold views', () => {
    const plan = planViewQueries(thresholds(25), 5_000);
    expect(plan.map((q) => q.views.length)).toEqual([10, 10, 6]);
    expect(plan.every((q) => q.views.length <= MAX_VIEWS_PER_QUERY)).toBe(true);
    expect(plan[1]).toEqual({
      primary: false,
      metrics: ['tAnswered'],
      views: thresholds(25).slice(9, 19).map((ms) => ({ target: 'tAnswered', name: `gcxAnsweredWithin${ms}ms`, function: 'rangeBound', range: { lt: ms + 1 } })),
    });
    // Every threshold has exactly one view across the plan.
    expect(plan.flatMap((q) => q.views).filter((v) => v.target === 'tAnswered').map((v) => v.range.lt - 1)).toEqual(thresholds(25));
  });

  it('groups per queue and media whenever goals are per queue', () => {
    expect(serviceLevelGroupBy('none', true)).toEqual(['queueId', 'mediaType']);
    expect(serviceLevelGroupBy('queue', false)).toEqual(['queueId']);
    expect(serviceLevelGroupBy('queue,media', false)).toEqual(['queueId', 'mediaType']);
  });
});
