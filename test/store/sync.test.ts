/**
 * `gcx-metrics sync` (the built CLI) into real SQLite and PostgreSQL databases, against an in-process simulator
 * whose clock the test moves (what has "happened so far" is what the API returns). Windows end at --to, so runs
 * are reproducible whatever the wall clock says.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { runCli, type CliResult } from '../e2e/cli.js';
import { simEnv } from '../e2e/sim-env.js';
import { startProxy } from '../reliability/proxy.js';
import { createTestDb, DB_KINDS, useTestDbs, type TestDb } from './databases.js';
import { startHeldSync } from './held-sync.js';

const T = Date.parse('2026-11-20T12:00:00Z');
/** The first run's backfill (24 h before T) widened to the start of its day. */
const DAY0 = Date.parse('2026-11-19T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const GHOST = '00000000-0000-4000-8000-00000000dead';

let simNow = T;
let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0, now: () => simNow });
});
afterAll(async () => {
  await sim?.close();
});

/** A run's stderr for an assertion message. */
const why = (r: CliResult) => `exit ${r.code}: ${r.stderr}`;

// Each test runs the CLI several times; on two loaded cores that takes a while.
describe.each(DB_KINDS)('sync into %s', { timeout: 180_000 }, (kind) => {
  const newDb = useTestDbs(kind);
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...simEnv(sim), ...env }, timeoutMs: 90_000 });
  const sync = (db: TestDb, to: number, more: string[] = [], env: Record<string, string> = {}) =>
    cli(['sync', '--db', db.target, '--tz', 'UTC', '--to', iso(to), '--quiet', ...more], env);
  const synced = async (db: TestDb, to: number, more: string[] = []) => {
    const r = await sync(db, to, more);
    expect(r.code, why(r)).toBe(0);
    expect(r.stderr).toBe('');
  };
  const state = async (db: TestDb) =>
    (await db.exec('SELECT report, covered_from, covered_to, interval, threshold_s, short_abandon_s, formula FROM sync_state ORDER BY report')).map((r) => ({
      ...r,
      covered_from: iso(new Date(r.covered_from as string).getTime()),
      covered_to: iso(new Date(r.covered_to as string).getTime()),
    }));

  it('first run stores the backfill window; a second identical run leaves the database identical', async () => {
    simNow = T + 4 * DAY;
    const db = await newDb();
    await synced(db, T);
    expect(await state(db)).toEqual([
      { report: 'occupancy', covered_from: iso(DAY0), covered_to: iso(T), interval: '30m', threshold_s: '', short_abandon_s: '', formula: '' },
      // The defaults: each queue's own target, no short abandons, the genesys formula.
      { report: 'service-level', covered_from: iso(DAY0), covered_to: iso(T), interval: '30m', threshold_s: 'queue', short_abandon_s: '0', formula: 'genesys' },
    ]);
    const counts = await db.exec('SELECT COUNT(*) AS n, MIN(interval_start) AS lo, MAX(interval_start) AS hi FROM occupancy');
    expect(Number(counts[0]!.n)).toBeGreaterThan(100);
    expect(iso(new Date(counts[0]!.lo as string).getTime())).toBe(iso(DAY0));
    expect(iso(new Date(counts[0]!.hi as string).getTime())).toBe(iso(T - HOUR / 2));
    const first = await db.dump();
    await synced(db, T);
    expect(await db.dump()).toBe(first);
  });

  it('restatement replaces the covered intervals: stale rows are restated, a vanished row goes, older rows stay', async () => {
    const db = await newDb();
    simNow = T;
    await synced(db, T);
    // A row upstream no longer has, inside the restatement window, and one outside it.
    const ghost = (at: number) =>
      kind === 'sqlite'
        ? `INSERT INTO occupancy (interval_start, interval_end, agent_id, agent_name, handled, handle_s, talk_s, hold_s, acw_s, occupancy_pct, on_queue_s, interacting_s, routing_occupancy_pct, not_responding_s, handle_ms, talk_ms, held_ms, acw_ms, idle_ms, interacting_ms, communicating_ms, not_responding_ms) SELECT '${iso(at)}', '${iso(at + HOUR / 2)}', '${GHOST}', 'Ghost', 1, 1, 0, 0, 0, 0.06, 0, 0, NULL, 0, 1000, 0, 0, 0, 0, 0, 0, 0`
        : `INSERT INTO occupancy (interval_start, interval_end, agent_id, agent_name, handled, handle_s, talk_s, hold_s, acw_s, occupancy_pct, on_queue_s, interacting_s, routing_occupancy_pct, not_responding_s, handle_ms, talk_ms, held_ms, acw_ms, idle_ms, interacting_ms, communicating_ms, not_responding_ms) VALUES ('${iso(at)}', '${iso(at + HOUR / 2)}', '${GHOST}', 'Ghost', 1, 1, 0, 0, 0, 0.06, 0, 0, NULL, 0, 1000, 0, 0, 0, 0, 0, 0, 0)`;
    await db.exec(ghost(T - HOUR));
    await db.exec(ghost(T - 5 * HOUR));
    // Stale counts (as late-arriving data leaves them), inside the restatement window and outside it.
    const offered = async (from: number, to: number) =>
      Number((await db.exec(`SELECT SUM(offered) AS n FROM service_level WHERE interval_start >= '${iso(from)}' AND interval_start < '${iso(to)}'`))[0]!.n);
    const inside = await offered(T - HOUR, T);
    const outside = await offered(T - 5 * HOUR, T - 4 * HOUR);
    await db.exec(`UPDATE service_level SET offered = offered + 1000 WHERE interval_start >= '${iso(T - HOUR)}' AND interval_start < '${iso(T)}'`);
    await db.exec(`UPDATE service_level SET offered = offered + 1000 WHERE interval_start >= '${iso(T - 5 * HOUR)}' AND interval_start < '${iso(T - 4 * HOUR)}'`);
    simNow = T + HOUR;
    await synced(db, T + HOUR);
    const ghosts = await db.exec(`SELECT interval_start FROM occupancy WHERE agent_id = '${GHOST}'`);
    expect(ghosts.map((g) => iso(new Date(g.interval_start as string).getTime()))).toEqual([iso(T - 5 * HOUR)]);
    expect(await offered(T - HOUR, T)).toBe(inside);
    expect(await offered(T - 5 * HOUR, T - 4 * HOUR)).toBeGreaterThan(outside);
    // The restated and new intervals now say exactly what the API says.
    const window = ['--from', iso(T - 2 * HOUR), '--to', iso(T + HOUR), '--tz', 'UTC', '--format', 'csv'];
    for (const report of ['occupancy', 'service-level']) {
      const api = await cli([report, ...window]);
      const stored = await cli([report, '--db', db.target, ...window]);
      expect(stored.code, why(stored)).toBe(0);
      expect(stored.stdout).toBe(api.stdout);
    }
  });

  it('catches up after a gap: the same database as one run over the whole span', async () => {
    simNow = T + 5 * DAY;
    const gap = await newDb();
    await synced(gap, T);
    await synced(gap, T + 3 * DAY);
    const once = await newDb();
    await synced(once, T + 3 * DAY, ['--from', iso(DAY0)]);
    expect(await gap.dump()).toBe(await once.dump());
  });

  it('kill -9 in the middle of the write changes nothing, and holds off a second sync meanwhile (exit 6)', async () => {
    simNow = T + 5 * DAY;
    const killed = await newDb();
    await synced(killed, T);
    const before = await killed.dump(['sync_lock']);
    const child = await startHeldSyncTo(killed.target, T + 3 * HOUR);
    try {
      const second = await sync(killed, T + 3 * HOUR);
      expect(second.code, why(second)).toBe(6);
      expect(second.stderr).toMatch(new RegExp(`another sync holds .*pid ${child.pid}`));
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      process.kill(child.pid, 'SIGKILL');
      await child.exited;
    }
    expect(await killed.dump(['sync_lock'])).toBe(before);
    await synced(killed, T + 3 * HOUR);
    const clean = await newDb();
    await synced(clean, T);
    await synced(clean, T + 3 * HOUR);
    expect(await killed.dump()).toBe(await clean.dump());
  });

  it('an API failure exits 4 and changes nothing; the next run succeeds', async () => {
    simNow = T + 5 * DAY;
    const db = await newDb();
    await synced(db, T);
    const before = await db.dump();
    const failing = await startSim({ port: 0, now: () => simNow, faults: 'rate=1,kinds=html' });
    try {
      const r = await runCli(['sync', '--db', db.target, '--tz', 'UTC', '--to', iso(T + HOUR), '--quiet'], { env: simEnv(failing), timeoutMs: 90_000 });
      expect(r.code, why(r)).toBe(4);
    } finally {
      await failing.close();
    }
    expect(await db.dump()).toBe(before);
    await synced(db, T + HOUR);
  });

  it('a catch-up longer than one slice is still one transaction: an API failure in its second slice changes nothing', async () => {
    simNow = T + DAY;
    const db = await newDb();
    const START = T - 10 * DAY; // the CLI's clock is the real one: windows stay in the past
    await synced(db, START, ['--report', 'occupancy']);
    const before = await db.dump();
    // The next run restates from START − 2 h, in slices of 7 days: the second starts at START − 2 h + 7 d.
    const firstSlice = `"interval":"${new Date(START - 2 * HOUR).toISOString()}`;
    const secondSlice = `"interval":"${new Date(START - 2 * HOUR + 7 * DAY).toISOString()}`;
    const proxy = await startProxy(sim.url, {
      rewrite: (entry) => (entry.requestBody?.includes(secondSlice) ? '<html><body>We will be right back</body></html>' : undefined),
    });
    try {
      const r = await runCli(['sync', '--db', db.target, '--tz', 'UTC', '--to', iso(T), '--report', 'occupancy', '--quiet'], {
        env: { ...simEnv(sim), GENESYS_CLOUD_API_URL: proxy.url },
        timeoutMs: 120_000,
      });
      const bodies = proxy.entries().map((e) => e.requestBody ?? '');
      expect(r.code, why(r)).toBe(4);
      // The first slice was fetched (and written inside the transaction) before the second failed.
      expect(bodies.filter((b) => b.includes(firstSlice)).length).toBeGreaterThan(0);
      expect(bodies.filter((b) => b.includes(secondSlice)).length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
    expect(await db.dump()).toBe(before);
    await synced(db, T, ['--report', 'occupancy']);
    expect((await state(db))[0]!.covered_to).toBe(iso(T));
  });

  it('refuses other settings than the stored ones with exit 2, naming them', async () => {
    simNow = T + 5 * DAY;
    const db = await newDb();
    await synced(db, T);
    const before = await db.dump();
    const r = await sync(db, T + HOUR, ['--interval', '1h', '--threshold', '30', '--formula', 'offered']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was first synced with --interval 30m, --threshold queue, --formula genesys; this run asks for --interval 1h, --threshold 30, --formula offered');
    expect(await db.dump()).toBe(before);
  });

  it('a later run that leaves the fixed settings out uses the stored ones, and --db reports default to them', async () => {
    simNow = T + 5 * DAY;
    const db = await newDb();
    // A database made by a cron line with explicit settings (as an older default of 20 s would have stored). Kolkata
    // (+05:30) cuts another hourly grid than the system zone (UTC here), so a run that fell back on it would exit 2.
    const settings = ['--interval', '1h', '--tz', 'Asia/Kolkata', '--threshold', '20', '--short-abandon', 'org', '--formula', 'offered', '--media', 'voice'];
    const first = await cli(['sync', '--db', db.target, '--to', iso(T), '--quiet', ...settings]);
    expect(first.code, why(first)).toBe(0);
    // The same cron line without any of them.
    const later = await cli(['sync', '--db', db.target, '--to', iso(T + 2 * HOUR), '--quiet']);
    expect(later.code, why(later)).toBe(0);
    const [, sl] = await db.exec('SELECT interval, tz, media, threshold_s, short_abandon_s, formula, covered_to FROM sync_state ORDER BY report');
    expect(sl!.tz).toMatch(/^Asia\/(Kolkata|Calcutta)$/); // as ICU spells it
    expect({ ...sl, covered_to: iso(new Date(sl!.covered_to as string).getTime()) }).toEqual({
      // --to T + 2 h = 14:00Z is 19:30 in Kolkata: rounded up to that zone's next hour, 14:30Z.
      interval: '1h', tz: sl!.tz, media: 'voice', threshold_s: '20', short_abandon_s: 'org', formula: 'offered', covered_to: iso(T + 2.5 * HOUR),
    });
    // A --db report with no settings = the API report with the stored ones (zone, interval and goals).
    const window = ['--from', iso(T - 5.5 * HOUR), '--to', iso(T + 1.5 * HOUR), '--format', 'csv'];
    const stored = await cli(['service-level', '--db', db.target, ...window, '--media', 'voice']);
    const api = await cli(['service-level', ...window, ...settings]);
    expect(stored.code, why(stored)).toBe(0);
    expect(stored.stdout).toBe(api.stdout);
    expect(stored.stdout.split('\n')[1]).toMatch(/^[^,]+T\d\d:00:00\+05:30,[^,]+T\d\d:00:00\+05:30,/);
  });

  it('takes names and emails as the reports do, stores ids, and keeps each queue its own goal with --threshold queue', async () => {
    simNow = T + 5 * DAY;
    const db = await newDb();
    const [q1, q2] = sim.org.queues;
    const agent = sim.org.queueMemberIds[q1!.id]![0]!;
    const email = sim.org.agents.find((a) => a.id === agent)!.email;
    const byName = ['--queue', q1!.name.toUpperCase(), '--queue', q2!.name, '--agent', email.toUpperCase(), '--threshold', 'queue'];
    await synced(db, T, byName);
    const [occupancyState, slState] = await db.exec('SELECT selection, threshold_s FROM sync_state ORDER BY report');
    const queues = [q1!.id, q2!.id].sort().join(',');
    expect(occupancyState).toEqual({ selection: `--agent ${agent} --queue ${queues}`, threshold_s: '' });
    expect(slState).toEqual({ selection: `--queue ${queues}`, threshold_s: 'queue' });
    // By id or by name (the names stored with the rows), the stored rows give the API's report.
    const window = ['--from', iso(T - 6 * HOUR), '--to', iso(T), '--tz', 'UTC', '--interval', '1h', '--format', 'csv'];
    const api = await cli(['service-level', ...window, '--threshold', 'queue', '--queue', q1!.name, '--queue', q2!.name]);
    const stored = await cli(['service-level', '--db', db.target, ...window, '--threshold', 'queue', '--queue', queues]);
    expect(stored.code, why(stored)).toBe(0);
    expect(stored.stdout).toBe(api.stdout);
    const storedByName = await cli(['service-level', '--db', db.target, ...window, '--threshold', 'queue', '--queue', `${q2!.name.toLowerCase()},${q1!.name}`]);
    expect(storedByName.stdout).toBe(api.stdout);
    const unknown = await cli(['service-level', '--db', db.target, ...window, '--threshold', 'queue', '--queue', 'No Such Queue']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--queue: no queue named "No Such Queue"');
    // Every row at its own queue and media goal (the sim's queues configure 20, 30 and 60 s), not one threshold.
    const goalOf = (queueId: string, media: string) => {
      const goal = sim.org.queues.find((q) => q.id === queueId)!.mediaSettings[(media === 'voice' ? 'call' : media) as 'call'].serviceLevel;
      return goal ? `${goal.durationMs / 1000} ${Math.round(goal.percentage * 10_000) / 100}` : '20 ';
    };
    const [header, ...lines] = api.stdout.trimEnd().split('\n').map((line) => line.split(','));
    const at = (name: string) => header!.indexOf(name);
    const goals = lines.map((cells) => `${cells[at('threshold_s')]} ${cells[at('target_pct')]}`);
    expect(goals).toEqual(lines.map((cells) => goalOf(cells[at('queue_id')]!, cells[at('media_type')]!)));
    expect(new Set(goals).size).toBeGreaterThan(1);
    const numeric = await sync(db, T + HOUR, [...byName.slice(0, -2), '--threshold', '20']);
    expect(numeric.code).toBe(2);
    expect(numeric.stderr).toContain('--threshold queue');
  });
});

describe.each(DB_KINDS)('reports from %s equal the API reports', { timeout: 60_000 }, (kind) => {
  let db: TestDb;
  // Three New York days around the fall-back change (2026-11-01 has 25 hours).
  const window = ['--from', '2026-10-31', '--to', '2026-11-02', '--tz', 'America/New_York'];
  beforeAll(async () => {
    simNow = T + 5 * DAY;
    db = await createTestDb(kind);
    const r = await runCli(['sync', '--db', db.target, ...window, '--quiet'], {
      env: simEnv(sim),
      timeoutMs: 90_000,
    });
    expect(r.code, why(r)).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  for (const report of ['occupancy', 'service-level']) {
    for (const interval of ['30m', '1h', '1d']) {
      it(`${report} --interval ${interval}`, async () => {
        const args = [report, ...window, '--interval', interval, '--format', 'csv'];
        const api = await runCli(args, { env: simEnv(sim) });
        expect(api.code, why(api)).toBe(0);
        const stored = await runCli([...args, '--db', db.target], {});
        expect(stored.code, why(stored)).toBe(0);
        expect(stored.stdout.split('\n').length).toBeGreaterThan(3);
        expect(stored.stdout).toBe(api.stdout);
      });
    }
  }

  it('writes the stored report as Parquet (chosen by the extension) with the same rows as the CSV', async () => {
    const csv = await runCli(['service-level', '--db', db.target, ...window, '--interval', '1h', '--format', 'csv'], {});
    const file = join(mkdtempSync(join(tmpdir(), 'gcx-parquet-')), 'sl.parquet');
    const written = await runCli(['service-level', '--db', db.target, ...window, '--interval', '1h', '--output', file], {});
    expect(written.code, why(written)).toBe(0);
    const bytes = readFileSync(file);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    const [header, ...lines] = csv.stdout.trimEnd().split('\n');
    const columns = header!.split(',');
    expect(rows).toHaveLength(lines.length);
    const asCsv = (v: unknown) => (v === null ? '' : v instanceof Date ? v.getTime() : typeof v === 'bigint' ? String(v) : String(v));
    lines.forEach((line, i) => {
      const cells = line.split(',');
      const fromParquet = columns.map((c) => asCsv(rows[i]![c]));
      const fromCsv = cells.map((cell, j) => (columns[j]!.startsWith('interval_') ? Date.parse(cell) : cell));
      expect(fromParquet, `row ${i}`).toEqual(fromCsv);
    });
    const noOutput = await runCli(['occupancy', '--db', db.target, ...window, '--format', 'parquet'], {});
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain('--format parquet: needs --output <file>');
  });

  it('refuses an interval that does not roll up from the stored one, and a window outside the stored range', async () => {
    const finer = await runCli(['occupancy', '--db', db.target, ...window, '--interval', '15m'], {});
    expect(finer.code).toBe(2);
    expect(finer.stderr).toContain('--interval 15m');
    const outside = await runCli(['occupancy', '--db', db.target, '--from', '2026-10-20', '--to', '2026-10-31', '--tz', 'America/New_York'], {});
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('outside the stored history');
  });
});

/** A sync that stops inside its write transaction (test hook) and waits there to be killed. */
function startHeldSyncTo(target: string, to: number) {
  return startHeldSync(['sync', '--db', target, '--tz', 'UTC', '--to', iso(to), '--quiet'], simEnv(sim));
}
