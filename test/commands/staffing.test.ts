/**
 * `gcx-metrics staffing` end to end through the command (spec → API source → rows → cells), against scripted
 * API answers. Every expected number is worked out by hand in the comments (Erlang C: docs/staffing.md).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { parseStaffingOptions } from '../../src/cli/staffing-options.js';
import { staffingSpec } from '../../src/cli/specs.js';
import { TargetMissedError } from '../../src/errors.js';
import { API, json, runStaffing, staffingTable, testDeps, token } from './support.js';
import { usageMessage } from '../usage-error.js';

const Q1 = '5a000000-0000-4000-8000-000000000001';
const Q2 = '5a000000-0000-4000-8000-000000000002';
const ANN = '0a000000-0000-4000-8000-000000000001';
const BOB = '0b000000-0000-4000-8000-000000000002';
const HALF_HOUR = 1_800_000;
const I1 = '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z';
const I2 = '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z';
const NOW = '2026-11-20T10:05:00Z'; // --since 1h: 09:00–10:00 UTC

useNockGuard();

type Metric = { metric: string; qualifier?: string; stats: Record<string, number> };
type SlCell = { queueId: string; interval: string; metrics: Metric[]; within?: number };
type Status = { agent: string; interval: string; idle?: number; interacting?: number; communicating?: number; offQueue?: number };

const agentId = (i: number) => `0d000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The org as the API answers it: service-level counts, queue names, members, and the members' routing status. */
function org(o: { sl: SlCell[]; names: Record<string, string>; members: Record<string, string[]>; status: Status[] }) {
  nock(API).post('/oauth/token').reply(200, token, json);
  // One result group per queue with a data point per interval, as the API answers (a group twice is refused).
  const byQueue = new Map<string, SlCell[]>();
  for (const c of o.sl) byQueue.set(c.queueId, [...(byQueue.get(c.queueId) ?? []), c]);
  const results = [...byQueue].map(([queueId, cells]) => ({
    group: { queueId, mediaType: 'voice' },
    data: cells.map((c) => ({ interval: c.interval, metrics: c.metrics, views: c.within === undefined ? [] : [{ name: 'gcxAnsweredWithin20000ms', stats: { count: c.within } }] })),
  }));
  nock(API)
    .post('/api/v2/analytics/conversations/aggregates/query', (b: { groupBy?: string[] }) => b.groupBy?.includes('queueId') === true)
    .reply(200, { results }, json);
  nock(API)
    .get('/api/v2/routing/queues')
    .query(true)
    .reply(200, { entities: Object.entries(o.names).map(([id, name]) => ({ id, name })), pageSize: 100, pageNumber: 1, pageCount: 1 }, json);
  for (const [queue, ids] of Object.entries(o.members)) {
    nock(API)
      .get(`/api/v2/routing/queues/${queue}/members`)
      .query(true)
      .reply(200, { entities: ids.map((id) => ({ id, name: id.slice(0, 8), joined: true })), pageSize: 500, pageNumber: 1, pageCount: 1 }, json);
  }
  if (Object.values(o.members).flat().length === 0) return;
  const agents = [...new Set(Object.values(o.members).flat())];
  nock(API)
    .get('/api/v2/users')
    .query(true)
    .reply(200, { entities: agents.map((id) => ({ id, name: id.slice(0, 8) })), pageSize: 100, pageNumber: 1, pageCount: 1 }, json);
  // Handle times per agent: not used by staffing.
  nock(API)
    .post('/api/v2/analytics/conversations/aggregates/query', (b: { groupBy?: string[] }) => b.groupBy?.includes('userId') === true)
    .reply(200, {}, json);
  const byAgent = new Map<string, Status[]>();
  for (const s of o.status) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), s]);
  const status = (qualifier: string, ms: number | undefined) => (ms ? [{ metric: 'tAgentRoutingStatus', qualifier, stats: { sum: ms } }] : []);
  nock(API)
    .post('/api/v2/analytics/users/aggregates/query')
    .reply(200, {
      results: [...byAgent].map(([agent, list]) => ({
        group: { userId: agent },
        data: list.map((s) => ({
          interval: s.interval,
          metrics: [...status('IDLE', s.idle), ...status('INTERACTING', s.interacting), ...status('COMMUNICATING', s.communicating), ...status('OFF_QUEUE', s.offQueue)],
        })),
      })),
    }, json);
}

const offered = (n: number): Metric => ({ metric: 'nOffered', stats: { count: n } });
const answered = (n: number, sumMs = n * 5_000): Metric => ({ metric: 'tAnswered', stats: { count: n, sum: sumMs } });
const handle = (n: number, sumMs: number): Metric => ({ metric: 'tHandle', stats: { count: n, sum: sumMs } });
const options = (more: Record<string, unknown> = {}) =>
  parseStaffingOptions({ since: '1h', tz: 'UTC', threshold: '20', target: '80', quiet: true, ...more });

/** The classic example: 100 calls in 30 min, AHT 180 s, 80 % in 20 s; `staffed` members each on queue the whole interval, plus a half. */
function classic(staffedWhole: number, half: boolean) {
  const members = Array.from({ length: staffedWhole + (half ? 1 : 0) }, (_, i) => agentId(i + 1));
  org({
    sl: [{ queueId: Q1, interval: I2, metrics: [offered(100), answered(100), handle(100, 18_000_000)], within: 82 }],
    names: { [Q1]: 'Sales' },
    members: { [Q1]: members },
    status: members.map((agent, i) => ({ agent, interval: I2, idle: i < staffedWhole ? 600_000 : 300_000, interacting: i < staffedWhole ? 1_200_000 : 600_000 })),
  });
}

describe('staffing rows', () => {
  it('the classic example: 14 agents required, 20 FTE at 30 % shrinkage, 14.5 staffed, SL(14) predicted', async () => {
    classic(14, true);
    const { deps } = testDeps(NOW);
    const table = await staffingTable(options({ shrinkage: '30' }), deps);
    expect(table.columns.join(',')).toBe(
      'interval_start,interval_end,queue_id,queue_name,media_type,offered,aht_s,traffic_erlangs,threshold_s,target_pct,required_agents,required_fte,staffed_agents,staffing_gap,predicted_sl_pct,service_level_pct,target_met',
    );
    expect(table.rows).toEqual([
      {
        interval_start: '2026-11-20T09:30:00+00:00',
        interval_end: '2026-11-20T10:00:00+00:00',
        queue_id: Q1,
        queue_name: 'Sales',
        media_type: 'voice',
        offered: 100,
        aht_s: 180, // 18 000 000 ms ÷ 100
        traffic_erlangs: 10, // 100 × 180 s ÷ 1800 s
        threshold_s: 20,
        target_pct: 80,
        required_agents: 14, // SL(13) = 0.7956 < 0.8 ≤ SL(14) = 0.8884 (Call Centre Helper; CRAN ErlangC)
        required_fte: 20, // 14 ÷ (1 − 0.30)
        staffed_agents: 14.5, // (14 × 1800 s + 900 s) ÷ 1800 s
        staffing_gap: 0.5,
        predicted_sl_pct: 88.84, // SL(⌊14.5⌋ = 14)
        service_level_pct: 82, // 82 within ÷ (100 answered + 0 abandoned)
        target_met: true,
      },
    ]);
  });

  it('a row exactly at its target needs no extra agent: A = 0.07, threshold 0 s, SL(1) = 93 % = the target', async () => {
    org({
      // 7 calls × 18 s in 30 min: A = 7 × 18 ÷ 1800 = 0.07; SL(1) = 1 − C(1, A) = 1 − A = 0.93.
      sl: [{ queueId: Q1, interval: I2, metrics: [offered(7), answered(7), handle(7, 126_000)] }],
      names: { [Q1]: 'Sales' },
      members: { [Q1]: [ANN] },
      status: [{ agent: ANN, interval: I2, idle: HALF_HOUR }],
    });
    const { deps } = testDeps(NOW);
    const [row] = (await staffingTable(options({ threshold: '0', target: '93' }), deps)).rows;
    expect(row).toMatchObject({ traffic_erlangs: 0.07, required_agents: 1, staffed_agents: 1, staffing_gap: 0, predicted_sl_pct: 93 });
  });

  it('a row with no offered needs 0 agents and predicts nothing; a row that handled nothing takes the window AHT', async () => {
    org({
      sl: [
        // 09:00: 4 offered, nothing handled in the interval (answered later): AHT from the window.
        { queueId: Q1, interval: I1, metrics: [offered(4), { metric: 'tAbandon', stats: { count: 1, sum: 4_000 } }] },
        // 09:30: nothing offered (the answers belong to calls offered before), 6 handled in 1080 s: AHT 180 s.
        { queueId: Q1, interval: I2, metrics: [answered(6), handle(6, 1_080_000)], within: 6 },
      ],
      names: { [Q1]: 'Sales' },
      members: { [Q1]: [ANN] },
      status: [
        { agent: ANN, interval: I1, idle: HALF_HOUR },
        { agent: ANN, interval: I2, interacting: HALF_HOUR },
      ],
    });
    const { deps } = testDeps(NOW);
    const rows = (await staffingTable(options(), deps)).rows;
    expect(rows).toEqual([
      expect.objectContaining({
        offered: 4,
        aht_s: 180, // the window's: 1 080 000 ms ÷ 6
        traffic_erlangs: 0.4, // 4 × 180 ÷ 1800
        // SL(1) = 1 − 0.4·e^(−0.6·20/180) = 0.6258 < 0.8; SL(2): B = 0.08/1.48, C = 2B/(2 − 0.4(1 − B)) = 0.0667,
        // 1 − 0.0667·e^(−1.6·20/180) = 0.9442 ≥ 0.8.
        required_agents: 2,
        staffed_agents: 1,
        staffing_gap: -1,
        predicted_sl_pct: 62.58, // SL(1)
        service_level_pct: 0, // 0 within ÷ (0 answered + 1 abandoned)
        target_met: false,
      }),
      expect.objectContaining({ offered: 0, aht_s: 180, traffic_erlangs: 0, required_agents: 0, required_fte: 0, staffed_agents: 1, staffing_gap: 1, predicted_sl_pct: null, service_level_pct: 100 }),
    ]);
  });

  it('staffed agents from a status timeline across an interval boundary: only Idle, Interacting and Communicating count', async () => {
    // Ann: on queue 09:20–09:40 (Idle 09:20–09:25, Interacting 09:25–09:35, Communicating 09:35–09:40), off queue
    // the rest of both intervals. 09:00–09:30: 300 s Idle + 300 s Interacting = 600 s; 09:30–10:00: 300 s
    // Interacting + 300 s Communicating = 600 s. Each: 600 ÷ 1800 = 0.33 agents.
    org({
      sl: [
        { queueId: Q1, interval: I1, metrics: [offered(1), answered(1), handle(1, 300_000)], within: 1 },
        { queueId: Q1, interval: I2, metrics: [offered(1), answered(1), handle(1, 300_000)], within: 1 },
      ],
      names: { [Q1]: 'Sales' },
      members: { [Q1]: [ANN] },
      status: [
        { agent: ANN, interval: I1, idle: 300_000, interacting: 300_000, offQueue: 1_200_000 },
        { agent: ANN, interval: I2, interacting: 300_000, communicating: 300_000, offQueue: 1_200_000 },
      ],
    });
    const { deps } = testDeps(NOW);
    const rows = (await staffingTable(options(), deps)).rows;
    expect(rows.map((r) => [r.interval_start, r.staffed_agents, r.required_agents, r.staffing_gap, r.predicted_sl_pct])).toEqual([
      // A = 300 ÷ 1800 = 0.167; ⌊0.33⌋ = 0 agents predict 0 %.
      ['2026-11-20T09:00:00+00:00', 0.33, 1, -0.67, 0],
      ['2026-11-20T09:30:00+00:00', 0.33, 1, -0.67, 0],
    ]);
  });

  it('an agent on two queues counts fully in each, and the report says so on stderr', async () => {
    org({
      sl: [
        { queueId: Q1, interval: I2, metrics: [offered(2), answered(2), handle(2, 360_000)], within: 2 },
        { queueId: Q2, interval: I2, metrics: [offered(3), answered(3), handle(3, 540_000)], within: 3 },
      ],
      names: { [Q1]: 'Sales', [Q2]: 'Support' },
      members: { [Q1]: [ANN], [Q2]: [ANN, BOB] },
      status: [
        { agent: ANN, interval: I2, idle: HALF_HOUR },
        { agent: BOB, interval: I2, idle: HALF_HOUR / 2 },
      ],
    });
    const { deps, stderr } = testDeps(NOW);
    const rows = (await staffingTable(options({ quiet: false }), deps)).rows;
    // Sales: Ann 1800 s ÷ 1800 = 1; Support: Ann 1800 s + Bob 900 s = 2700 s ÷ 1800 = 1.5.
    expect(rows.map((r) => [r.queue_name, r.staffed_agents])).toEqual([
      ['Sales', 1],
      ['Support', 1.5],
    ]);
    expect(stderr()).toContain("1 agent is a member of more than one of these queues and counts fully in each queue's staffed_agents");
  });

  it('--check exits 5 after writing the report when a row is short', async () => {
    classic(13, false); // 13 staffed, 14 required: gap −1
    const { deps, stdout } = testDeps(NOW);
    const error = await runStaffing(options({ check: true, format: 'csv' }), deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetMissedError);
    expect((error as TargetMissedError).exitCode).toBe(5);
    expect((error as Error).message).toBe('--check: 1 of 1 rows were short (staffed_agents below required_agents): Sales voice 2026-11-20 09:30 (13 staffed < 14 required)');
    // Written first: SL(13) = 0.7956 predicted for the 13 on queue.
    expect(stdout()).toContain(',100,180,10,20,80,14,14,13,-1,79.56,82,true');
  });

  it('--check passes (no error) when every printed gap is 0 or more', async () => {
    classic(14, false);
    const { deps, stdout } = testDeps(NOW);
    await runStaffing(options({ check: true, format: 'csv' }), deps);
    expect(stdout()).toContain(',14,14,14,0,88.84,');
  });
});

describe('staffing flags', () => {
  const bad = (raw: Record<string, unknown>) => usageMessage(() => parseStaffingOptions(raw));

  it('refuses --shrinkage 100 and --max-occupancy 0 in one line naming the flag and what it accepts', () => {
    expect(bad({ shrinkage: '100' })).toBe('--shrinkage: "100" is not accepted; use a percentage from 0 up to (not including) 100 with up to 2 decimals, e.g. 30');
    expect(bad({ maxOccupancy: '0' })).toBe('--max-occupancy: "0" is not accepted; use a percentage above 0, at most 100 with up to 2 decimals, e.g. 85');
    expect(bad({ shrinkage: '-1' })).toMatch(/^--shrinkage: "-1"/);
    expect(bad({ maxOccupancy: '100.5' })).toMatch(/^--max-occupancy: "100.5"/);
  });

  it('defaults: voice, each queue\'s own goal, no shrinkage, 85 % occupancy; the edges are accepted', () => {
    expect(parseStaffingOptions({})).toMatchObject({ media: ['voice'], shrinkage: 0, maxOccupancy: 85, check: false });
    expect(staffingSpec(parseStaffingOptions({}), testDeps(NOW).deps).goals).toEqual({ threshold: 'queue', target: undefined, shortAbandon: 0, formula: 'genesys' });
    expect(parseStaffingOptions({ shrinkage: '99.99', maxOccupancy: '100', media: ['chat'] })).toMatchObject({ shrinkage: 99.99, maxOccupancy: 100, media: ['chat'] });
  });

  it('--check with each queue\'s own target (no --threshold) is accepted; a numeric threshold without --target is not', () => {
    const o = parseStaffingOptions({ check: true });
    expect(o.check).toBe(true);
    expect(o.threshold).toBeUndefined();
    expect(bad({ check: true, threshold: '20' })).toBe("--check needs a target to staff for: add --target <pct>, or leave --threshold out (each queue's own target)");
  });

  it('takes --short-abandon org and every --formula, as service-level does', () => {
    expect(parseStaffingOptions({ shortAbandon: 'org', formula: 'answered-flowout' })).toMatchObject({ shortAbandon: 'org', formula: 'answered-flowout' });
  });

  it('a --db report without --threshold, --short-abandon or --formula takes the database\'s stored ones; a flag still wins', () => {
    const stored = { threshold: 30, shortAbandon: 5, formula: 'offered' as const };
    const { deps } = testDeps(NOW);
    expect(staffingSpec(parseStaffingOptions({ target: '80' }), deps, stored).goals).toEqual({ threshold: 30, target: 80, shortAbandon: 5, formula: 'offered' });
    expect(staffingSpec(parseStaffingOptions({ shortAbandon: 'org', formula: 'genesys' }), deps, stored).goals).toMatchObject({ shortAbandon: 'org', formula: 'genesys' });
    // A stored numeric threshold leaves --check with nothing to staff for unless --target is given.
    expect(() => staffingSpec(parseStaffingOptions({ check: true }), deps, stored)).toThrow(/--check needs a target to staff for/);
  });
});
