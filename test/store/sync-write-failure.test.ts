/**
 * A sync whose write transaction fails (PostgreSQL: the server ends the session, as a shutdown or
 * pg_terminate_backend does; SQLite: the database refuses the write) reports THAT failure, in one line, exit 6 —
 * not the error of the cleanup that follows it (lock release, rollback, disconnect), which fails too (issue 32).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { openStore } from '../../src/store/open-store.js';
import { OCCUPANCY_TABLE, type StoredRow } from '../../src/store/tables.js';
import { resolveDbTarget } from '../../src/store/target.js';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { testDeps } from '../commands/support.js';
import { simEnv } from '../e2e/sim-env.js';
import { createTestDb, DB_KINDS, type TestDb } from './databases.js';

const T = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0, now: () => T + 2 * HOUR });
});
afterAll(async () => {
  await sim?.close();
});

async function cli(args: string[]) {
  const t = testDeps(new Date(T + 2 * HOUR).toISOString(), simEnv(sim));
  const code = await run(args, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

/**
 * Makes the next sync's write fail, and the lock release after it fail as well. PostgreSQL: the first INSERT into
 * occupancy terminates its own session (FATAL 57P01, what a server shutdown sends), so every later query of that
 * client fails. SQLite: the INSERT is refused, and so is the DELETE that releases the lock.
 */
async function breakWrites(db: TestDb): Promise<void> {
  if (db.kind === 'postgres') {
    await db.exec(`CREATE FUNCTION gcx_die() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5); RETURN NULL; END $$`);
    await db.exec('CREATE TRIGGER gcx_die BEFORE INSERT ON occupancy FOR EACH STATEMENT EXECUTE FUNCTION gcx_die()');
  } else {
    await db.exec("CREATE TRIGGER gcx_refuse BEFORE INSERT ON occupancy BEGIN SELECT RAISE(ABORT, 'write refused by the test'); END");
    await db.exec("CREATE TRIGGER gcx_keep_lock BEFORE DELETE ON sync_lock BEGIN SELECT RAISE(ABORT, 'lock release refused by the test'); END");
  }
}

describe.each(DB_KINDS)('a sync whose write fails on %s', { timeout: 120_000 }, (kind) => {
  let db: TestDb;
  afterEach(async () => {
    await db?.drop();
  });

  for (const verbose of [false, true]) {
    it(`exits 6 naming the write's error, not the lock release's${verbose ? ' (--verbose: at most one more line)' : ''}`, async () => {
      db = await createTestDb(kind);
      // The password is never asked for (trust) but must never be shown.
      const target = kind === 'postgres' ? db.target.replace('gcx@', 'gcx:pw-never-shown-9@') : db.target;
      const sync = (to: number, more: string[]) => cli(['sync', '--db', target, '--tz', 'UTC', '--report', 'occupancy', '--to', iso(to), ...more]);
      const first = await sync(T, ['--quiet']);
      expect(first.code, first.stderr).toBe(0);
      const before = await db.dump(['sync_lock']);
      await breakWrites(db);

      const r = await sync(T + HOUR, verbose ? ['--verbose'] : ['--quiet']);
      expect(r.code, r.stderr).toBe(6);
      const lines = r.stderr.trim().split('\n');
      // The error shown (exactly one, last) is the write's.
      const errorLines = lines.filter((l) => l.startsWith('gcx-metrics: '));
      expect(errorLines).toHaveLength(1);
      expect(lines.at(-1)).toBe(errorLines[0]);
      expect(errorLines[0]).toMatch(
        kind === 'postgres'
          ? /PostgreSQL database .*: could not write occupancy: terminating connection due to administrator command \(57P01\)/
          : /SQLite database .*: could not write occupancy: write refused by the test \(SQLITE_CONSTRAINT\w*\)/,
      );
      expect(r.stderr).not.toContain('pw-never-shown-9');
      if (verbose) {
        // The cleanup's failure may be mentioned once, as a debug line.
        expect(lines.filter((l) => /release the sync lock/.test(l)).length).toBeLessThanOrEqual(1);
      } else {
        expect(lines).toHaveLength(1);
        expect(r.stderr).not.toContain('release the sync lock');
      }
      expect(await db.dump(['sync_lock'])).toBe(before);
    });
  }
});

describe.skipIf(!DB_KINDS.includes('postgres'))('a PostgreSQL session ended by the server mid-write', () => {
  it('fails the commit with the server\'s error; close() afterwards sends nothing more and does not throw', async () => {
    const db = await createTestDb('postgres');
    try {
      const me = { pid: process.pid, host: 'test-host', startedMs: T };
      const store = await openStore(resolveDbTarget(db.target, {}, '/'), 'sync', {}, me);
      await store.acquireLock(me);
      await breakWrites(db);
      const row: StoredRow = [T, T + HOUR / 2, 'a', 'A', 1, 1, 0, 0, 0, 1, 1800, 1, null, 0, 1000, 0, 0, 0, 0, 1000, 0, 0];
      await expect(store.commit([{ table: OCCUPANCY_TABLE, fromMs: T, toMs: T + HOUR / 2, rows: [row] }], [])).rejects.toThrow(
        /could not write occupancy: terminating connection due to administrator command \(57P01\)/,
      );
      await expect(store.close()).resolves.toBeUndefined();
    } finally {
      await db.drop();
    }
  });
});
