import { describe, expect, it } from 'vitest';
import { chooseAgentFiltering, planOccupancyQueries, planServiceLevelQueries } from '../../src/sources/api/plan-queries.js';
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
    expect(first).toMatchObject({ granularity: 'PT30M', timeZone: 'UTC', groupBy: ['userId'], metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] });
    expect(first.filter).toMatchObject({ type: 'and' });
    const userBatch = (q: (typeof plan)[number]) => (q.endpoint === 'users' ? q.body.filter?.predicates?.map((p) => p.value) : undefined);
    expect(userBatch(plan[1]!)).toHaveLength(100);
    expect(userBatch(plan[3]!)).toEqual(agents.slice(100));
    expect(plan[1]!.body.metrics).toEqual(['tAgentRoutingStatus']);
  });

  it('without a selection: one unfiltered pair per chunk', () => {
    const plan = planOccupancyQueries(window('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z', 'Europe/Berlin'), { agentIds: undefined, media: [] });
    expect(plan).toEqual([
      { endpoint: 'conversations', body: { interval: '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z', granularity: 'PT30M', timeZone: 'Europe/Berlin', groupBy: ['userId'], metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] } },
      { endpoint: 'users', body: { interval: '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z', granularity: 'PT30M', timeZone: 'Europe/Berlin', groupBy: ['userId'], metrics: ['tAgentRoutingStatus'] } },
    ]);
  });
});

describe('chooseAgentFiltering', () => {
  it.each([
    [100, 100, 'server', 'one batch: filtered costs no more requests and answers less'],
    [100, undefined, 'server', 'one batch, org size unknown'],
    [101, undefined, 'server', 'an org of unknown size could answer anything'],
    [101, 202, 'local', 'two batches, org at most twice the selection'],
    [101, 203, 'server', 'org more than twice the selection'],
    [1000, 1000, 'local', 'the whole org'],
    [1000, 2000, 'local', 'half the org'],
    [150, 100_000, 'server', 'a small selection in a big org'],
  ] as const)('%i selected of %s users: %s (%s)', (selected, orgUsers, expected, _why) => {
    expect(chooseAgentFiltering(selected, orgUsers)).toBe(expected);
  });
});

describe("planOccupancyQueries for --interval total ('whole')", () => {
  it('8 days across a DST change: one pair per ≤ 7-day chunk, none with a granularity (one bucket each, summed by the API)', () => {
    // Europe/London falls back on 2026-10-25: chunks are 7 × 24 h of instants, so the second starts at 23:00 local.
    const plan = planOccupancyQueries(window('2026-10-19T23:00:00Z', '2026-10-28T00:00:00Z', 'Europe/London'), { agentIds: undefined, media: [] }, 'whole');
    expect(plan.map((q) => [q.endpoint, q.body.interval, 'granularity' in q.body, q.body.timeZone])).toEqual([
      ['conversations', '2026-10-19T23:00:00.000Z/2026-10-26T23:00:00.000Z', false, 'Europe/London'],
      ['users', '2026-10-19T23:00:00.000Z/2026-10-26T23:00:00.000Z', false, 'Europe/London'],
      ['conversations', '2026-10-26T23:00:00.000Z/2026-10-28T00:00:00.000Z', false, 'Europe/London'],
      ['users', '2026-10-26T23:00:00.000Z/2026-10-28T00:00:00.000Z', false, 'Europe/London'],
    ]);
  });
});

describe('planOccupancyQueries with local filtering', () => {
  it('1,000 agents over 7 days: one unfiltered pair (2 bodies instead of 20); 8 days: two pairs', () => {
    const agents = Array.from({ length: 1000 }, (_, i) => agent(i));
    const week = planOccupancyQueries(window('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'), { agentIds: agents, media: [], filtering: 'local' });
    const timing = { interval: '2026-11-01T00:00:00.000Z/2026-11-08T00:00:00.000Z', granularity: 'PT30M', timeZone: 'UTC', groupBy: ['userId'] };
    expect(week).toEqual([
      { endpoint: 'conversations', body: { ...timing, metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] } },
      { endpoint: 'users', body: { ...timing, metrics: ['tAgentRoutingStatus'] } },
    ]);
    const server = planOccupancyQueries(window('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'), { agentIds: agents, media: [], filtering: 'server' });
    expect(server).toHaveLength(20);
    const eight = planOccupancyQueries(window('2026-11-01T00:00:00Z', '2026-11-09T00:00:00Z'), { agentIds: agents, media: [], filtering: 'local' });
    expect(eight.map((q) => [q.endpoint, q.body.interval, q.body.filter])).toEqual([
      ['conversations', '2026-11-01T00:00:00.000Z/2026-11-08T00:00:00.000Z', undefined],
      ['users', '2026-11-01T00:00:00.000Z/2026-11-08T00:00:00.000Z', undefined],
      ['conversations', '2026-11-08T00:00:00.000Z/2026-11-09T00:00:00.000Z', undefined],
      ['users', '2026-11-08T00:00:00.000Z/2026-11-09T00:00:00.000Z', undefined],
    ]);
  });

  it('keeps the media filter on the conversations query (the users aggregates have no media dimension)', () => {
    const agents = Array.from({ length: 300 }, (_, i) => agent(i));
    const [conversations, users] = planOccupancyQueries(window('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'), { agentIds: agents, media: ['voice', 'chat'], filtering: 'local' });
    expect(conversations!.body.filter).toEqual({
      type: 'or',
      predicates: [
        { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' },
        { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'chat' },
      ],
    });
    expect(users!.body.filter).toBeUndefined();
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
