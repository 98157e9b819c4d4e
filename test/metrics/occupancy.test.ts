import { describe, expect, it } from 'vitest';
import { OccupancyAccumulator, occupancyRows } from '../../src/metrics/occupancy.js';
import { addAgentConversationAggregates, addRoutingStatusAggregates } from '../../src/metrics/occupancy-from-aggregates.js';
import { addOccupancyDetails } from '../../src/metrics/occupancy-from-details.js';
import { at, conversation, halfHourUtc, metric, participant, session } from '../builders.js';
import { occupancyCells } from '../../src/output/report-cells.js';

/** The calculator's typed rows as the reports print them (the one formatting step). */
const printedOccupancy = (acc: Parameters<typeof occupancyRows>[0], o: Parameters<typeof occupancyRows>[1] & { formatTime: (ms: number) => string }) =>
  [...occupancyRows(acc, o)].map((row) => occupancyCells(row, o.formatTime));

const grid = [
  { startMs: at('2026-11-20T09:00:00Z'), endMs: at('2026-11-20T09:30:00Z') },
  { startMs: at('2026-11-20T09:30:00Z'), endMs: at('2026-11-20T10:00:00Z') },
];
const formatTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
const names = new Map([['u-ann', 'Ann Lee'], ['u-bob', 'Bob Diaz']]);

describe('occupancy from aggregates', () => {
  const acc = new OccupancyAccumulator();
  addAgentConversationAggregates(
    acc,
    {
      results: [
        {
          group: { userId: 'u-bob' },
          data: [
            {
              interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z',
              // tAcw missing from this bucket: absent means zero. The per-segment tTalk/tHeld are not what the
              // Genesys views call Talk and Hold (docs/metric-definitions.md §4.3): they must be ignored.
              metrics: [
                { metric: 'tHandle', stats: { count: 3, sum: 1_350_000, max: 600_000, min: 300_000 } },
                { metric: 'tTalkComplete', stats: { count: 3, sum: 1_200_500, max: 1, min: 1 } },
                { metric: 'tHeldComplete', stats: { count: 1, sum: 149_500, max: 1, min: 1 } },
                { metric: 'tTalk', stats: { count: 5, sum: 999_000, max: 1, min: 1 } },
                { metric: 'tHeld', stats: { count: 2, sum: 77_000, max: 1, min: 1 } },
              ],
            },
          ],
        },
      ],
    },
    halfHourUtc,
  );
  addRoutingStatusAggregates(
    acc,
    {
      results: [
        {
          group: { userId: 'u-bob' },
          data: [
            {
              interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z',
              metrics: [
                { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 1_200_000 } },
                { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 300_000 } },
                { metric: 'tAgentRoutingStatus', qualifier: 'COMMUNICATING', stats: { sum: 100_000 } },
                { metric: 'tAgentRoutingStatus', qualifier: 'NOT_RESPONDING', stats: { sum: 20_000 } },
                { metric: 'tAgentRoutingStatus', qualifier: 'OFF_QUEUE', stats: { sum: 180_000 } },
              ],
            },
          ],
        },
        {
          // routing status but no conversations
          group: { userId: 'u-ann' },
          data: [{ interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z', metrics: [{ metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 1_800_000 } }] }],
        },
      ],
    },
    halfHourUtc,
  );
  const rows = [...printedOccupancy(acc, { grid, agentIds: acc.activeAgents(grid[0]!.startMs, grid[1]!.endMs), agentNames: names, formatTime })];

  it('gives every active agent a row per interval, sorted by interval then name', () => {
    expect(rows.map((r) => `${r.interval_start} ${r.agent_name}`)).toEqual([
      '2026-11-20T09:00:00+00:00 Ann Lee',
      '2026-11-20T09:00:00+00:00 Bob Diaz',
      '2026-11-20T09:30:00+00:00 Ann Lee',
      '2026-11-20T09:30:00+00:00 Bob Diaz',
    ]);
  });

  it('computes both occupancy definitions from hand-worked sums', () => {
    expect(rows[1]).toEqual({
      interval_start: '2026-11-20T09:00:00+00:00',
      interval_end: '2026-11-20T09:30:00+00:00',
      agent_id: 'u-bob',
      agent_name: 'Bob Diaz',
      handled: 3,
      handle_s: 1350,
      talk_s: 1200.5,
      hold_s: 149.5,
      acw_s: 0,
      occupancy_pct: 75, // 1 350 s / 1 800 s
      on_queue_s: 1600, // IDLE 300 + INTERACTING 1 200 + COMMUNICATING 100; NOT_RESPONDING and OFF_QUEUE excluded
      interacting_s: 1200,
      routing_occupancy_pct: 75, // 1 200 / 1 600
      not_responding_s: 20, // NOT_RESPONDING: Genesys's On Queue would be 1 600 + 20
    });
  });

  it('leaves routing occupancy empty without on-queue time, and zero-fills quiet intervals', () => {
    expect(rows[0]).toMatchObject({ agent_id: 'u-ann', handled: 0, handle_s: 0, on_queue_s: 0, routing_occupancy_pct: null, occupancy_pct: 0 });
    expect(rows[2]).toMatchObject({ agent_id: 'u-ann', on_queue_s: 1800, interacting_s: 0, routing_occupancy_pct: 0 });
  });

  it('lets handle time emitted in one interval pass 100 % occupancy', () => {
    const big = new OccupancyAccumulator();
    big.add('u-bob', grid[0]!.startMs, { handled: 1, handleMs: 2_700_000 }); // a 45-minute call wrapped at 09:20
    const [row] = printedOccupancy(big, { grid: [grid[0]!], agentIds: ['u-bob'], agentNames: names, formatTime });
    expect(row?.occupancy_pct).toBe(150);
  });
});

describe('occupancy from details', () => {
  it('attributes agent metrics by emitDate, talk and hold from the per-interaction totals, and ignores other participants', () => {
    const acc = new OccupancyAccumulator();
    const c = conversation('c1', [
      participant('customer', [session({ metrics: [metric('tTalkComplete', 99_000, '2026-11-20T09:10:00.000Z')] })]),
      participant('agent', [session({ queueId: 'q', metrics: [
        // Per segment (not read): talk 240 s, hold 30 s, talk 60 s, all before 09:30.
        metric('tTalk', 240_000, '2026-11-20T09:25:00.000Z'),
        metric('tHeld', 30_000, '2026-11-20T09:27:00.000Z'),
        metric('tTalk', 60_000, '2026-11-20T09:30:00.000Z'),
        // The interaction's totals, emitted when talk completes at 09:30: they count in the 09:30 interval.
        metric('tTalkComplete', 300_000, '2026-11-20T09:30:00.000Z'),
        metric('tHeldComplete', 30_000, '2026-11-20T09:30:00.000Z'),
        metric('tAcw', 45_000, '2026-11-20T09:30:45.000Z'),
        metric('tHandle', 375_000, '2026-11-20T09:30:45.000Z'),
      ] })], 'u-ann'),
    ]);
    addOccupancyDetails(acc, c, { bucketOf: halfHourUtc, startMs: grid[0]!.startMs, endMs: grid[1]!.endMs });
    const rows = [...printedOccupancy(acc, { grid, agentIds: ['u-ann'], agentNames: names, formatTime })];
    expect(rows.map((r) => [r.handled, r.handle_s, r.talk_s, r.hold_s, r.acw_s, r.occupancy_pct, r.not_responding_s])).toEqual([
      [0, 0, 0, 0, 0, 0, 0],
      // handle 375 = talk 300 + hold 30 + ACW 45, all in one row; 375 / 1 800 = 20.833…; no routing status in records
      [1, 375, 300, 30, 45, 20.83, 0],
    ]);
  });
});
