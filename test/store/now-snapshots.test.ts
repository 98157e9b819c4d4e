/**
 * `sync --report now`: one snapshot of the now rows per run in queue_snapshots, on real SQLite and PostgreSQL; a
 * killed run leaves no partial snapshot; and the README's "longest wait per half hour" queries, read from the
 * README itself, give hand-worked answers on both.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { testDeps } from '../commands/support.js';
import { simEnv } from '../e2e/sim-env.js';
import { DB_KINDS, useTestDbs, type TestDb } from './databases.js';
import { startHeldSync } from './held-sync.js';

/** A Friday afternoon on the simulator's clock, and the CLI's. */
const T = Date.parse('2026-11-20T15:10:00Z');
let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0, now: () => T });
});
afterAll(async () => {
  await sim?.close();
});

/** The CLI in-process at a fixed instant, against the simulator. */
async function cli(args: string[], atMs = T) {
  const t = testDeps(new Date(atMs).toISOString(), simEnv(sim));
  const code = await run(args, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const query = (dialect: 'SQLite' | 'PostgreSQL') => {
  const found = new RegExp(`\\n${dialect}:\\n\\n\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!found) throw new Error(`README: no ${dialect} query`);
  return found[1]!.trim();
};

const isoOf = (v: unknown) => (v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : String(v));

describe.each(DB_KINDS)('sync --report now into %s', { timeout: 120_000 }, (kind) => {
  const newDb = useTestDbs(kind);
  const sync = (db: TestDb, atMs = T) => cli(['sync', '--report', 'now', '--threshold', 'queue', '--db', db.target, '--tz', 'UTC', '--quiet'], atMs);

  it('appends one snapshot per run holding exactly the now rows, observed_at in UTC; a rerun in the same second replaces its snapshot', async () => {
    const db = await newDb();
    const first = await sync(db);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const now = await cli(['now', '--tz', 'UTC', '--format', 'json', '--quiet']);
    expect(now.code).toBe(0);
    const rows = JSON.parse(now.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(3);
    const stored = await db.exec('SELECT * FROM queue_snapshots ORDER BY queue_name, queue_id, media_type');
    expect(stored.map((r) => ({ ...r, observed_at: isoOf(r.observed_at), target_met: r.target_met === null ? null : Boolean(r.target_met) }))).toEqual(
      rows.map((r) => ({ ...r, observed_at: '2026-11-20T15:10:00Z', media_type: r.media_type ?? '' })),
    );
    // The interval reports were not asked for: no sync_state rows, and their tables stay empty.
    expect(await db.exec('SELECT * FROM sync_state')).toEqual([]);

    expect((await sync(db, T + 60_000)).code).toBe(0);
    expect((await sync(db, T + 60_400)).code).toBe(0);
    const counts = await db.exec('SELECT observed_at, COUNT(*) AS n FROM queue_snapshots GROUP BY observed_at ORDER BY observed_at');
    expect(counts.map((c) => [isoOf(c.observed_at), Number(c.n)])).toEqual([
      ['2026-11-20T15:10:00Z', rows.length],
      ['2026-11-20T15:11:00Z', rows.length],
    ]);
  });

  it('a sync killed inside its snapshot transaction leaves no snapshot row', async () => {
    const db = await newDb();
    const child = await startHeldSync(['sync', '--report', 'now', '--db', db.target, '--tz', 'UTC', '--quiet'], simEnv(sim));
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
    expect(Number((await db.exec('SELECT COUNT(*) AS n FROM queue_snapshots'))[0]!.n)).toBe(0);
  });

  it("the README's longest-wait-per-half-hour query, on hand-made snapshots", async () => {
    const db = await newDb();
    expect((await sync(db)).code).toBe(0);
    await db.exec('DELETE FROM queue_snapshots');
    const row = (at: string, media: string, waiting: number, longest: number | null) =>
      `('${at}', 'q1', 'Billing', '${media}', ${waiting}, ${longest ?? 'NULL'}, 0, 0, 3, 1, 0, 0, 10, 9, 1, NULL, NULL, NULL, NULL, NULL)`;
    await db.exec(
      `INSERT INTO queue_snapshots VALUES ${[
        row('2026-11-20T15:05:00Z', 'voice', 2, 40),
        row('2026-11-20T15:29:59Z', 'voice', 5, 95),
        row('2026-11-20T15:30:00Z', 'voice', 1, 10),
        row('2026-11-20T15:31:00Z', '', 0, null),
      ].join(', ')}`,
    );
    const result = await db.exec(query(kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'));
    // 15:00–15:30: the worst of 40 and 95 s, 5 waiting at most, 2 snapshots; 15:30 holds one snapshot of each media.
    expect(result.map((r) => [isoOf(r.half_hour), r.queue_name, r.media_type, r.longest_wait_s, r.most_waiting, Number(r.snapshots)])).toEqual([
      ['2026-11-20T15:00:00Z', 'Billing', 'voice', 95, 5, 2],
      ['2026-11-20T15:30:00Z', 'Billing', '', null, 0, 1],
      ['2026-11-20T15:30:00Z', 'Billing', 'voice', 10, 1, 1],
    ]);
  });
});
