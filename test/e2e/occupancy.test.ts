/**
 * `gcx-metrics occupancy` (the built CLI) against one simulator. Expected numbers come from the simulator's own
 * details records and status spans (sim-truth.ts), never from src/metrics.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, writeConversationsNdjson, type SimOrg, type SimServer } from '../../src/sim/index.js';
import { MAX_OPEN_DAYS } from '../../src/sim/data/long-conversations.js';
import { tableOrder } from '../../src/output/table.js';
import { ok, runCli, type CliResult } from './cli.js';
import { parseCsv } from './parse-csv.js';
import { isRounded, msOf, simEnv } from './sim-env.js';
import { gridOfRows, occupancyTruth, uniformGrid, type Grid } from './sim-truth.js';

const HEADER =
  'interval_start,interval_end,agent_id,agent_name,handled,handle_s,talk_s,hold_s,acw_s,occupancy_pct,on_queue_s,interacting_s,routing_occupancy_pct,not_responding_s';
const COLUMNS = HEADER.split(',');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY0 = Date.parse('2026-11-10T00:00:00Z');
const ONE_DAY = ['--from', '2026-11-10', '--to', '2026-11-10'];
const UNKNOWN = '00000000-0000-4000-8000-0000000000aa';

let sim: SimServer;
let org: SimOrg;
let env: Record<string, string>;
let tmp: string;
const cli = (args: string[]): Promise<CliResult> => runCli(['occupancy', ...args], { env });

beforeAll(async () => {
  sim = await startSim({ port: 0 });
  org = sim.org;
  env = simEnv(sim);
  tmp = mkdtempSync(join(tmpdir(), 'gcx-e2e-occ-'));
});
afterAll(async () => {
  await sim?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});


/** Every row equals what the sim's records say for its (bucket, agent); zeros where nothing happened. */
function expectRowsMatchSim(rows: Array<Record<string, string>>, grid: Grid, userIds?: ReadonlySet<string>): void {
  const truth = occupancyTruth(org, grid, userIds);
  const names = new Map(org.agents.map((a) => [a.id, a.name]));
  for (const r of rows) {
    const start = Date.parse(r.interval_start!);
    const lengthS = (Date.parse(r.interval_end!) - start) / 1000;
    const t = truth.get(`${start}|${r.agent_id}`) ?? { handled: 0, handleMs: 0, talkMs: 0, heldMs: 0, acwMs: 0, onQueueMs: 0, interactingMs: 0, notRespondingMs: 0 };
    const where = `${r.interval_start} ${r.agent_id}`;
    expect(r.agent_name, where).toBe(names.get(r.agent_id!));
    expect(Number(r.handled), where).toBe(t.handled);
    expect(msOf(r.handle_s), where).toBe(t.handleMs);
    expect(msOf(r.talk_s), where).toBe(t.talkMs);
    expect(msOf(r.hold_s), where).toBe(t.heldMs);
    expect(msOf(r.acw_s), where).toBe(t.acwMs);
    expect(msOf(r.on_queue_s), where).toBe(t.onQueueMs);
    expect(msOf(r.interacting_s), where).toBe(t.interactingMs);
    expect(msOf(r.not_responding_s), where).toBe(t.notRespondingMs);
    expect(isRounded(r.occupancy_pct, (t.handleMs / 1000 / lengthS) * 100, 2), `${where} occupancy_pct ${r.occupancy_pct}`).toBe(true);
    if (t.onQueueMs === 0) expect(r.routing_occupancy_pct, where).toBe('');
    else expect(isRounded(r.routing_occupancy_pct, (t.interactingMs / t.onQueueMs) * 100, 2), `${where} routing ${r.routing_occupancy_pct}`).toBe(true);
  }
}

function expectSorted(rows: Array<Record<string, string>>): void {
  const key = (r: Record<string, string>) => [Date.parse(r.interval_start!), r.agent_name!, r.agent_id!] as const;
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
    const cmp = a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
    expect(cmp, `row ${i} out of order`).toBeLessThan(0);
  }
}

const sumMs = (rows: Array<Record<string, string>>, col: string) => rows.reduce((s, r) => s + msOf(r[col]), 0);

describe('occupancy CSV over one UTC day, every active agent', () => {
  it('has the contract header byte for byte, 48 rows per active agent, and every cell equals the sim records', async () => {
    const out = ok(await cli([...ONE_DAY, '--tz', 'UTC']));
    expect(out.startsWith(`${HEADER}\n`)).toBe(true);
    const { header, rows } = parseCsv(out);
    expect(header).toEqual(COLUMNS);

    const grid = uniformGrid(DAY0, DAY0 + 24 * HOUR, 30 * MIN);
    expect(gridOfRows(rows)).toEqual(grid);
    const truth = occupancyTruth(org, grid);
    const active = new Set<string>();
    for (const [k, t] of truth) if (t.handled + t.handleMs + t.talkMs + t.heldMs + t.acwMs + t.onQueueMs + t.notRespondingMs > 0) active.add(k.split('|')[1]!);
    expect(active.size).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.agent_id))).toEqual(active);
    expect(rows).toHaveLength(active.size * 48);
    expectRowsMatchSim(rows, grid);
    expectSorted(rows);

    // The cross-check, spelled out: the day's summed handle_s is the sum of every tHandle emitted that day.
    let tHandleMs = 0;
    for (const t of truth.values()) tHandleMs += t.handleMs;
    expect(tHandleMs).toBeGreaterThan(100 * HOUR);
    expect(sumMs(rows, 'handle_s')).toBe(tHandleMs);

    for (const r of rows) {
      expect(r.interval_start).toMatch(/^2026-11-1[01]T\d\d:[03]0:00\+00:00$/);
      for (const c of ['handle_s', 'talk_s', 'hold_s', 'acw_s', 'on_queue_s', 'interacting_s', 'not_responding_s']) expect(r[c]).toMatch(/^\d+(\.\d{1,3})?$/);
      for (const c of ['occupancy_pct', 'routing_occupancy_pct']) expect(r[c]).toMatch(/^(\d+(\.\d{1,2})?)?$/);
      expect(r.handled).toMatch(/^\d+$/);
    }
  });
});

describe('occupancy from an exported details file', () => {
  it('--input gives the aggregates handle, talk and hold (tTalkComplete/tHeldComplete) and ACW; no routing status', async () => {
    const file = join(tmp, 'occupancy-days.ndjson');
    const out = createWriteStream(file);
    // Every conversation that can emit into the day: those that started up to MAX_OPEN_DAYS before it too.
    await writeConversationsNdjson(org, DAY0 - MAX_OPEN_DAYS * 24 * HOUR, DAY0 + 24 * HOUR, (chunk) => new Promise<void>((res, rej) => out.write(chunk, (e) => (e ? rej(e) : res()))));
    await new Promise<void>((res) => out.end(res));
    const ids = org.agents.slice(0, 6).map((a) => a.id).join(',');
    const [api, input] = await Promise.all([
      cli([...ONE_DAY, '--tz', 'UTC', '--agent', ids]),
      runCli(['occupancy', ...ONE_DAY, '--tz', 'UTC', '--agent', ids, '--input', file], { env: {} }),
    ]);
    const apiRows = parseCsv(ok(api)).rows;
    const fileRows = parseCsv(ok(input)).rows;
    expect(fileRows).toHaveLength(apiRows.length);
    const work = ['handled', 'handle_s', 'talk_s', 'hold_s', 'acw_s', 'occupancy_pct'];
    const pick = (r: Record<string, string>, cols: string[]) => cols.map((c) => r[c]);
    // A file has no agent names, so its rows sort by id: match them up by interval and agent.
    const apiOf = new Map(apiRows.map((r) => [`${r.interval_start}|${r.agent_id}`, r]));
    fileRows.forEach((r) => {
      const a = apiOf.get(`${r.interval_start}|${r.agent_id}`)!;
      expect(pick(r, ['interval_start', 'agent_id', ...work]), `${a.interval_start} ${a.agent_id}`).toEqual(pick(a, ['interval_start', 'agent_id', ...work]));
      // A details file has no routing-status data.
      expect(pick(r, ['on_queue_s', 'interacting_s', 'not_responding_s'])).toEqual(['0', '0', '0']);
    });
    expect(apiRows.reduce((s, r) => s + msOf(r.talk_s), 0)).toBeGreaterThan(0);
    expect(apiRows.reduce((s, r) => s + msOf(r.hold_s), 0)).toBeGreaterThan(0);
    expect(apiRows.reduce((s, r) => s + msOf(r.not_responding_s), 0)).toBeGreaterThan(0);
  });
});

describe('occupancy selections and intervals', () => {
  const agents = () => org.agents.slice(0, 3).map((a) => a.id);

  it('--interval 15m, 1h and 1d give agents × intervals rows, each equal to the sim records', async () => {
    const ids = agents();
    const runs = await Promise.all(
      (['15m', '1h', '1d'] as const).map((i) => cli([...ONE_DAY, '--tz', 'UTC', '--agent', ids.join(','), '--interval', i])),
    );
    const perDay = { '15m': 96, '1h': 24, '1d': 1 };
    const step = { '15m': 15 * MIN, '1h': HOUR, '1d': 24 * HOUR };
    const totals = (['15m', '1h', '1d'] as const).map((interval, k) => {
      const { rows } = parseCsv(ok(runs[k]!));
      expect(rows).toHaveLength(3 * perDay[interval]);
      const grid = uniformGrid(DAY0, DAY0 + 24 * HOUR, step[interval]);
      expect(gridOfRows(rows)).toEqual(grid);
      expect(new Set(rows.map((r) => r.agent_id))).toEqual(new Set(ids));
      expectRowsMatchSim(rows, grid, new Set(ids));
      return [sumMs(rows, 'handle_s'), sumMs(rows, 'on_queue_s')];
    });
    expect(totals[0]![0]).toBeGreaterThan(0);
    expect(totals[1]).toEqual(totals[0]);
    expect(totals[2]).toEqual(totals[0]);
  });

  it('--agent given twice (repeatable) selects both agents', async () => {
    const [a, b] = agents();
    const { rows } = parseCsv(ok(await cli([...ONE_DAY, '--tz', 'UTC', '--agent', a!, '--agent', b!, '--interval', '1d'])));
    expect(rows.map((r) => r.agent_id).sort()).toEqual([a, b].sort());
  });

  it('--group and --queue select exactly their members, with a row for every interval', async () => {
    const group = org.groups[1]!;
    const queue = org.queues[4]!;
    const members = org.queueMemberIds[queue.id]!;
    const [g, q] = await Promise.all([
      cli([...ONE_DAY, '--tz', 'UTC', '--group', group.id]),
      cli([...ONE_DAY, '--tz', 'UTC', '--queue', queue.id]),
    ]);
    const grid = uniformGrid(DAY0, DAY0 + 24 * HOUR, 30 * MIN);
    for (const [run, ids] of [[g!, group.memberIds], [q!, members]] as const) {
      const { rows } = parseCsv(ok(run));
      expect(ids.length).toBeGreaterThan(1);
      expect(new Set(rows.map((r) => r.agent_id))).toEqual(new Set(ids));
      expect(rows).toHaveLength(ids.length * 48);
      expectRowsMatchSim(rows, grid, new Set(ids));
      const truth = occupancyTruth(org, grid, new Set(ids));
      expect(sumMs(rows, 'handle_s')).toBe([...truth.values()].reduce((s, t) => s + t.handleMs, 0));
    }
  });

  it('--tz America/New_York aligns the day to New York midnight and prints -05:00', async () => {
    const { rows } = parseCsv(ok(await cli([...ONE_DAY, '--tz', 'America/New_York'])));
    const start = Date.parse('2026-11-10T05:00:00Z');
    const grid = uniformGrid(start, start + 24 * HOUR, 30 * MIN);
    expect(gridOfRows(rows)).toEqual(grid);
    expect(rows[0]!.interval_start).toBe('2026-11-10T00:00:00-05:00');
    expect(rows[rows.length - 1]!.interval_end).toBe('2026-11-11T00:00:00-05:00');
    expectRowsMatchSim(rows, grid);
  });

  it('an unknown --agent, --group or --queue id exits 2 with one line naming the flag and the id', async () => {
    const runs = await Promise.all(['--agent', '--group', '--queue'].map((flag) => cli([...ONE_DAY, '--tz', 'UTC', flag, UNKNOWN])));
    ['--agent', '--group', '--queue'].forEach((flag, i) => {
      const r = runs[i]!;
      expect(r.code, flag).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toContain(UNKNOWN);
    });
  });
});

describe('occupancy output formats', () => {
  it('json, ndjson, table and --output carry the same rows as CSV', async () => {
    const ids = org.agents.slice(3, 5).map((a) => a.id);
    const base = [...ONE_DAY, '--tz', 'Europe/Berlin', '--agent', ids.join(','), '--interval', '1h'];
    const file = join(tmp, 'occupancy.csv');
    const [csv, json, ndjson, table, toFile] = await Promise.all([
      cli([...base, '--format', 'csv']),
      cli([...base, '--format', 'json']),
      cli([...base, '--format', 'ndjson']),
      cli([...base, '--format', 'table']),
      cli([...base, '--output', file]),
    ]);
    const csvText = ok(csv!);
    const { rows } = parseCsv(csvText);
    expect(rows).toHaveLength(2 * 24);
    expect(rows[0]!.interval_start).toBe('2026-11-10T00:00:00+01:00');
    expect(rows.some((r) => Number(r.handled) > 0)).toBe(true);
    expect(rows.some((r) => r.routing_occupancy_pct === '')).toBe(true);

    const objects = JSON.parse(ok(json!)) as Array<Record<string, unknown>>;
    expect(Array.isArray(objects)).toBe(true);
    expect(objects).toHaveLength(rows.length);
    objects.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(COLUMNS);
      for (const c of COLUMNS) {
        const cell = rows[i]![c]!;
        const v = o[c];
        if (['interval_start', 'interval_end', 'agent_id', 'agent_name'].includes(c)) expect(v).toBe(cell);
        else if (cell === '') expect(v, c).toBeNull();
        else {
          expect(typeof v, c).toBe('number');
          expect(v).toBe(Number(cell));
        }
      }
    });

    const nd = ok(ndjson!);
    expect(nd.endsWith('\n')).toBe(true);
    const lines = nd.slice(0, -1).split('\n');
    expect(lines).toHaveLength(rows.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(objects);

    const tableLines = ok(table!).trimEnd().split('\n');
    // The table orders columns for people and shows times as `2026-11-10 00:00` (test/output/table.test.ts).
    // Durations are headed with their unit (`handle (h:mm:ss)`); the other names as the contract has them.
    expect(tableLines[0]!.trim().split(/\s{2,}/)).toEqual(tableOrder(COLUMNS).map((c) => (c.endsWith('_s') ? `${c.slice(0, -2)} (h:mm:ss)` : c)));
    const dataLines = tableLines.filter((l) => /^\d{4}-/.test(l));
    expect(dataLines).toHaveLength(rows.length);
    dataLines.forEach((l, i) => expect(l.startsWith(rows[i]!.interval_start!.slice(0, 16).replace('T', ' '))).toBe(true));

    expect(ok(toFile!)).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(csvText);
  });
});

describe('occupancy on DST and odd-offset days', () => {
  const agent = () => org.agents[0]!.id;

  it('Europe/London 2026-10-25 has 50 half-hours; 01:00 and 01:30 appear at +01:00 then +00:00', async () => {
    const { rows } = parseCsv(ok(await cli(['--agent', agent(), '--from', '2026-10-25', '--to', '2026-10-25', '--tz', 'Europe/London'])));
    expect(rows).toHaveLength(50);
    const starts = rows.map((r) => r.interval_start);
    expect(starts.slice(0, 6)).toEqual([
      '2026-10-25T00:00:00+01:00',
      '2026-10-25T00:30:00+01:00',
      '2026-10-25T01:00:00+01:00',
      '2026-10-25T01:30:00+01:00',
      '2026-10-25T01:00:00+00:00',
      '2026-10-25T01:30:00+00:00',
    ]);
    expect(rows[3]!.interval_end).toBe('2026-10-25T01:00:00+00:00');
    expect(rows[49]!.interval_end).toBe('2026-10-26T00:00:00+00:00');
    for (const r of rows) expect(Date.parse(r.interval_end!) - Date.parse(r.interval_start!)).toBe(30 * MIN);
    const start = Date.parse('2026-10-24T23:00:00Z');
    const grid = uniformGrid(start, start + 25 * HOUR, 30 * MIN);
    expect(gridOfRows(rows)).toEqual(grid);
    expectRowsMatchSim(rows, grid, new Set([agent()]));
  });

  it('--interval 1d --tz America/New_York over 2026-11-01 is one 25-hour bucket', async () => {
    const { rows } = parseCsv(
      ok(await cli(['--agent', agent(), '--from', '2026-11-01', '--to', '2026-11-01', '--tz', 'America/New_York', '--interval', '1d'])),
    );
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r!.interval_start).toBe('2026-11-01T00:00:00-04:00');
    expect(r!.interval_end).toBe('2026-11-02T00:00:00-05:00');
    expect(Date.parse(r!.interval_end!) - Date.parse(r!.interval_start!)).toBe(25 * HOUR);
    const grid = { starts: [Date.parse('2026-11-01T04:00:00Z')], endMs: Date.parse('2026-11-02T05:00:00Z') };
    expectRowsMatchSim(rows, grid, new Set([agent()]));
    expect(msOf(r!.handle_s)).toBeGreaterThan(0);
    expect(isRounded(r!.occupancy_pct, (msOf(r!.handle_s) / (25 * HOUR)) * 100, 2)).toBe(true);
  });

  it('Asia/Kathmandu 30m intervals fall on local :00 and :30 at +05:45', async () => {
    const { rows } = parseCsv(ok(await cli([...ONE_DAY, '--tz', 'Asia/Kathmandu'])));
    const agents = new Set(rows.map((r) => r.agent_id));
    expect(agents.size).toBeGreaterThan(10);
    expect(rows).toHaveLength(agents.size * 48);
    expect(sumMs(rows, 'handle_s')).toBeGreaterThan(0);
    expect(rows[0]!.interval_start).toBe('2026-11-10T00:00:00+05:45');
    for (const r of rows) {
      expect(r.interval_start).toMatch(/T\d\d:(00|30):00\+05:45$/);
      expect(r.interval_end).toMatch(/T\d\d:(00|30):00\+05:45$/);
    }
    const start = Date.parse('2026-11-09T18:15:00Z');
    const grid = uniformGrid(start, start + 24 * HOUR, 30 * MIN);
    expect(gridOfRows(rows)).toEqual(grid);
    expectRowsMatchSim(rows, grid);
  });
});
