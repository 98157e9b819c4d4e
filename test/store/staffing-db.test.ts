/**
 * `staffing --db` after a `sync` equals `staffing` from the API over the same window: the service-level rows, the
 * queue members sync stored (queue_members) and the members' stored on-queue time give the same report. In-process
 * CLI runs against an in-process simulator, on SQLite and (where installed) PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { testDeps } from '../commands/support.js';
import { simEnv } from '../e2e/sim-env.js';
import { createTestDb, DB_KINDS, type TestDb } from './databases.js';

const T = Date.parse('2026-11-20T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0, now: () => T + 3_600_000 });
});
afterAll(async () => {
  await sim?.close();
});

async function cli(args: string[]) {
  const t = testDeps(iso(T + 3_600_000), simEnv(sim));
  const code = await run(args, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe.each(DB_KINDS)('staffing --db on %s', { timeout: 180_000 }, (kind) => {
  const dbs: TestDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.drop();
  });

  it('equals the API report over the same window after a sync, and sync stored each queue\'s members', async () => {
    const db = await createTestDb(kind);
    dbs.push(db);
    const synced = await cli(['sync', '--db', db.target, '--tz', 'UTC', '--to', iso(T), '--threshold', 'queue', '--quiet']);
    expect(synced.code, synced.stderr).toBe(0);

    const members = await db.exec('SELECT queue_id, agent_id, joined, last_seen FROM queue_members ORDER BY queue_id, agent_id');
    expect(members.length).toBeGreaterThan(0);
    // last_seen is the service-level high-water mark of the sync (not the wall clock): identical syncs, identical rows.
    expect(new Set(members.map((m) => iso(new Date(m.last_seen as string).getTime())))).toEqual(new Set([iso(T)]));
    expect(new Set(members.map((m) => m.joined === true || m.joined === 1))).toEqual(new Set([true]));

    const window = ['--from', iso(T - 6 * 3_600_000), '--to', iso(T), '--tz', 'UTC', '--format', 'csv', '--quiet'];
    const api = await cli(['staffing', ...window]);
    const stored = await cli(['staffing', '--db', db.target, ...window]);
    expect(api.code, api.stderr).toBe(0);
    expect(stored.code, stored.stderr).toBe(0);
    expect(api.stdout.split('\n').length).toBeGreaterThan(5);
    expect(stored.stdout).toBe(api.stdout);
    // Staffed agents were found, not all zero.
    expect(api.stdout).toMatch(/,voice,\d+,[\d.]+,[\d.]+,\d+,\d+,\d+,[\d.]+,[1-9]/);
  });

  it('without --threshold, --short-abandon or --formula it takes the ones the database was synced with', async () => {
    const db = await createTestDb(kind);
    dbs.push(db);
    const goals = ['--threshold', '30', '--short-abandon', '10', '--formula', 'offered'];
    expect((await cli(['sync', '--db', db.target, '--tz', 'UTC', '--to', iso(T), ...goals, '--quiet'])).code).toBe(0);
    const window = ['--from', iso(T - 6 * 3_600_000), '--to', iso(T), '--tz', 'UTC', '--format', 'csv', '--quiet'];
    const stored = await cli(['staffing', '--db', db.target, '--target', '80', ...window]);
    const api = await cli(['staffing', ...goals, '--target', '80', ...window]);
    const apiDefaults = await cli(['staffing', '--target', '80', ...window]);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toBe(api.stdout);
    // The stored goals change the numbers: the defaults (each queue's own target, genesys, no short abandons) differ.
    expect(apiDefaults.stdout).not.toBe(api.stdout);
    expect(stored.stdout).toMatch(/,voice,\d+,[\d.]+,[\d.]+,30,80,/);
  });

  it('a window the database does not cover is exit 2 naming the stored range', async () => {
    const db = await createTestDb(kind);
    dbs.push(db);
    expect((await cli(['sync', '--db', db.target, '--tz', 'UTC', '--to', iso(T), '--threshold', 'queue', '--quiet'])).code).toBe(0);
    const r = await cli(['staffing', '--db', db.target, '--from', '2026-10-01', '--to', '2026-10-02', '--tz', 'UTC', '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
