/**
 * The history database as a BI source, on real SQLite and PostgreSQL: the views equal the CLI's `--db` reports cell
 * for cell (the daily ones its `--interval 1d` report in the synced zone, across a DST change), their rounding is
 * the reports' on hand-worked cells, and schema versions upgrade an older database in one transaction and refuse a
 * newer one. Commands run in-process (src/cli/main.ts `run`) against an in-process simulator with a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { openStore } from '../../src/store/open-store.js';
import { SERVICE_LEVEL_TABLE, type StoredRow, type SyncState } from '../../src/store/tables.js';
import { resolveDbTarget } from '../../src/store/target.js';
import { simEnv } from '../e2e/sim-env.js';
import { testDeps } from '../commands/support.js';
import { DB_KINDS, useTestDbs, type TestDb } from './databases.js';

const NOW = '2026-10-28T12:00:00Z';
const TZ = 'Europe/Berlin';
/** Three local days around the end of summer time (25 October 2026 has 25 hours in Berlin). */
const WINDOW = ['--from', '2026-10-24', '--to', '2026-10-26', '--tz', TZ];

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0, now: () => Date.parse(NOW) });
});
afterAll(async () => {
  await sim?.close();
});

/** Runs the CLI in-process: exit code, stdout, stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const t = testDeps(NOW, simEnv(sim));
  const code = await run(args, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

async function synced(db: TestDb, more: string[] = []): Promise<void> {
  const r = await cli(['sync', '--db', db.target, ...WINDOW, '--threshold', 'queue', '--quiet', ...more]);
  expect(r.code, r.stderr).toBe(0);
}

type Row = Record<string, unknown>;

async function report(db: TestDb, name: 'service-level' | 'occupancy', interval: '30m' | '1d'): Promise<Row[]> {
  const r = await cli([name, '--db', db.target, ...WINDOW, ...(name === 'service-level' ? ['--threshold', 'queue'] : []), '--interval', interval, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}

const TEXT = new Set(['queue_id', 'queue_name', 'media_type', 'agent_id', 'agent_name', 'day']);
const TIME = new Set(['interval_start', 'interval_end']);

/** A cell as a comparable value: instants as epoch ms, numbers as numbers (pg gives numeric/bigint as text), 1/0 as booleans. */
function norm(column: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (TIME.has(column)) return v instanceof Date ? v.getTime() : Date.parse(String(v));
  if (TEXT.has(column)) return String(v);
  if (column === 'target_met') return v === true || v === 1;
  return Number(v);
}

const normRow = (columns: readonly string[], r: Row) => Object.fromEntries(columns.map((c) => [c, norm(c, r[c])]));
const sortKey = (r: Row) => `${String(r.interval_start).padStart(15, '0')}|${String(r.queue_id ?? r.agent_id)}|${String(r.media_type ?? '')}`;
const sorted = (rows: Row[]) => [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

async function view(db: TestDb, name: string, columns: readonly string[], daily: boolean): Promise<Row[]> {
  const list = [...(daily ? [db.kind === 'postgres' ? 'day::text AS day' : 'day'] : []), ...columns].join(', ');
  return db.exec(`SELECT ${list} FROM ${name}`);
}

/** Occupancy rows the report fills with zeros (an agent idle in an interval) have no stored row and so no view row. */
const OCC_NUMBERS = ['handled', 'handle_s', 'talk_s', 'hold_s', 'acw_s', 'on_queue_s', 'interacting_s'];
const active = (r: Row) => OCC_NUMBERS.some((c) => r[c] !== 0);

describe.each(DB_KINDS)('BI views on %s', { timeout: 240_000 }, (kind) => {
  const newDb = useTestDbs(kind);

  it('every view equals the --db report over the same window, cell for cell (daily: --interval 1d in the synced zone, DST day included)', async () => {
    const db = await newDb();
    await synced(db);
    for (const [name, viewName, daily] of [
      ['service-level', 'service_level_v', false],
      ['service-level', 'service_level_daily_v', true],
      ['occupancy', 'occupancy_v', false],
      ['occupancy', 'occupancy_daily_v', true],
    ] as const) {
      const cliRows = await report(db, name, daily ? '1d' : '30m');
      const columns = Object.keys(cliRows[0]!);
      const expected = sorted(cliRows.filter((r) => name === 'service-level' || active(r)).map((r) => ({ ...normRow(columns, r), ...(daily ? { day: String(r.interval_start).slice(0, 10) } : {}) })));
      const actual = sorted((await view(db, viewName, columns, daily)).map((r) => ({ ...normRow(columns, r), ...(daily ? { day: String(r.day) } : {}) })));
      expect(actual.length, viewName).toBeGreaterThan(daily ? 5 : 100);
      expect(actual, viewName).toEqual(expected);
      if (daily) {
        // The 25-hour day is one row per queue/agent, not two.
        expect(new Set(actual.map((r) => r.day))).toEqual(new Set(['2026-10-24', '2026-10-25', '2026-10-26']));
        const long = actual.find((r) => r.day === '2026-10-25')!;
        expect((long.interval_end as number) - (long.interval_start as number)).toBe(25 * 3_600_000);
      }
      // Names come from the dimension tables, never empty in the simulated org.
      expect(actual.every((r) => (r.queue_name ?? r.agent_name) !== '')).toBe(true);
    }
    // Goals as the queues configure them: the views carry targets, and target_met is decided.
    const met = await db.exec('SELECT COUNT(*) AS n FROM service_level_daily_v WHERE target_met IS NOT NULL');
    expect(Number(met[0]!.n)).toBeGreaterThan(0);
  });

  it('dimension tables hold the directory: queues with their configured goals, agents with email and state; a second identical sync changes nothing', async () => {
    const db = await newDb();
    await synced(db);
    const queues = await db.exec('SELECT id, name, voice_threshold_s, voice_target_pct, last_seen FROM queues ORDER BY name');
    const simQueues = [...sim.org.queues].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(queues.map((q) => q.name)).toEqual(simQueues.map((q) => q.name));
    const listed = await cli(['list', 'queues', '--format', 'json']);
    const voice = (JSON.parse(listed.stdout) as Row[]).filter((r) => r.media_type === 'voice');
    for (const q of queues) {
      const l = voice.find((r) => r.queue_id === q.id);
      expect([norm('x', q.voice_threshold_s), norm('x', q.voice_target_pct)]).toEqual([l?.threshold_s ?? null, l?.target_pct ?? null]);
      // last_seen is the run's high-water mark: the end of --to's day in Berlin.
      expect(norm('interval_start', q.last_seen)).toBe(Date.parse('2026-10-26T23:00:00Z'));
    }
    const agents = await db.exec("SELECT COUNT(*) AS n FROM agents WHERE email LIKE '%@%' AND state = 'active'");
    expect(Number(agents[0]!.n)).toBe(sim.org.agents.length);
    const first = await db.dump();
    await synced(db);
    expect(await db.dump()).toBe(first);
  });

  it('ratios round as the reports do (hand-worked cells: 1/8 is 12.5, 2.5 ms is 0.003 s, 80 % meets an 80 % target)', async () => {
    const db = await newDb();
    const store = await openStore(resolveDbTarget(db.target, {}, '/'), 'sync', {}, { pid: process.pid, host: 'test', startedMs: 0 });
    const start = Date.parse('2026-10-25T00:30:00Z'); // 02:30 CEST, the first of Berlin's two 02:30s
    const sl = (slot: number, cells: Record<string, number | null>, queue = 'q1'): StoredRow =>
      SERVICE_LEVEL_TABLE.columns.map((c) => {
        const base: Record<string, StoredRow[number]> = {
          interval_start: start + slot * 1_800_000,
          interval_end: start + (slot + 1) * 1_800_000,
          queue_id: queue,
          queue_name: `stored ${queue}`,
          media_type: 'voice',
          threshold_s: 20,
          target_pct: 80,
        };
        return c.name in cells ? cells[c.name]! : (base[c.name] ?? 0);
      });
    const state: SyncState = {
      report: 'service-level',
      coveredFromMs: start,
      coveredToMs: start + 4 * 1_800_000,
      settings: { interval: '30m', tz: TZ, media: '', selection: '', threshold: 'queue', shortAbandon: '0', formula: 'genesys' },
    };
    await store.acquireLock({ pid: process.pid, host: 'test', startedMs: 0 });
    await store.commit(
      [
        {
          table: SERVICE_LEVEL_TABLE,
          fromMs: start,
          toMs: state.coveredToMs,
          rows: [
            // 1 of 8 within: 12.5 exactly; 20 ms over 8 answers: 2.5 ms, half away from zero → 3 ms; 2,000 ÷ 3 → 667 ms
            sl(0, { offered: 8, answered: 8, answered_within: 1, answered_ms: 20, handled: 3, handle_ms: 2000 }),
            // 4 of 5 within: 80.00 against 80: met; abandon 1 of 6: 16.67
            sl(1, { offered: 6, answered: 5, answered_within: 4, abandoned: 1, abandoned_short: 1, answered_ms: 10_000 }),
            // handle time without traffic: no row of its own, but its handle time counts in the day's AHT
            sl(2, { handled: 1, handle_ms: 1001, threshold_s: 20, target_pct: 80 }),
            // 2 of 3 within: 66.67
            sl(3, { offered: 3, answered: 3, answered_within: 2, answered_ms: 3000 }, 'q2'),
          ],
        },
      ],
      [state],
    );
    await store.close();
    const slv = await db.exec("SELECT * FROM service_level_v WHERE queue_id = 'q1' ORDER BY interval_start");
    expect(slv.map((r) => [r.queue_name, norm('x', r.service_level_pct), norm('x', r.asa_s), norm('x', r.abandon_rate_pct), norm('target_met', r.target_met), norm('x', r.aht_s)])).toEqual([
      ['stored q1', 12.5, 0.003, 0, false, 0.667],
      ['stored q1', 80, 2, 16.67, true, null],
    ]);
    const q2 = await db.exec("SELECT service_level_pct FROM service_level_v WHERE queue_id = 'q2'");
    expect(norm('x', q2[0]!.service_level_pct)).toBe(66.67);
    const daily = await db.exec(`SELECT ${kind === 'postgres' ? 'day::text' : 'day'} AS d, * FROM service_level_daily_v WHERE queue_id = 'q1'`);
    // The day sums all three cells: within 5 of (13 answered + 1 abandoned − 1 short) = 38.46; ASA 10,020 ÷ 13 = 770.8 → 771 ms;
    // AHT 3,001 ÷ 4 = 750.25 → 750 ms (the no-traffic cell's handle time included).
    expect(daily.map((r) => [r.d, r.offered, norm('x', r.service_level_pct), norm('x', r.asa_s), norm('x', r.aht_s), norm('x', r.threshold_s), norm('x', r.target_pct)])).toEqual([
      ['2026-10-25', kind === 'postgres' ? '14' : 14, 38.46, 0.771, 0.75, 20, 80],
    ]);
  });

  it('a database written before schema versions is upgraded in one transaction by the next sync, and reads identically', async () => {
    const db = await newDb();
    await synced(db);
    // What version 1 stored reads the same after the upgrade (not_responding_s is new: version 1 never kept it).
    const withoutNotResponding = (rows: Row[]) => rows.map(({ not_responding_s: _, ...rest }) => rest);
    const before = [await report(db, 'service-level', '1d'), withoutNotResponding(await report(db, 'occupancy', '30m'))];
    // Back to version 1: the tables the base release made (unchanged since), nothing of version 2.
    for (const v of ['service_level_daily_v', 'occupancy_daily_v', 'service_level_v', 'occupancy_v']) await db.exec(`DROP VIEW ${v}`);
    for (const t of ['queues', 'agents', 'days', 'queue_members', 'queue_snapshots', 'schema_version']) await db.exec(`DROP TABLE ${t}`);
    for (const c of ['not_responding_s', 'not_responding_ms']) await db.exec(`ALTER TABLE occupancy DROP COLUMN ${c}`);
    await db.exec('ALTER TABLE sync_state DROP COLUMN formula');
    if (kind === 'sqlite') {
      const ddl = await db.exec("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name");
      expect(ddl.map((t) => t.name)).toEqual(['occupancy', 'service_level', 'sync_lock', 'sync_state']);
      expect(ddl[0]!.sql).toBe(V1_OCCUPANCY_SQLITE);
    }
    // A failed upgrade changes nothing: a table where a view goes fails its last step, after the tables and the calendar.
    await db.exec('CREATE TABLE service_level_daily_v (note text)');
    const v1 = await db.dump();
    const failed = await cli(['sync', '--db', db.target, ...WINDOW, '--threshold', 'queue', '--quiet']);
    expect(failed.code, failed.stderr).toBe(6);
    expect(await db.dump()).toBe(v1);
    await db.exec('DROP TABLE service_level_daily_v');
    await synced(db);
    expect((await db.exec('SELECT version FROM schema_version')).map((r) => Number(r.version))).toEqual([2]);
    // The calendar covers the whole stored range, not only what this run re-read.
    expect(Number((await db.exec('SELECT COUNT(*) AS n FROM days'))[0]!.n)).toBe(3);
    expect([await report(db, 'service-level', '1d'), withoutNotResponding(await report(db, 'occupancy', '30m'))]).toEqual(before);
    const viewRows = await db.exec('SELECT COUNT(*) AS n FROM service_level_daily_v');
    expect(Number(viewRows[0]!.n)).toBe(before[0]!.length);
  });

  it('a database of a newer schema version is exit 6 naming both versions, for sync and reports, and nothing changes', async () => {
    const db = await newDb();
    await synced(db);
    await db.exec('UPDATE schema_version SET version = 7');
    const dump = await db.dump();
    for (const args of [['sync', '--db', db.target, ...WINDOW, '--threshold', 'queue'], ['service-level', '--db', db.target, ...WINDOW, '--threshold', 'queue']]) {
      const r = await cli(args);
      expect(r.code).toBe(6);
      expect(r.stderr).toContain('has schema version 7, but this gcx-metrics knows versions up to 2');
      expect(r.stdout).toBe('');
    }
    expect(await db.dump()).toBe(dump);
  });
});

/** occupancy as the base release (before schema versions) created it in SQLite. */
const V1_OCCUPANCY_SQLITE =
  'CREATE TABLE occupancy (interval_start TEXT NOT NULL, interval_end TEXT NOT NULL, agent_id TEXT NOT NULL, agent_name TEXT NOT NULL, handled INTEGER NOT NULL, handle_s REAL NOT NULL, talk_s REAL NOT NULL, hold_s REAL NOT NULL, acw_s REAL NOT NULL, occupancy_pct REAL NOT NULL, on_queue_s REAL NOT NULL, interacting_s REAL NOT NULL, routing_occupancy_pct REAL, handle_ms INTEGER NOT NULL, talk_ms INTEGER NOT NULL, held_ms INTEGER NOT NULL, acw_ms INTEGER NOT NULL, idle_ms INTEGER NOT NULL, interacting_ms INTEGER NOT NULL, communicating_ms INTEGER NOT NULL, PRIMARY KEY (interval_start, agent_id)) WITHOUT ROWID';
