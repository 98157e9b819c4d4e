import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { isoZ } from '../time/format.js';

export { isoZ };
import { redact } from '../redact.js';
import { DbError } from './db-error.js';
import { lockIsLive } from './lock-liveness.js';
import { openSqliteDatabase } from './sqlite-open.js';
import { checkedState } from './state-check.js';
import { checkSchema, EXPECTED_TABLES, type ActualColumn } from './schema-check.js';
import { checkNotNewer, migrationsAfter, SCHEMA_VERSION, schemaVersionOf, sqlLiteral, V1_TABLES } from './schema-version.js';
import { daysOfCommit, daysOfStates } from './days.js';
import { VIEW_NAMES, viewStatements } from './views.js';
import type { LockHolder, Store, StoreOptions, TableReplacement, TableUpsert } from './store.js';
import { DAYS_TABLE, SETTING_COLUMNS, TABLES, type ColumnSpec, type StoredRow, type SyncState, type TableSpec } from './tables.js';

const SQL_TYPE: Record<ColumnSpec['kind'], string> = {
  time: 'TEXT', // ISO-8601 UTC with Z, seconds precision: sorts as it reads
  text: 'TEXT',
  count: 'INTEGER',
  ms: 'INTEGER', // integer affinity keeps whole milliseconds as integers and anything else as REAL
  real: 'REAL',
  bool: 'INTEGER',
  date: 'TEXT', // YYYY-MM-DD
};

/** Rows written per synchronous step: the rows iterable may be fetching between steps. */
const BATCH_ROWS = 5_000;


/**
 * SQLite through better-sqlite3: WAL (reports read while a sync writes), busy_timeout, one BEGIN IMMEDIATE
 * transaction per commit. better-sqlite3 is synchronous; the async interface is the Store's, shared with PostgreSQL.
 * The sync lock is a row (pid, host, start) committed on its own: a second sync reads it and exits 6 at once; a row
 * left by a killed sync is taken over when its pid no longer runs on this host (a SQLite file in WAL mode is only
 * ever shared on one host: WAL does not work over network file systems).
 */
export function openSqliteStore(path: string, mode: 'sync' | 'read', options: StoreOptions = {}): Store {
  // A sync that creates the file and ends before it commits any history removes it again (see close()): a failed
  // first run (bad credentials, the API down) leaves no empty database that later reads would take for a history.
  const created = mode === 'sync' && !existsSync(path);
  let holdsHistory = !created;
  const db = attempt(path, 'open', () => openSqliteDatabase(path, mode));
  let lockedBy: LockHolder | undefined;
  const run = <T>(doing: string, fn: () => T): T => attempt(path, doing, fn);
  const hasTable = (name: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const columnsOf = () =>
    db
      .prepare(`SELECT m.name AS "table", p.name AS name, p.type AS type FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name IN (${EXPECTED_TABLES.map(() => '?').join(', ')})`)
      .all(...EXPECTED_TABLES.map((t) => t.name)) as ActualColumn[];
  const schemaVersion = () => {
    const recorded = hasTable('schema_version') ? (db.prepare('SELECT version FROM schema_version').pluck().get() as unknown) : undefined;
    return schemaVersionOf(path, recorded ?? (hasTable('schema_version') ? 'nothing' : undefined), V1_TABLES.some(hasTable));
  };
  try {
    const version = run('read its schema version', schemaVersion);
    checkNotNewer(path, version);
    checkSchema('sqlite', path, run('read its tables', columnsOf), version, mode);
  } catch (error) {
    db.close();
    throw error;
  }

  const isEmpty = () => {
    try {
      return [...TABLES.map((t) => t.name), 'sync_state', 'sync_lock'].every(
        (name) => !hasTable(name) || db.prepare(`SELECT 1 FROM ${name} LIMIT 1`).get() === undefined,
      );
    } catch {
      return false;
    }
  };

  const store: Store = {
    label: path,

    async ensureSchema() {
      // Nothing to do (the usual run): no write transaction, so a sync that finds another one mid-write reports
      // it at once instead of waiting for its write lock.
      const complete = () =>
        schemaVersion() === SCHEMA_VERSION &&
        [...TABLES.map((t) => t.name), 'sync_state', 'sync_lock', 'schema_version', ...VIEW_NAMES].every(
          (name) => db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(name) !== undefined,
        );
      if (run('read its schema', complete)) return;
      // One IMMEDIATE transaction: two first syncs never both upgrade, and a failed upgrade leaves the old schema.
      run('create or upgrade its tables', () =>
        immediate(db, () => {
          const version = schemaVersion();
          checkNotNewer(path, version);
          db.exec(
            [
              ...TABLES.map(createTable),
              `CREATE TABLE IF NOT EXISTS sync_state (report TEXT PRIMARY KEY, covered_from TEXT NOT NULL, covered_to TEXT NOT NULL, ${SETTING_COLUMNS.map(([, c]) => `${c} TEXT NOT NULL`).join(', ')})`,
              'CREATE TABLE IF NOT EXISTS sync_lock (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL)',
              'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)',
            ].join(';\n'),
          );
          if (version === SCHEMA_VERSION) {
            // Views someone dropped come back.
            for (const statement of viewStatements('sqlite')) db.exec(statement.replace('CREATE VIEW', 'CREATE VIEW IF NOT EXISTS'));
            return;
          }
          for (const migration of migrationsAfter(version)) {
            for (const step of migration.steps) {
              if ('create' in step) db.exec(createTable(step.create));
              else if ('add' in step) {
                const present = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(step.to) as string[]).includes(step.add.name);
                if (!present) db.exec(`ALTER TABLE ${step.to} ADD COLUMN ${columnDdl(step.add)}${step.fill === null ? '' : ` DEFAULT ${sqlLiteral(step.fill)}`}`);
              } else {
                const states = (db.prepare('SELECT * FROM sync_state').all() as Array<Record<string, string>>).map((r) => stateFromRow(r, path));
                upsert(db, DAYS_TABLE, daysOfStates(states));
              }
            }
          }
          for (const view of VIEW_NAMES) db.exec(`DROP VIEW IF EXISTS ${view}`);
          for (const statement of viewStatements('sqlite')) db.exec(statement);
          db.exec('DELETE FROM schema_version');
          db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
        }),
      );
    },

    async acquireLock(holder) {
      await store.ensureSchema();
      const readHolder = () =>
        db.prepare('SELECT pid, host, started_at FROM sync_lock WHERE id = 1').get() as { pid: number; host: string; started_at: string } | undefined;
      const refuse = (row: { pid: number; host: string; started_at: string }) =>
        new DbError(
          `another sync holds ${path}: pid ${row.pid} on ${row.host}, started ${row.started_at}; this run changed nothing` +
            (row.host === holder.host ? '' : ' (if that process is gone, delete its row: DELETE FROM sync_lock)'),
        );
      // A plain read first (WAL readers never wait): a running sync is reported at once, even while it commits.
      const seen = run('read the sync lock', readHolder);
      if (seen && lockIsLive(seen, holder, holder.startedMs)) throw refuse(seen);
      run('take the sync lock', () =>
        immediate(db, () => {
          const row = readHolder();
          if (row && lockIsLive(row, holder, holder.startedMs)) throw refuse(row);
          db.prepare('INSERT OR REPLACE INTO sync_lock (id, pid, host, started_at) VALUES (1, ?, ?, ?)').run(holder.pid, holder.host, isoZ(holder.startedMs));
        }),
      );
      lockedBy = holder;
    },

    async releaseLock() {
      if (!lockedBy) return;
      const holder = lockedBy;
      lockedBy = undefined;
      run('release the sync lock', () => db.prepare('DELETE FROM sync_lock WHERE pid = ? AND host = ?').run(holder.pid, holder.host));
    },

    async readStates() {
      return run('read sync_state', () => {
        if (!hasTable('sync_state')) return [];
        const rows = db.prepare('SELECT * FROM sync_state ORDER BY report').all() as Array<Record<string, string>>;
        return rows.map((r) => stateFromRow(r, path));
      });
    },

    async commit(replacements, states, upserts: readonly TableUpsert[] = []) {
      run('begin the write', () => db.exec('BEGIN IMMEDIATE'));
      try {
        let first = true;
        for (const r of replacements) {
          await replace(db, r, run);
          if (first) await options.afterFirstWrite?.();
          first = false;
        }
        run('write the days and dimension tables', () => {
          upsert(db, DAYS_TABLE, daysOfCommit(replacements, states));
          for (const u of upserts) upsert(db, u.table, u.rows);
        });
        run('write sync_state', () => {
          const columns = ['report', 'covered_from', 'covered_to', ...SETTING_COLUMNS.map(([, c]) => c)];
          const insert = db.prepare(`INSERT OR REPLACE INTO sync_state (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
          for (const s of states) insert.run(s.report, isoZ(s.coveredFromMs), isoZ(s.coveredToMs), ...SETTING_COLUMNS.map(([k]) => s.settings[k]));
          if (lockedBy) db.prepare('DELETE FROM sync_lock WHERE pid = ? AND host = ?').run(lockedBy.pid, lockedBy.host);
        });
        run('commit', () => db.exec('COMMIT'));
        holdsHistory = true;
        lockedBy = undefined;
      } catch (error) {
        rollback(db);
        throw error;
      }
    },

    async *readRows(table, fromMs, toMs) {
      if (!run(`read ${table.name}`, () => hasTable(table.name))) return;
      const doing = `read ${table.name}`;
      const statement = run(doing, () =>
        db
          .prepare(`SELECT ${table.columns.map((c) => c.name).join(', ')} FROM ${table.name} WHERE ${table.key[0]} >= ? AND ${table.key[0]} < ? ORDER BY ${table.key.join(', ')}`)
          .raw(),
      );
      const kinds = table.columns.map((c) => c.kind);
      const rows = run(doing, () => statement.iterate(isoZ(fromMs), isoZ(toMs))) as Iterator<unknown[]>;
      // Stepping reads the pages: a corrupted one fails here, not in iterate().
      try {
        for (;;) {
          const next = run(doing, () => rows.next());
          if (next.done) return;
          yield next.value.map((v, i) => {
            try {
              return fromSql(v, kinds[i]!);
            } catch (error) {
              throw new DbError(`SQLite database ${path}: could not ${doing}: column ${table.columns[i]!.name}: ${(error as Error).message}; the table was altered. Restore it or sync into another --db`);
            }
          });
        }
      } finally {
        // An unfinished statement keeps the connection busy: close() would fail.
        rows.return?.();
      }
    },

    async readAll(table) {
      const doing = `read ${table.name}`;
      if (!run(doing, () => hasTable(table.name))) return [];
      const kinds = table.columns.map((c) => c.kind);
      const rows = run(doing, () =>
        db.prepare(`SELECT ${table.columns.map((c) => c.name).join(', ')} FROM ${table.name} ORDER BY ${table.key.join(', ')}`).raw().all(),
      ) as unknown[][];
      return rows.map((row) =>
        row.map((v, i) => {
          try {
            return fromSql(v, kinds[i]!);
          } catch (error) {
            throw new DbError(`SQLite database ${path}: could not ${doing}: column ${table.columns[i]!.name}: ${(error as Error).message}; the table was altered. Restore it or sync into another --db`);
          }
        }),
      );
    },

    async close() {
      try {
        await store.releaseLock();
      } finally {
        // Only a file this run created, and only while nobody else wrote to it either (another first sync that
        // opened it meanwhile holds its lock row or has committed rows).
        const discard = !holdsHistory && isEmpty();
        db.close();
        if (discard) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
      }
    },
  };
  return store;
}

const columnDdl = (c: ColumnSpec) => `${c.name} ${SQL_TYPE[c.kind]}${c.nullable ? '' : ' NOT NULL'}`;

function createTable(t: TableSpec): string {
  return `CREATE TABLE IF NOT EXISTS ${t.name} (${t.columns.map(columnDdl).join(', ')}, PRIMARY KEY (${t.key.join(', ')})) WITHOUT ROWID`;
}

/** Inserts rows, replacing those with the same key (dimension rows are refreshed whole). Runs inside a transaction. */
function upsert(db: Database.Database, table: TableSpec, rows: readonly StoredRow[]): void {
  if (rows.length === 0) return;
  const names = table.columns.map((c) => c.name);
  const insert = db.prepare(`INSERT OR REPLACE INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  const kinds = table.columns.map((c) => c.kind);
  for (const row of rows) insert.run(row.map((v, i) => toSql(v, kinds[i]!)));
}

/** Deletes the range, then inserts the rows as they arrive (a sync fetches them slice by slice meanwhile). */
async function replace(db: Database.Database, r: TableReplacement, run: <T>(doing: string, fn: () => T) => T): Promise<void> {
  const doing = `write ${r.table.name}`;
  if (r.keyed) {
    const { column, values } = r.keyed;
    const remove = run(doing, () => db.prepare(`DELETE FROM ${r.table.name} WHERE ${column} = ?`));
    run(doing, () => {
      for (const value of values()) remove.run(value);
    });
  } else {
    run(doing, () => db.prepare(`DELETE FROM ${r.table.name} WHERE ${r.table.key[0]} >= ? AND ${r.table.key[0]} < ?`).run(isoZ(r.fromMs), isoZ(r.toMs)));
  }
  const names = r.table.columns.map((c) => c.name);
  const insert = run(doing, () => db.prepare(`INSERT INTO ${r.table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`));
  const kinds = r.table.columns.map((c) => c.kind);
  let batch: StoredRow[] = [];
  const flush = () => {
    run(doing, () => {
      for (const row of batch) insert.run(row.map((v, i) => toSql(v, kinds[i]!)));
    });
    batch = [];
  };
  for await (const row of r.rows) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) flush();
  }
  flush();
}

function toSql(v: StoredRow[number], kind: ColumnSpec['kind']): string | number | null {
  if (v === null) return null;
  if (kind === 'time') return isoZ(v as number);
  if (kind === 'bool') return v ? 1 : 0;
  return v as string | number;
}

function fromSql(v: unknown, kind: ColumnSpec['kind']): StoredRow[number] {
  if (v === null) return null;
  if (kind === 'time') return Date.parse(v as string);
  if (kind === 'bool') return v === 1;
  // SQLite keeps whatever was written: text in a number column would print as garbage.
  if (typeof v !== 'number' && kind !== 'text') throw new TypeError(`stored value ${JSON.stringify(String(v).slice(0, 40))} is not a number`);
  return v as string | number;
}

function stateFromRow(state: Record<string, string>, label: string): SyncState {
  const settings = Object.fromEntries(SETTING_COLUMNS.map(([k, c]) => [k, state[c] ?? ''])) as unknown as SyncState['settings'];
  return checkedState(label, { report: state.report as SyncState['report'], coveredFromMs: Date.parse(state.covered_from!), coveredToMs: Date.parse(state.covered_to!), settings });
}

/** A short write transaction that takes the write lock at once (no upgrade deadlock between two writers). */
function immediate(db: Database.Database, fn: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    fn();
    db.exec('COMMIT');
  } catch (error) {
    rollback(db);
    throw error;
  }
}

/** Undoes an open transaction after a failure; a ROLLBACK that fails too must not replace the error that counts. */
function rollback(db: Database.Database): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // SQLite rolls back itself when the connection closes.
  }
}

/** SQLite failures as exit 6, saying what was being done and what SQLite said. */
function attempt<T>(path: string, doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DbError) throw error;
    const e = error as { code?: string; message?: string };
    if (typeof e.code !== 'string' || !e.code.startsWith('SQLITE_')) throw error;
    const why = e.code === 'SQLITE_BUSY' ? 'another process holds its write lock' : e.message ?? e.code;
    throw new DbError(redact(`SQLite database ${path}: could not ${doing}: ${why} (${e.code}); nothing was changed`));
  }
}
