import type { StoredRow, SyncState, TableSpec } from './tables.js';

/** Who runs a sync: shown to a second sync that finds the database taken. */
export interface LockHolder {
  pid: number;
  host: string;
  startedMs: number;
}

/**
 * Replace every stored row whose instant (interval_start; observed_at for snapshots) lies in [fromMs, toMs) by `rows`. The rows may be produced while
 * the transaction is open (sync fetches a long catch-up slice by slice), so memory stays that of one slice; an
 * error thrown by the iterable rolls the whole transaction back and reaches the caller unchanged.
 */
export interface TableReplacement {
  table: TableSpec;
  fromMs: number;
  toMs: number;
  rows: Iterable<StoredRow> | AsyncIterable<StoredRow>;
  /**
   * For a table not keyed by time (queue_members): delete the rows whose `column` is one of `values()` instead of
   * the interval range. `values` is called when this replacement's turn comes, after the ones before it in the
   * same commit were written (sync lists the members of the queues its service-level rows named).
   */
  keyed?: { column: string; values: () => readonly string[] };
}

/** Rows to insert or, where their key is stored already, update (the dimension tables). */
export interface TableUpsert {
  table: TableSpec;
  rows: readonly StoredRow[];
}

/**
 * A database that keeps the reports' history. Implementations: SQLite (one file, WAL) and PostgreSQL. Every
 * failure to reach, lock or write the database is a DbError (exit 6) whose message carries no password.
 */
export interface Store {
  /** The database, safe to print. */
  readonly label: string;
  /**
   * Creates the tables if they are missing, and upgrades an older schema to this version (schema-version.ts) in one
   * transaction, views included (sync only; reports never write).
   */
  ensureSchema(): Promise<void>;
  /**
   * Takes the sync lock (creating the tables if needed), or throws DbError naming who holds it. Released by
   * commit(), releaseLock() or close().
   */
  acquireLock(holder: LockHolder): Promise<void>;
  releaseLock(): Promise<void>;
  /** Stored sync states; empty before the first sync (also when the tables do not exist yet). */
  readStates(): Promise<SyncState[]>;
  /**
   * In ONE transaction: delete the rows of each replacement's range, insert its rows, add the local days they fall
   * in (in the states' zone) to the days calendar, upsert the dimension rows, write the states and drop the lock.
   * Either all of it is visible afterwards or none of it.
   */
  commit(replacements: readonly TableReplacement[], states: readonly SyncState[], upserts?: readonly TableUpsert[]): Promise<void>;
  /** Stored rows with interval_start in [fromMs, toMs), in key order. */
  readRows(table: TableSpec, fromMs: number, toMs: number): AsyncIterable<StoredRow>;
  /** Every stored row of a table not keyed by time (queue_members), in key order; none when it does not exist. */
  readAll(table: TableSpec): Promise<StoredRow[]>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL round-trip bounds (tests shorten them; defaults in postgres-limits.ts). */
  pgTimeouts?: Partial<import('./postgres-limits.js').PgTimeouts>;
  /** Test hook: awaited inside commit() right after the first rows are written (the kill -9 test waits there). */
  afterFirstWrite?: () => Promise<void>;
}
