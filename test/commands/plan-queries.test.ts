import { describe, expect, it } from 'vitest';
import { planOccupancyQueries, planServiceLevelQueries } from '../../src/commands/plan-queries.js';
import { parseInterval } from '../../src/time/duration.js';
import type { Window } from '../../src/time/types.js';

const utc = (iso: string) => Date.parse(iso);
const window = (from: string, to: string, tz = 'UTC'): Window => ({ startMs: utc(from), endMs: utc(to), interval: parseInterval('30m'), tz });
const agent = (i: number) => `0a000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('planOccupancyQueries', () => {
  it('8 days and 150 agents: 2 chunks × 2 batches (100 + 50) × conversations and users = 8 bodies', () => {
    const agents = Array.from({ length: 150 }, (_, i) => agent(i));
    const plan = planOccupancyQueries(window('2026-11-01T00:00:00Z', '2026-11-09T00:00:00Z'), { agentIds: agents, media: ['voice'] });
    expect(plan.map((q) => q.endpoint)).toEqual(['conversations', 'users', 'conversations', 'users', 'conversations', 'users', 'conversations', 'users']);
    expect(plan.map((q) => q.body.interval)).toEqual([
      ...Array(4).fill('2026-11-01T00:00:00.000Z/2026-11-08T00:00:00.000Z'),
      ...Array(4).fill('2026-11-08T00:00:00.000Z/2026-11-09T00:00:00.000Z'),
    ]);
    const first = plan[0]!.body;
    expect(first).toMatchObject({ granularity: 'PT30M', timeZone: 'UTC', groupBy: ['userId'], metrics: ['tHandle', 'tTalk', 'tHeld', 'tAcw'] });
    expect(first.filter).toMatchObject({ type: 'and' });
    const userBatch = (q: (typeof plan)[number]) => (q.endpoint === 'users' ? q.body.filter?.predicates?.map((p) => p.value) : undefined);
    expect(userBatch(plan[1]!)).toHaveLength(100);
    expect(userBatch(plan[3]!)).toEqual(agents.slice(100));
    expect(plan[1]!.body.metrics).toEqual(['tAgentRoutingStatus']);
  });

  it('without a selection: one unfiltered pair per chunk', () => {
    const plan = planOccupancyQueries(window('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z', 'Europe/Berlin'), { agentIds: undefined, media: [] });
    expect(plan).toEqual([
      { endpoint: 'conversations', body: { interval: '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z', granularity: 'PT30M', timeZone: 'Europe/Berlin', groupBy: ['userId'], metrics: ['tHandle', 'tTalk', 'tHeld', 'tAcw'] } },
      { endpoint: 'users', body: { interval: '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z', granularity: 'PT30M', timeZone: 'Europe/Berlin', groupBy: ['userId'], metrics: ['tAgentRoutingStatus'] } },
    ]);
  });
});

describe('planServiceLevelQueries', () => {
  it('30 days: 5 queries (7+7+7+7+2 days); a 20 s threshold is lt 20001 ms; no short-abandon view at 0', () => {
    const plan = planServiceLevelQueries(window('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), {
      queueIds: [], media: [], thresholdsMs: [20_000], shortAbandonMs: 0, groupBy: ['queueId', 'mediaType'],
    });
    expect(plan).toHaveLength(5);
    expect(plan.every((q) => q.primary)).toBe(true);
    expect(plan[4]!.body.interval).toBe('2026-11-29T00:00:00.000Z/2026-12-01T00:00:00.000Z');
    expect(plan[0]!.body.views).toEqual([{ target: 'tAnswered', name: 'gcxAnsweredWithin20000ms', function: 'rangeBound', range: { lt: 20_001 } }]);
    expect(plan[0]!.body.filter).toBeUndefined();
  });
});
