/**
 * The two real databases the store and sync tests run against: a SQLite file in a temp dir, and a fresh database
 * on the throw-away PostgreSQL cluster of test/global-setup-postgres.ts. No mocks of either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { TABLES } from '../../src/store/tables.js';

export interface TestDb {
  kind: 'sqlite' | 'postgres';
  /** What --db takes. */
  target: string;
  /**
   * Every table, every row, in key order: equal dumps mean equal databases. `except` leaves tables out (a SQLite
   * sync killed with -9 leaves its lock row behind for the next sync to take over; that row is not history).
   */
  dump(except?: string[]): Promise<string>;
  /** Runs SQL directly (for tests that tamper with or inspect the database). */
  exec(sql: string): Promise<Array<Record<string, unknown>>>;
  drop(): Promise<void>;
}

export const PG_SKIP = inject('pgSkip');
const PG_URL = inject('pgUrl');

/** The kinds to run a suite on: both, or SQLite alone where PostgreSQL is not installed (outside CI). */
export const DB_KINDS: Array<TestDb['kind']> = PG_SKIP === '' ? ['sqlite', 'postgres'] : ['sqlite'];

const KEYS: Record<string, string> = {
  ...Object.fromEntries(TABLES.map((t) => [t.name, t.key.join(', ')])),
  sync_state: 'report',
  sync_lock: 'id',
};

let counter = 0;

export async function createTestDb(kind: TestDb['kind']): Promise<TestDb> {
  return kind === 'sqlite' ? sqliteDb() : postgresDb();
}

/** For a describe block: `newDb()` makes a fresh database of `kind`; each is dropped after its test. */
export function useTestDbs(kind: TestDb['kind']): () => Promise<TestDb> {
  const dbs: TestDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.drop();
  });
  return async () => {
    const db = await createTestDb(kind);
    dbs.push(db);
    return db;
  };
}

function sqliteDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'gcx-sqlite-'));
  const path = join(dir, 'history.sqlite');
  const withDb = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(path);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    target: path,
    async dump(except = []) {
      return withDb((db) => {
        const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>;
        const tables = all.filter((t) => !except.includes(t.name));
        return tables
          .map((t) => [t.sql, ...db.prepare(`SELECT * FROM ${t.name} ORDER BY ${KEYS[t.name] ?? 1}`).raw().all().map((r) => JSON.stringify(r))].join('\n'))
          .join('\n\n');
      });
    },
    async exec(sql) {
      return withDb((db) => {
        const statement = db.prepare(sql);
        return statement.reader ? (statement.all() as Array<Record<string, unknown>>) : (statement.run(), []);
      });
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDb(): Promise<TestDb> {
  const name = `gcx_t_${process.pid}_${++counter}`;
  await withClient(PG_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = PG_URL.replace(/\/postgres\?/, `/${name}?`);
  return {
    kind: 'postgres',
    target: url,
    async dump(except = []) {
      return withClient(url, async (c) => {
        const tables = await c.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
        const parts: string[] = [];
        for (const { table_name: t } of tables.rows.filter((r) => !except.includes(r.table_name))) {
          const columns = await c.query(
            'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
            [t],
          );
          const rows = await c.query({ text: `SELECT * FROM ${t} ORDER BY ${KEYS[t] ?? 1}`, rowMode: 'array' });
          parts.push([t, JSON.stringify(columns.rows), ...rows.rows.map((r) => JSON.stringify(r))].join('\n'));
        }
        return parts.join('\n\n');
      });
    },
    async exec(sql) {
      return withClient(url, async (c) => (await c.query(sql)).rows);
    },
    async drop() {
      await withClient(PG_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
