import { LONG_LIFETIME_DAYS } from '../../../src/sim/data/long-conversations.js';
import { describe, expect, it } from 'vitest';
import { createOrg, generateDay } from '../../../src/sim/data/index.js';
import { aggregateConversations } from '../../../src/sim/engine/index.js';

// One day of a 1,000-agent org: the benchmark size. Checks the result is sane, not how long it took.
describe('generateDay at 1,000 agents', () => {
  const org = createOrg({ seed: 9, agents: 1000 });
  const D = Date.UTC(2026, 10, 18);
  const day = generateDay(org, D);

  it('scales traffic with the org and keeps every agent\'s day tiled', () => {
    expect(day.conversations.length).toBeGreaterThan(25_000);
    expect(day.conversations.length).toBeLessThan(75_000);
    expect(new Set(day.statusSpans.map((s) => s.userId)).size).toBe(1000);
    const total = day.statusSpans.reduce((a, s) => a + (s.endMs - s.startMs), 0);
    expect(total).toBe(1000 * 86_400_000);
  });

  it('balances offered against outcomes across the whole day (multi-day emails resolve within their lifetime)', () => {
    const r = aggregateConversations({
      interval: `${new Date(D).toISOString()}/${new Date(D + LONG_LIFETIME_DAYS * 86_400_000).toISOString()}`,
      metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut'],
    }, day.conversations) as { results: Array<{ data: Array<{ metrics: Array<{ metric: string; stats: { count: number } }> }> }> };
    const c = Object.fromEntries(r.results[0]!.data[0]!.metrics.map((m) => [m.metric, m.stats.count]));
    expect(c.nOffered).toBe(c.tAnswered! + c.tAbandon! + c.tFlowOut!);
  });
});
