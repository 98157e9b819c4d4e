import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbError } from '../../src/store/db-error.js';
import { openStore } from '../../src/store/open-store.js';
import type { LockHolder, Store } from '../../src/store/store.js';
import { OCCUPANCY_TABLE, SERVICE_LEVEL_TABLE, type StoredRow, type SyncState } from '../../src/store/tables.js';
import { resolveDbTarget } from '../../src/store/target.js';
import { createTestDb, DB_KINDS, type TestDb } from './databases.js';

const T0 = Date.UTC(2026, 10, 20, 9, 0);
const HALF = 30 * 60_000;
const ME: LockHolder = { pid: process.pid, host: 'test-host', startedMs: T0 };
const AGENT_A = '6d2f5aa1-465b-4794-b8cd-a552d132d99b';
const AGENT_B = '43a07866-3b4d-4d95-9f41-f5607756f6c9';

/** An occupancy row as the store keeps it: report cells, then the additive ms sums. */
function occ(slot: number, agentId: string, handleMs: number): StoredRow {
  const start = T0 + slot * HALF;
  return [start, start + HALF, agentId, `name ${agentId.slice(0, 4)}`, 1, handleMs / 1000, 0, 0, 0, 1.5, 1800, 900, 50, 0, handleMs, 0, 0, 0, 900_000, 900_000, 0, 0];
}

const state = (toMs: number): SyncState => ({
  report: 'occupancy',
  coveredFromMs: T0,
  coveredToMs: toMs,
  settings: { interval: '30m', tz: 'UTC', media: '', selection: '', threshold: '', shortAbandon: '', formula: '' },
});

async function rowsOf(store: Store, fromMs = T0, toMs = T0 + 10 * HALF): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for await (const row of store.readRows(OCCUPANCY_TABLE, fromMs, toMs)) rows.push(row);
  return rows;
}

describe.each(DB_KINDS)('store on %s', (kind) => {
  let db: TestDb;
  let store: Store;
  const open = (mode: 'sync' | 'read' = 'sync', options = {}) =>
    openStore(resolveDbTarget(db.target, {}, '/'), mode, {}, { ...ME, pid: process.pid }, options);

  beforeEach(async () => {
    db = await createTestDb(kind);
    store = await open();
    await store.ensureSchema();
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('replaces every row of the covered range and keeps the rest, with the state, in one commit', async () => {
    await store.acquireLock(ME);
    await store.commit(
      [{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + 3 * HALF, rows: [occ(0, AGENT_A, 1000), occ(1, AGENT_A, 2000), occ(1, AGENT_B, 3000), occ(2, AGENT_B, 4000)] }],
      [state(T0 + 3 * HALF)],
    );
    // Restate slots 1..2: B vanished from slot 1 upstream, A's slot 1 changed; slot 0 is outside and stays.
    await store.acquireLock(ME);
    await store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0 + HALF, toMs: T0 + 3 * HALF, rows: [occ(1, AGENT_A, 2500), occ(2, AGENT_B, 4000)] }], [state(T0 + 3 * HALF)]);
    const rows = await rowsOf(store);
    expect(rows.map((r) => [r[0], r[2], r[14]])).toEqual([
      [T0, AGENT_A, 1000],
      [T0 + HALF, AGENT_A, 2500],
      [T0 + 2 * HALF, AGENT_B, 4000],
    ]);
    expect(rows[0]).toEqual(occ(0, AGENT_A, 1000));
    expect(await store.readStates()).toEqual([state(T0 + 3 * HALF)]);
    // Nulls and booleans round-trip in the service-level table.
    const sl: StoredRow = [T0, T0 + HALF, 'q1', 'Sales', 'voice', 0, 0, 0, 0, 0, 1, null, null, null, 20, 80, null, null, 0, 0, 0];
    const sl2: StoredRow = [T0, T0 + HALF, 'q1', 'Sales', 'chat', 4, 4, 4, 0, 0, 0, 100, 2.5, 0, 20, 80, true, 31.25, 10_000, 4, 125_000];
    await store.commit([{ table: SERVICE_LEVEL_TABLE, fromMs: T0, toMs: T0 + HALF, rows: [sl, sl2] }], []);
    const back: StoredRow[] = [];
    for await (const row of store.readRows(SERVICE_LEVEL_TABLE, T0, T0 + HALF)) back.push(row);
    expect(back).toEqual([sl2, sl]);
  });

  it('changes nothing when the transaction fails after its first write', async () => {
    await store.acquireLock(ME);
    await store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + HALF, rows: [occ(0, AGENT_A, 1000)] }], [state(T0 + HALF)]);
    const before = await db.dump();
    await store.close();
    store = await open('sync', { afterFirstWrite: async () => Promise.reject(new Error('killed')) });
    await store.acquireLock(ME);
    await expect(
      store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + 2 * HALF, rows: [occ(1, AGENT_B, 7)] }], [state(T0 + 2 * HALF)]),
    ).rejects.toThrow('killed');
    await store.releaseLock();
    expect(await db.dump()).toBe(before);
  });

  it('lets one sync hold the lock: a second gets exit 6 at once, naming the holder', async () => {
    await store.acquireLock(ME);
    const other = await openStore(resolveDbTarget(db.target, {}, '/'), 'sync', {}, { pid: 4242, host: 'other-host', startedMs: T0 });
    try {
      const error = await other.acquireLock({ pid: 4242, host: 'other-host', startedMs: T0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DbError);
      expect((error as DbError).exitCode).toBe(6);
      expect((error as DbError).message).toMatch(kind === 'sqlite' ? `pid ${process.pid} on test-host, started 2026-11-20T09:00:00Z` : `pid ${process.pid} on test-host`);
      await store.releaseLock();
      await other.acquireLock({ pid: 4242, host: 'other-host', startedMs: T0 });
    } finally {
      await other.close();
    }
  });

  it('reads an empty state before the first sync, and none of a missing table', async () => {
    const fresh = await createTestDb(kind);
    const empty = await openStore(resolveDbTarget(fresh.target, {}, '/'), 'sync', {}, ME);
    try {
      expect(await empty.readStates()).toEqual([]);
      expect(await rowsOf(empty)).toEqual([]);
    } finally {
      await empty.close();
      await fresh.drop();
    }
  });
});

describe('store on sqlite, lock left by a killed sync', () => {
  it('is taken over when its pid no longer runs on this host', async () => {
    const db = await createTestDb('sqlite');
    const store = await openStore(resolveDbTarget(db.target, {}, '/'), 'sync', {}, ME);
    try {
      await store.ensureSchema();
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      await db.exec(`INSERT INTO sync_lock (id, pid, host, started_at) VALUES (1, ${Number(gone.stdout)}, 'test-host', '2026-11-20T08:00:00Z')`);
      await store.acquireLock(ME);
      expect(await db.exec('SELECT pid FROM sync_lock')).toEqual([{ pid: process.pid }]);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

describe('database targets', () => {
  it('takes sqlite:, plain paths and postgres URLs, with the password hidden from the label', () => {
    expect(resolveDbTarget(undefined, {}, '/srv')).toEqual({ kind: 'sqlite', path: '/srv/gcx-metrics.sqlite', label: '/srv/gcx-metrics.sqlite' });
    expect(resolveDbTarget('sqlite:hist.db', {}, '/srv').label).toBe('/srv/hist.db');
    expect(resolveDbTarget(undefined, { GCX_DB: '/var/lib/gcx.sqlite' }, '/srv').label).toBe('/var/lib/gcx.sqlite');
    const t = resolveDbTarget('postgresql://report:s3cr3t-pw@db.example:5432/gcx?sslmode=require', {}, '/');
    expect(t).toEqual({
      kind: 'postgres',
      url: 'postgresql://report:s3cr3t-pw@db.example:5432/gcx?sslmode=require',
      label: 'postgresql://report:***@db.example:5432/gcx?sslmode=require',
    });
    expect(resolveDbTarget('postgres://u@h/db?password=hunter22', {}, '/').label).toBe('postgres://u@h/db?password=***');
  });

  it('rejects an empty value and other schemes with exit 2, naming what is accepted', () => {
    expect(() => resolveDbTarget('', {}, '/')).toThrow('--db: the value is empty; use sqlite:<path>, a file path, or postgres://');
    expect(() => resolveDbTarget(undefined, { GCX_DB: ' ' }, '/')).toThrow('GCX_DB: the value is empty');
    expect(() => resolveDbTarget('mysql://u:pw123456@h/db', {}, '/')).toThrow('--db: "mysql://" databases are not supported');
    expect(() => resolveDbTarget('sqlite:', {}, '/')).toThrow('--db: "sqlite:" names no file');
  });
});

describe.skipIf(!DB_KINDS.includes('postgres'))('postgres failures', () => {
  it('an unreachable server is exit 6 and its message carries no password', async () => {
    const target = resolveDbTarget('postgresql://gcx:pw-never-shown@localhost/x?host=/nonexistent-gcx-socket-dir', {}, '/');
    const error = await openStore(target, 'sync', {}, ME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect((error as Error).message).toContain('postgresql://gcx:***@localhost/x');
    expect((error as Error).message).not.toContain('pw-never-shown');
  });

  it('a refused connection (no such database) is exit 6 naming it', async () => {
    const db = await createTestDb('postgres');
    await db.drop();
    const error = await openStore(resolveDbTarget(db.target.replace('gcx@', 'gcx:pw-never-shown@'), {}, '/'), 'sync', {}, ME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect((error as Error).message).toMatch(/could not connect: database "gcx_t_\d+_\d+" does not exist \(3D000\)/);
    expect((error as Error).message).not.toContain('pw-never-shown');
  });
});
