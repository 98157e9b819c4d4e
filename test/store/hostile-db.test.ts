/**
 * The store against databases that were altered, frozen, locked down or fed odd data (issue 32): each case exits 6
 * (or 2) with one line, or reads the right numbers.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbError } from '../../src/store/db-error.js';
import { openStore } from '../../src/store/open-store.js';
import { readStoredOccupancy } from '../../src/store/read-occupancy.js';
import type { LockHolder, Store, StoreOptions } from '../../src/store/store.js';
import { OCCUPANCY_TABLE, type StoredRow, type SyncState } from '../../src/store/tables.js';
import { resolveDbTarget } from '../../src/store/target.js';
import { parseInterval } from '../../src/time/duration.js';
import { describeWindow } from '../../src/time/report-window.js';
import { createTestDb, DB_KINDS, type TestDb } from './databases.js';

const T0 = Date.UTC(2026, 10, 20, 9, 0);
const HALF = 30 * 60_000;
const ME: LockHolder = { pid: process.pid, host: 'test-host', startedMs: T0 };
const AGENT_A = '6d2f5aa1-465b-4794-b8cd-a552d132d99b';
const AGENT_B = '43a07866-3b4d-4d95-9f41-f5607756f6c9';

function occ(slot: number, agentId: string, handleMs: number, name = `name ${agentId.slice(0, 4)}`): StoredRow {
  const start = T0 + slot * HALF;
  return [start, start + HALF, agentId, name, 2, handleMs / 1000, 0, 0, 0, 1.5, 1800, 900, 50, 0, handleMs, 0, 0, 0, 900_000, 900_000, 0, 0];
}

const state = (toMs: number, selection = ''): SyncState => ({
  report: 'occupancy',
  coveredFromMs: T0,
  coveredToMs: toMs,
  settings: { interval: '30m', tz: 'UTC', media: '', selection, threshold: '', shortAbandon: '', formula: '' },
});

async function rowsOf(store: Store): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for await (const row of store.readRows(OCCUPANCY_TABLE, T0, T0 + 4 * HALF)) rows.push(row);
  return rows;
}

/** What a call threw (or undefined). */
async function thrown(p: Promise<unknown>): Promise<Error | undefined> {
  try {
    await p;
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe.each(DB_KINDS)('hostile databases on %s', (kind) => {
  let db: TestDb;
  const open = (mode: 'sync' | 'read' = 'sync', target = db.target, options: StoreOptions = {}) =>
    openStore(resolveDbTarget(target, {}, '/'), mode, {}, ME, options);
  /** Two slots of agent A stored, the state saying `selection`. */
  const seed = async (selection = '', rows = [occ(0, AGENT_A, 1000), occ(1, AGENT_A, 3000)]) => {
    const store = await open();
    try {
      await store.acquireLock(ME);
      await store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + 2 * HALF, rows }], [state(T0 + 2 * HALF, selection)]);
    } finally {
      await store.close();
    }
  };

  beforeEach(async () => {
    db = await createTestDb(kind);
  });
  afterEach(async () => {
    await db.drop();
  });

  it('occupancy --db --agent outside the stored --agent selection is exit 2 naming the selection (not a row of zeros)', async () => {
    await seed(`--agent ${AGENT_A}`);
    const store = await open('read');
    try {
      const rw = describeWindow({ startMs: T0, endMs: T0 + 2 * HALF, interval: parseInterval('30m'), tz: 'UTC' });
      const error = await thrown(readStoredOccupancy(store, rw, [AGENT_B], []));
      expect(error?.constructor.name).toBe('UsageError');
      expect(error?.message).toContain(`--agent ${AGENT_B}: ${store.label} stores occupancy for --agent ${AGENT_A} only`);
      const inside = await readStoredOccupancy(store, rw, [AGENT_A], []);
      expect(inside.acc.get(AGENT_A, T0)?.handleMs).toBe(1000);
    } finally {
      await store.close();
    }
  });

  it('a count column changed to text is exit 6 naming the column, on open', async () => {
    await seed();
    if (kind === 'sqlite') {
      const cols = OCCUPANCY_TABLE.columns.map((c) => `${c.name} ${c.name === 'handled' ? 'TEXT' : c.kind === 'time' || c.kind === 'text' ? 'TEXT' : 'REAL'}`);
      await db.exec('DROP TABLE occupancy');
      await db.exec(`CREATE TABLE occupancy (${cols.join(', ')}, PRIMARY KEY (interval_start, agent_id))`);
    } else {
      // A DBA must drop the views on a column before changing its type.
      await db.exec('DROP VIEW occupancy_v, occupancy_daily_v; ALTER TABLE occupancy ALTER COLUMN handled TYPE text');
    }
    for (const mode of ['read', 'sync'] as const) {
      const error = await thrown(open(mode));
      expect(error).toBeInstanceOf(DbError);
      expect(error?.message).toMatch(/column occupancy\.handled is text, but must hold a number; it was altered or made by another version/i);
    }
  });

  it('a renamed column is exit 6 naming the missing one', async () => {
    await seed();
    await db.exec('ALTER TABLE occupancy RENAME COLUMN handle_ms TO handle_millis');
    const error = await thrown(open('read'));
    expect(error).toBeInstanceOf(DbError);
    expect(error?.message).toContain('table occupancy has no column handle_ms');
  });
});

describe('hostile databases on sqlite only', () => {
  let db: TestDb;
  const open = (mode: 'sync' | 'read' = 'sync', target = db.target) => openStore(resolveDbTarget(target, {}, '/'), mode, {}, ME);
  beforeEach(async () => {
    db = await createTestDb('sqlite');
    const store = await open();
    await store.acquireLock(ME);
    const rows = Array.from({ length: 3000 }, (_, i) => occ(i % 4, `${String(i).padStart(8, '0')}-465b-4794-b8cd-a552d132d99b`, 1000 + i));
    await store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + 4 * HALF, rows }], [state(T0 + 4 * HALF)]);
    await store.close();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('a corrupted page read with --db is exit 6, not an internal error', async () => {
    const size = statSync(db.target).size;
    expect(size).toBeGreaterThan(8 * 4096);
    const fd = openSync(db.target, 'r+');
    // Garbage over the last pages only: the schema and the first rows read fine, the scan fails part-way.
    for (let at = size - 4 * 4096; at < size; at += 4096) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
    closeSync(fd);
    const error = await thrown(
      open('read').then(async (s) => {
        try {
          await rowsOf(s);
        } finally {
          await s.close();
        }
      }),
    );
    expect(error).toBeInstanceOf(DbError);
    expect(error?.message).toMatch(/SQLite database .*: could not (read its tables|read occupancy): .*\(SQLITE_(CORRUPT|NOTADB)\w*\)/);
  });

  it('--db in a directory that does not exist is exit 2 naming the directory', async () => {
    const error = await thrown(open('sync', '/nonexistent-gcx-dir/sub/history.sqlite'));
    expect(error?.constructor.name).toBe('UsageError');
    expect(error?.message).toBe('--db /nonexistent-gcx-dir/sub/history.sqlite: the directory /nonexistent-gcx-dir/sub does not exist; create it or give another path');
  });

  it('a garbage covered_from in sync_state is exit 6 naming it', async () => {
    await db.exec("UPDATE sync_state SET covered_from = 'yesterday-ish'");
    const store = await open('read');
    try {
      const error = await thrown(store.readStates());
      expect(error).toBeInstanceOf(DbError);
      expect(error?.message).toContain("sync_state: the occupancy row's covered_from/covered_to is not a time");
    } finally {
      await store.close();
    }
  });

  it.each([
    ["interval = ''", "the occupancy row's interval is empty"],
    ["tz = ''", "the occupancy row's tz is empty"],
    ["interval = 'fortnightly'", 'the occupancy row\'s interval "fortnightly" is not one gcx-metrics writes'],
    ["tz = 'Mars/Olympus_Mons'", 'the occupancy row\'s tz "Mars/Olympus_Mons" is not a time zone'],
  ])('a sync_state setting altered or left by another version (%s) is exit 6 naming it, not an empty stored value', async (set, why) => {
    await db.exec(`UPDATE sync_state SET ${set}`);
    const store = await open('read');
    try {
      const error = await thrown(store.readStates());
      expect(error).toBeInstanceOf(DbError);
      expect(error?.message).toContain(`sync_state: ${why}; it was altered or written by another version of gcx-metrics`);
    } finally {
      await store.close();
    }
  });

  it('a number column holding text is exit 6 naming the column', async () => {
    await db.exec("UPDATE occupancy SET handled = 'lots' WHERE agent_id LIKE '00000000%'");
    const store = await open('read');
    try {
      const error = await thrown(rowsOf(store));
      expect(error).toBeInstanceOf(DbError);
      expect(error?.message).toContain('column handled: stored value "lots" is not a number');
    } finally {
      await store.close();
    }
  });

  it('a lock whose pid now belongs to a later process (pid reused) is taken over; the process that took it is respected', async () => {
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Taken before that process started: its pid was reused since.
      await db.exec(`INSERT INTO sync_lock (id, pid, host, started_at) VALUES (1, ${other.pid}, 'test-host', '2020-01-01T00:00:00Z')`);
      const store = await open();
      try {
        await store.acquireLock({ ...ME, startedMs: Date.now() });
        expect(await db.exec('SELECT pid FROM sync_lock')).toEqual([{ pid: process.pid }]);
        await store.releaseLock();
        // Taken after it started: a live sync.
        await db.exec(`INSERT INTO sync_lock (id, pid, host, started_at) VALUES (1, ${other.pid}, 'test-host', '${new Date(Date.now() + 5000).toISOString().slice(0, 19)}Z')`);
        const error = await thrown(store.acquireLock({ ...ME, startedMs: Date.now() }));
        expect(error?.message).toContain(`another sync holds ${db.target}: pid ${other.pid} on test-host`);
      } finally {
        await store.close();
      }
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a lock of another host (a container restarted under a new hostname) expires after 24 hours', async () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    await db.exec(`INSERT INTO sync_lock (id, pid, host, started_at) VALUES (1, 1, 'old-container', '2026-11-20T11:59:00Z')`);
    const store = await open();
    try {
      await store.acquireLock({ ...ME, startedMs: now });
      expect(await db.exec('SELECT host FROM sync_lock')).toEqual([{ host: 'test-host' }]);
      await store.releaseLock();
      await db.exec(`INSERT INTO sync_lock (id, pid, host, started_at) VALUES (1, 1, 'old-container', '2026-11-20T12:01:00Z')`);
      expect((await thrown(store.acquireLock({ ...ME, startedMs: now })))?.message).toContain('pid 1 on old-container');
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!DB_KINDS.includes('postgres'))('hostile databases on postgres only', () => {
  let db: TestDb;
  const open = (mode: 'sync' | 'read' = 'sync', target = db.target, options: StoreOptions = {}) =>
    openStore(resolveDbTarget(target, {}, '/'), mode, {}, ME, options);
  beforeEach(async () => {
    db = await createTestDb('postgres');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('sums in columns widened to bigint or numeric read as numbers (pg returns those as strings)', async () => {
    const store = await open();
    await store.acquireLock(ME);
    await store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + HALF, rows: [occ(0, AGENT_A, 1000)] }], [state(T0 + HALF)]);
    await store.close();
    await db.exec('DROP VIEW occupancy_v, occupancy_daily_v; ALTER TABLE occupancy ALTER COLUMN handle_ms TYPE bigint, ALTER COLUMN handled TYPE numeric, ALTER COLUMN talk_ms TYPE numeric(20,3)');
    const reader = await open('read');
    try {
      const [row] = await rowsOf(reader);
      expect([row![4], row![14], row![15]]).toEqual([2, 1000, 0]);
    } finally {
      await reader.close();
    }
  });

  it('a NUL in an agent name is stored as U+FFFD instead of failing every sync', async () => {
    const store = await open();
    try {
      await store.acquireLock(ME);
      await store.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + HALF, rows: [occ(0, AGENT_A, 1000, 'Ann\u0000Lee')] }], [state(T0 + HALF)]);
      expect((await rowsOf(store))[0]![3]).toBe('Ann\uFFFDLee');
    } finally {
      await store.close();
    }
  });

  it('an sslcert that cannot be read is exit 2 naming the file, with no password shown', async () => {
    const error = await thrown(open('sync', `${db.target.replace('gcx@', 'gcx:pw-never-shown@')}&sslcert=/missing/client.crt&sslkey=/missing/client.key`));
    expect(error?.constructor.name).toBe('UsageError');
    expect(error?.message).toContain('/missing/client.crt cannot be read (ENOENT)');
    expect(error?.message).not.toContain('pw-never-shown');
  });

  it('a writer role without CREATE on the schema syncs into tables an owner created', async () => {
    const role = `gcx_writer_${process.pid}`;
    const owner = await open();
    await owner.acquireLock(ME);
    await owner.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + HALF, rows: [occ(0, AGENT_A, 1000)] }], [state(T0 + HALF)]);
    await owner.close();
    await db.exec(`DROP ROLE IF EXISTS ${role}`);
    await db.exec(`CREATE ROLE ${role} LOGIN`);
    try {
      await db.exec(`REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT SELECT, INSERT, UPDATE, DELETE ON occupancy, service_level, queue_members, queue_snapshots, sync_state, days, queues, agents TO ${role}; GRANT SELECT ON schema_version TO ${role}`);
      const writer = await open('sync', db.target.replace('gcx@', `${role}@`));
      try {
        await writer.acquireLock(ME);
        await writer.commit([{ table: OCCUPANCY_TABLE, fromMs: T0, toMs: T0 + 2 * HALF, rows: [occ(0, AGENT_A, 1000), occ(1, AGENT_B, 2000)] }], [state(T0 + 2 * HALF)]);
        expect((await rowsOf(writer)).map((r) => r[14])).toEqual([1000, 2000]);
      } finally {
        await writer.close();
      }
    } finally {
      await db.exec(`REVOKE ALL ON occupancy, service_level, queue_members, queue_snapshots, sync_state, days, queues, agents, schema_version FROM ${role}`);
      await db.exec(`DROP ROLE ${role}`);
    }
  });
});

/** A loopback "server" that finishes the startup handshake (trust auth) and then never answers, like a frozen one. */
async function frozenServer(handshake: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.once('data', () => {
      if (!handshake) return;
      const authOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
      const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
      socket.write(Buffer.concat([authOk, ready]));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `postgresql://gcx:frozen-pw-77@127.0.0.1:${port}/x`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a frozen PostgreSQL server', () => {
  const short = { pgTimeouts: { connectMs: 400, queryMs: 400 } };
  for (const handshake of [false, true]) {
    it(`${handshake ? 'that stops answering after the handshake' : 'that never answers the handshake'} is exit 6 within the timeout`, { timeout: 10_000 }, async () => {
      const server = await frozenServer(handshake);
      try {
        const started = Date.now();
        const error = await thrown(
          openStore(resolveDbTarget(server.url, {}, '/'), 'sync', {}, ME, short).then(async (s) => {
            try {
              await s.acquireLock(ME);
            } finally {
              await s.close();
            }
          }),
        );
        expect(error).toBeInstanceOf(DbError);
        expect(error?.message).toMatch(handshake ? /could not read its tables: Query read timeout/ : /could not connect: .*timeout/i);
        expect(error?.message).not.toContain('frozen-pw-77');
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        await server.close();
      }
    });
  }
});
