/**
 * The org's Service Level Calculation switches (Admin › Contact Center › Service Level Calculation) mapped onto
 * --formula and --short-abandon, as docs/metric-definitions.md §4.2 tabulates them. Every row below is worked by hand
 * from the help article's formula (help.mypurecloud.com/articles/configure-the-service-level-calculation/):
 *   SL = (answered − answered that miss the target) / ((answered + abandoned) + switches) × 100
 *   switches: + flow-outs (Include Flowouts on), − short abandons (Include Short Abandons off), − abandons (Include Abandons off).
 * The data: one bucket as the aggregates API answers it. A = 8 answered, W = 6 within 20 s, B = 3 abandoned of which
 * S = 1 is short by the org's setting (tShortAbandon), F = 2 flow-outs, offered = A + B + F = 13.
 */
import { describe, expect, it } from 'vitest';
import type { UsableAggregates } from '../../src/api/usable-records.js';
import { ServiceLevelAccumulator, serviceLevelRows, type ServiceLevelFormula, type ShortAbandon } from '../../src/metrics/service-level.js';
import { addServiceLevelAggregates } from '../../src/metrics/service-level-from-aggregates.js';
import { fixedGoal } from '../../src/metrics/service-level-goals.js';
import { answeredWithinView, planViewQueries } from '../../src/metrics/service-level-plan.js';
import { at, halfHourUtc } from '../builders.js';

const Q = 'queue-sales';
const START = at('2026-11-20T09:00:00Z');

/** The response to the plan of `shortAbandon`: tShortAbandon is there only when the plan asked for it. */
function response(shortAbandon: ShortAbandon): UsableAggregates {
  const [query] = planViewQueries([20_000], shortAbandon === 'org' ? 'org' : shortAbandon * 1000);
  const metrics = [
    { metric: 'nOffered', stats: { count: 13 } },
    { metric: 'tAnswered', stats: { count: 8, sum: 120_000 } },
    { metric: 'tAbandon', stats: { count: 3, sum: 70_000 } },
    { metric: 'tFlowOut', stats: { count: 2, sum: 90_000 } },
    { metric: 'tShortAbandon', stats: { count: 1, sum: 4_000 } },
  ].filter((m) => query!.metrics.includes(m.metric));
  return {
    results: [
      {
        group: { queueId: Q, mediaType: 'voice' },
        data: [{ interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z', metrics, views: [{ name: answeredWithinView(20_000), stats: { count: 6 } }] }],
      },
    ],
  };
}

function serviceLevel(formula: ServiceLevelFormula, shortAbandon: ShortAbandon) {
  const acc = new ServiceLevelAccumulator();
  const goalOf = fixedGoal(20_000, null);
  addServiceLevelAggregates(acc, response(shortAbandon), { bucketOf: halfHourUtc, goalOf, groupBy: ['queueId', 'mediaType'], primary: true });
  const [row] = serviceLevelRows(acc, { formula, goalOf, queueNames: new Map(), startMs: START, endMs: START + 1_800_000, bucketEndMs: (ms) => ms + 1_800_000 });
  return { pct: row!.serviceLevelPct, short: row!.counts.abandonedShort };
}

describe("the org's Service Level Calculation switches", () => {
  it.each<[string, ServiceLevelFormula, ShortAbandon, number]>([
    // Include Flowouts / Include Short Abandons / Include Abandons → flags → W ÷ denominator
    ['off/on/on   A + B       = 11', 'genesys', 0, 54.55], // 6 / 11 = 54.5454…
    ['off/off/on  A + B − S   = 10', 'genesys', 'org', 60], // 6 / 10
    ['off/on/off  A           = 8', 'answered', 0, 75], // 6 / 8
    ['off/off/off A (S ⊂ B)   = 8', 'answered', 'org', 75], // short abandons are abandons: nothing more leaves
    ['on/on/on    A + B + F   = 13', 'offered', 0, 46.15], // 6 / 13 = 46.153…
    ['on/off/on   A + B + F − S = 12', 'offered', 'org', 50], // 6 / 12
    ['on/on/off   A + F       = 10', 'answered-flowout', 0, 60], // 6 / 10
    ['on/off/off  A + F       = 10', 'answered-flowout', 'org', 60], // all abandons out already
  ])('%s: --formula %s --short-abandon %s gives %s %%', (_switches, formula, shortAbandon, expected) => {
    expect(serviceLevel(formula, shortAbandon).pct).toBe(expected);
  });

  it("--short-abandon org asks for Genesys's tShortAbandon instead of a rangeBound view, and counts it", () => {
    const [query] = planViewQueries([20_000], 'org');
    expect(query!.metrics).toEqual(['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle', 'tShortAbandon']);
    expect(query!.views.map((v) => v.target)).toEqual(['tAnswered']);
    expect(serviceLevel('genesys', 'org').short).toBe(1);
    // Without org, nothing asks for tShortAbandon: 0 s means no short abandons.
    expect(planViewQueries([20_000], 0)[0]!.metrics).not.toContain('tShortAbandon');
    expect(serviceLevel('genesys', 0).short).toBe(0);
  });
});
