/**
 * README "Use the history in BI tools" runs as written: its SQL on both databases (the week's SL per queue equals
 * the --db report's `--interval total --by queue`), its sqlite3 / psql one-liner shows named daily rows, and the
 * analysts' role reads the views, not the fact tables, also after a schema upgrade recreated the views.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { simEnv } from '../e2e/sim-env.js';
import { testDeps } from '../commands/support.js';
import { DB_KINDS, useTestDbs, type TestDb } from './databases.js';

const NOW = '2026-10-28T12:00:00Z';
const WINDOW = ['--from', '2026-10-24', '--to', '2026-10-26', '--tz', 'Europe/Berlin', '--threshold', 'queue'];

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Use the history in BI tools'), readme.indexOf('\n## ', readme.indexOf('## Use the history in BI tools')));
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const statements = (block: string) => block.split(/;\s*\n/).map((s) => s.replace(/^--.*\n/gm, '').trim()).filter((s) => s !== '');

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0, now: () => Date.parse(NOW) });
});
afterAll(async () => {
  await sim?.close();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const t = testDeps(NOW, simEnv(sim));
  const code = await run(args, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

async function synced(db: TestDb): Promise<void> {
  const r = await cli(['sync', '--db', db.target, ...WINDOW, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
}

describe.each(DB_KINDS)('README BI recipes on %s', { timeout: 240_000 }, (kind) => {
  const newDb = useTestDbs(kind);

  it("the week's SL per queue from the daily view's sums equals the report over the same days", async () => {
    const db = await newDb();
    await synced(db);
    const [query] = blocks('sql').filter((b) => !b.startsWith('-- PostgreSQL'));
    expect(query).toContain('FROM service_level_daily_v');
    await db.exec(query!); // as written (a week this database does not hold: no rows, no error)
    const ours = await db.exec(query!.replace("'2026-11-16'", "'2026-10-24'").replace("'2026-11-23'", "'2026-10-27'"));
    const r = await cli(['service-level', '--db', db.target, ...WINDOW, '--interval', 'total', '--by', 'queue', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const cliRows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(ours.map((o) => o.queue_name)).toEqual(cliRows.map((c) => c.queue_name));
    for (const [i, o] of ours.entries()) {
      const c = cliRows[i]!;
      expect(Number(o.offered)).toBe(c.offered);
      // SQL's ROUND of a float (SQLite) may differ from the exact rounding only on an exact tie.
      expect(Math.abs(Number(o.service_level_pct) - (c.service_level_pct as number))).toBeLessThanOrEqual(0.01);
      expect(Math.abs(Number(o.asa_s) - (c.asa_s as number))).toBeLessThanOrEqual(0.001);
    }
  });

  it('the one-liner shows named daily rows (sqlite3 -header / psql)', async () => {
    const db = await newDb();
    await synced(db);
    const oneLiner = blocks('sh')[0]!.split('\n').find((l) => l.startsWith('sqlite3'))!;
    const sql = /'(.*)'/.exec(oneLiner)![1]!;
    const out =
      kind === 'sqlite'
        ? spawnSync('sqlite3', ['-header', db.target, sql], { encoding: 'utf8' })
        : spawnSync('psql', [db.target, '-c', sql], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/day.*interval_start.*queue_name.*service_level_pct/);
    const rows = out.stdout.split('\n').filter((l) => /^\s*2026-10-24/.test(l));
    expect(rows).toHaveLength(5);
    const names = sim.org.queues.map((q) => q.name);
    expect(rows.every((l) => names.some((n) => l.includes(n)))).toBe(true);
  });

  it.skipIf(kind !== 'postgres')("the analysts' role reads the views, not the tables, and keeps its grants across a schema upgrade", async () => {
    const db = await newDb();
    await synced(db);
    const role = 'gcx_analyst';
    const [grants] = blocks('sql').filter((b) => b.startsWith('-- PostgreSQL'));
    await db.exec(`DROP ROLE IF EXISTS ${role}`);
    try {
      for (const s of statements(grants!)) await db.exec(s);
      const asAnalyst = async (sql: string) => {
        const c = new pg.Client({ connectionString: db.target.replace('gcx@', `${role}@`) });
        await c.connect();
        try {
          return (await c.query(sql)).rows;
        } finally {
          await c.end();
        }
      };
      expect(Number((await asAnalyst('SELECT COUNT(*) AS n FROM service_level_daily_v'))[0].n)).toBeGreaterThan(0);
      await expect(asAnalyst('SELECT COUNT(*) FROM service_level')).rejects.toThrow(/permission denied/);
      await expect(asAnalyst("DELETE FROM queues WHERE id = 'x'")).rejects.toThrow(/permission denied/);
      // An upgrade recreates the views: the grants stay.
      await db.exec('UPDATE schema_version SET version = 1');
      await synced(db);
      expect((await db.exec('SELECT version FROM schema_version'))[0]!.version).toBe(2);
      expect(Number((await asAnalyst('SELECT COUNT(*) AS n FROM occupancy_daily_v'))[0].n)).toBeGreaterThan(0);
    } finally {
      // Before the role: a role that still has rights in a database cannot be dropped (dropping again after the test is a no-op).
      await db.drop();
      const admin = new pg.Client({ connectionString: db.target.replace(/\/gcx_t_[^?]+\?/, '/postgres?') });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
    }
  });
});
