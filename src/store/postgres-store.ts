import pg from 'pg';
import { UsageError } from '../errors.js';
import { redact } from '../redact.js';
import { DbError } from './db-error.js';
import { NUMERIC_AS_NUMBER, PG_TIMEOUTS, pgText, timeoutConfig } from './postgres-limits.js';
import { checkedState } from './state-check.js';
import { checkSchema, EXPECTED_TABLES, type ActualColumn } from './schema-check.js';
import { checkNotNewer, migrationsAfter, SCHEMA_VERSION, schemaVersionOf, sqlLiteral, V1_TABLES } from './schema-version.js';
import { daysOfCommit, daysOfStates } from './days.js';
import { VIEW_NAMES, viewStatements } from './views.js';
import type { LockHolder, Store, StoreOptions, TableReplacement, TableUpsert } from './store.js';
import { DAYS_TABLE, SETTING_COLUMNS, TABLES, type ColumnSpec, type StoredRow, type SyncState, type TableSpec } from './tables.js';

const SQL_TYPE: Record<ColumnSpec['kind'], string> = {
  time: 'timestamptz',
  text: 'text',
  count: 'integer',
  // double precision holds every whole number of milliseconds up to 2^53 exactly and comes back as a JS number
  ms: 'double precision',
  real: 'double precision',
  bool: 'boolean',
  date: 'date',
};

/** pg_try_advisory_lock key: "gcxm". One sync per database; the server drops it when the session ends, kill -9 included. */
const LOCK_KEY = 0x6763786d;
/** Rows per INSERT … SELECT FROM unnest(…): one round trip per batch, not per row. */
const BATCH_ROWS = 5_000;
/** Reads go a day of intervals per query, so a year's report never holds the whole table in memory. */
const READ_SLICE_MS = 86_400_000;

export interface PostgresTarget {
  url: string;
  label: string;
  env: Record<string, string | undefined>;
}

/**
 * PostgreSQL through `pg`. The URL wins; the usual PG* variables fill what it leaves out. The sync lock is a
 * session advisory lock, so a second sync learns at once who holds it (from pg_stat_activity's application_name).
 */
export async function openPostgresStore(target: PostgresTarget, mode: 'sync' | 'read', holder: LockHolder, options: StoreOptions = {}): Promise<Store> {
  const fail = (doing: string, error: unknown) => toDbError(target.label, doing, error);
  const client = newClient(target, () => new pg.Client({
    connectionString: target.url,
    host: target.env.PGHOST,
    port: target.env.PGPORT ? Number(target.env.PGPORT) : undefined,
    user: target.env.PGUSER,
    password: target.env.PGPASSWORD,
    database: target.env.PGDATABASE,
    application_name: `gcx-metrics ${mode} pid ${holder.pid} on ${holder.host}`.slice(0, 63),
    ...timeoutConfig({ ...PG_TIMEOUTS, ...options.pgTimeouts }),
    types: NUMERIC_AS_NUMBER,
  }));
  // After a client-side timeout, or once the server has ended the session (shutdown, pg_terminate_backend), no more
  // queries: the lock and any open transaction went with the session, and a cleanup query would only fail with an
  // error that hides the one that counts.
  let gone = false;
  // A server that goes away mid-run surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => {
    gone = true;
  });
  client.on('end', () => {
    gone = true;
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw fail('connect', error);
  }
  const query = async <R extends pg.QueryResultRow = Record<string, unknown>>(doing: string, text: string, values?: unknown[]) => {
    try {
      return await client.query<R>(text, values);
    } catch (error) {
      if (/timeout/i.test((error as Error).message ?? '') && !(error as { code?: string }).code) gone = true;
      throw fail(doing, error);
    }
  };
  let locked = false;
  const existing = async () => {
    const columns = await query<ActualColumn>(
      'read its tables',
      `SELECT table_name AS "table", column_name AS name, data_type AS type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [EXPECTED_TABLES.map((t) => t.name)],
    );
    return columns.rows;
  };
  const schemaVersion = async (present: readonly ActualColumn[]) => {
    const tables = new Set(present.map((c) => c.table));
    let recorded: unknown;
    if (tables.has('schema_version')) {
      const rows = await query<{ version: unknown }>('read its schema version', 'SELECT version FROM schema_version');
      recorded = rows.rows[0]?.version ?? 'nothing';
    }
    return schemaVersionOf(target.label, recorded, V1_TABLES.some((t) => tables.has(t)));
  };
  try {
    const present = await existing();
    const version = await schemaVersion(present);
    checkNotNewer(target.label, version);
    checkSchema('postgres', target.label, present, version, mode);
  } catch (error) {
    await endClient(client, gone);
    throw error;
  }

  const store: Store = {
    label: target.label,

    async ensureSchema() {
      // Only what is missing: CREATE TABLE IF NOT EXISTS needs CREATE on the schema even when the table exists, which
      // a writer role (PostgreSQL 15's default for non-owners) does not have. Called under the sync lock.
      const columns = await existing();
      const version = await schemaVersion(columns);
      checkNotNewer(target.label, version);
      const present = new Set(columns.map((c) => c.table));
      const ddl = [
        ...TABLES.filter((t) => !present.has(t.name)).map(createTable),
        ...(present.has('sync_state')
          ? []
          : [`CREATE TABLE IF NOT EXISTS sync_state (report text PRIMARY KEY, covered_from timestamptz NOT NULL, covered_to timestamptz NOT NULL, ${SETTING_COLUMNS.map(([, c]) => `${c} text NOT NULL`).join(', ')})`]),
        ...(present.has('schema_version') ? [] : ['CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)']),
      ];
      if (version === SCHEMA_VERSION) {
        if (ddl.length > 0) await query('create its tables', ddl.join(';\n'));
        // Views a DBA dropped (to change a column's type, say) come back, where this role may create them.
        const views = await query<{ missing: number; can: boolean }>(
          'check its views',
          `SELECT count(*) FILTER (WHERE to_regclass(v) IS NULL)::int AS missing, has_schema_privilege(current_schema(), 'CREATE') AS can FROM unnest($1::text[]) v`,
          [[...VIEW_NAMES]],
        );
        if (views.rows[0]!.missing > 0 && views.rows[0]!.can) {
          await query('create its views', 'BEGIN');
          try {
            await recreateViews(query, 'create its views');
            await query('create its views', 'COMMIT');
          } catch (error) {
            if (!gone) await client.query('ROLLBACK').catch(() => {});
            throw error;
          }
        }
        return;
      }
      // An upgrade (or a new database): ONE transaction, so a failure leaves the old schema as it was.
      const doing = `upgrade its schema from version ${version} to ${SCHEMA_VERSION}`;
      await query(doing, 'BEGIN');
      try {
        if (ddl.length > 0) await query(doing, ddl.join(';\n'));
        for (const migration of migrationsAfter(version)) {
          for (const step of migration.steps) {
            if ('create' in step) await query(doing, createTable(step.create));
            else if ('add' in step) {
              const fill = step.fill === null ? '' : ` DEFAULT ${sqlLiteral(step.fill)}`;
              await query(doing, `ALTER TABLE ${step.to} ADD COLUMN IF NOT EXISTS ${step.add.name} ${SQL_TYPE[step.add.kind]}${step.add.nullable ? '' : ' NOT NULL'}${fill}`);
            } else {
              const rows = await query<Record<string, unknown>>(doing, 'SELECT * FROM sync_state');
              await upsert(query, DAYS_TABLE, daysOfStates(rows.rows.map((r) => stateFromRow(r, target.label))));
            }
          }
        }
        await recreateViews(query, doing);
        await query(doing, 'DELETE FROM schema_version');
        await query(doing, 'INSERT INTO schema_version (version) VALUES ($1)', [SCHEMA_VERSION]);
        await query(doing, 'COMMIT');
      } catch (error) {
        if (!gone) await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },

    async acquireLock() {
      const got = await query<{ ok: boolean }>('take the sync lock', 'SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
      if (got.rows[0]?.ok) {
        locked = true;
        // Under the lock: two first syncs never race to create the same tables.
        await store.ensureSchema();
        return;
      }
      const who = await query<{ application_name: string; backend_start: Date; client_addr: string | null }>(
        'look up the sync lock',
        `SELECT a.application_name, a.backend_start, a.client_addr::text AS client_addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [LOCK_KEY],
      );
      const row = who.rows[0];
      const holderText = row
        ? `${row.application_name || 'a session'}${row.client_addr ? ` from ${row.client_addr}` : ''}, connected ${row.backend_start.toISOString().slice(0, 19)}Z`
        : 'a session that has just ended';
      throw new DbError(`another sync holds ${target.label}: ${holderText}; this run changed nothing`);
    },

    async releaseLock() {
      if (!locked) return;
      locked = false;
      if (gone) return;
      await query('release the sync lock', 'SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    },

    async readStates() {
      const exists = await query<{ t: string | null }>('read sync_state', "SELECT to_regclass('sync_state')::text AS t");
      if (!exists.rows[0]?.t) return [];
      const rows = await query<Record<string, unknown>>('read sync_state', 'SELECT * FROM sync_state ORDER BY report');
      return rows.rows.map((r) => stateFromRow(r, target.label));
    },

    async commit(replacements, states, upserts: readonly TableUpsert[] = []) {
      await query('begin the write', 'BEGIN');
      try {
        let first = true;
        for (const r of replacements) {
          await replace(query, r);
          if (first) await options.afterFirstWrite?.();
          first = false;
        }
        await upsert(query, DAYS_TABLE, daysOfCommit(replacements, states));
        for (const u of upserts) await upsert(query, u.table, u.rows);
        const columns = ['report', 'covered_from', 'covered_to', ...SETTING_COLUMNS.map(([, c]) => c)];
        for (const s of states) {
          await query(
            'write sync_state',
            `INSERT INTO sync_state (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
             ON CONFLICT (report) DO UPDATE SET ${columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
            [s.report, new Date(s.coveredFromMs).toISOString(), new Date(s.coveredToMs).toISOString(), ...SETTING_COLUMNS.map(([k]) => s.settings[k])],
          );
        }
        await query('commit', 'COMMIT');
      } catch (error) {
        if (!gone) await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
      await store.releaseLock();
    },

    async *readRows(table, fromMs, toMs) {
      const exists = await query<{ t: string | null }>(`read ${table.name}`, 'SELECT to_regclass($1)::text AS t', [table.name]);
      if (!exists.rows[0]?.t) return;
      const names = table.columns.map((c) => c.name);
      const kinds = table.columns.map((c) => c.kind);
      for (let from = fromMs; from < toMs; from += READ_SLICE_MS) {
        const to = Math.min(toMs, from + READ_SLICE_MS);
        const result = await query(
          `read ${table.name}`,
          `SELECT ${names.join(', ')} FROM ${table.name} WHERE ${table.key[0]} >= $1 AND ${table.key[0]} < $2 ORDER BY ${table.key.join(', ')}`,
          [new Date(from).toISOString(), new Date(to).toISOString()],
        );
        for (const row of result.rows) yield names.map((n, i) => fromSql(row[n], kinds[i]!));
      }
    },

    async readAll(table) {
      const exists = await query<{ t: string | null }>(`read ${table.name}`, 'SELECT to_regclass($1)::text AS t', [table.name]);
      if (!exists.rows[0]?.t) return [];
      const names = table.columns.map((c) => c.name);
      const kinds = table.columns.map((c) => c.kind);
      const result = await query(`read ${table.name}`, `SELECT ${names.join(', ')} FROM ${table.name} ORDER BY ${table.key.join(', ')}`);
      return result.rows.map((row) => names.map((n, i) => fromSql(row[n], kinds[i]!)));
    },

    async close() {
      try {
        await store.releaseLock();
      } finally {
        await endClient(client, gone);
      }
    },
  };
  return store;
}

/** pg reads sslcert/sslkey/sslrootcert files while parsing the URL: one that cannot be read is a bad --db (exit 2). */
function newClient(target: PostgresTarget, make: () => pg.Client): pg.Client {
  try {
    return make();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const what = e.path ? `${e.path} cannot be read (${e.code ?? e.message})` : e.message;
    throw new UsageError(redact(`--db ${target.label}: ${what}; fix the file named in the URL (sslcert, sslkey, sslrootcert) or the URL`));
  }
}

/** Ends the session; a server that stopped answering gets its socket closed instead of a goodbye it would never ack. */
async function endClient(client: pg.Client, gone: boolean): Promise<void> {
  if (gone) {
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    return;
  }
  await client.end().catch(() => {});
}

function createTable(t: TableSpec): string {
  const columns = t.columns.map((c) => `${c.name} ${SQL_TYPE[c.kind]}${c.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE IF NOT EXISTS ${t.name} (${columns.join(', ')}, PRIMARY KEY (${t.key.join(', ')}))`;
}

type Query = <R extends pg.QueryResultRow = Record<string, unknown>>(doing: string, text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/** A stored value as a query parameter (instants as ISO text, NUL-free text). */
const param = (v: StoredRow[number], kind: ColumnSpec['kind']) => (kind === 'time' && v !== null ? new Date(v as number).toISOString() : pgText(v));

/** Inserts rows, updating those whose key is stored already: one INSERT … SELECT FROM unnest(…) … ON CONFLICT. */
async function upsert(query: Query, table: TableSpec, rows: readonly StoredRow[]): Promise<void> {
  if (rows.length === 0) return;
  const names = table.columns.map((c) => c.name);
  const casts = table.columns.map((c, i) => `$${i + 1}::${SQL_TYPE[c.kind]}[]`);
  const others = names.filter((n) => !table.key.includes(n));
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    await query(
      `write ${table.name}`,
      `INSERT INTO ${table.name} (${names.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})
       ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${others.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`,
      table.columns.map((c, j) => batch.map((row) => param(row[j]!, c.kind))),
    );
  }
}

/**
 * Drops and recreates the views, keeping what was granted on them (an analysts' role's SELECT must survive an
 * upgrade). A view someone built on top of one of ours makes the DROP, and so the upgrade, fail: exit 6, nothing changed.
 */
async function recreateViews(query: Query, doing: string): Promise<void> {
  const grants = await query<{ table_name: string; grantee: string; privilege_type: string }>(
    doing,
    `SELECT p.table_name, p.grantee, p.privilege_type FROM information_schema.table_privileges p
      JOIN pg_class c ON c.oid = to_regclass(quote_ident(p.table_name))
      WHERE p.table_schema = current_schema() AND p.table_name = ANY($1) AND p.grantee <> pg_get_userbyid(c.relowner)`,
    [[...VIEW_NAMES]],
  );
  for (const view of VIEW_NAMES) await query(doing, `DROP VIEW IF EXISTS ${view}`);
  for (const statement of viewStatements('postgres')) await query(doing, statement);
  for (const g of grants.rows) {
    const grantee = g.grantee === 'PUBLIC' ? 'PUBLIC' : `"${g.grantee.replaceAll('"', '""')}"`;
    await query(doing, `GRANT ${g.privilege_type} ON ${g.table_name} TO ${grantee}`);
  }
}

/** Delete the range, then insert in batches: one array per column, unnest()ed back into rows by the server. */
async function replace(query: Query, r: TableReplacement): Promise<void> {
  const { table } = r;
  if (r.keyed) {
    await query(`write ${table.name}`, `DELETE FROM ${table.name} WHERE ${r.keyed.column} = ANY($1::text[])`, [[...r.keyed.values()]]);
  } else {
    await query(`write ${table.name}`, `DELETE FROM ${table.name} WHERE ${table.key[0]} >= $1 AND ${table.key[0]} < $2`, [
      new Date(r.fromMs).toISOString(),
      new Date(r.toMs).toISOString(),
    ]);
  }
  const names = table.columns.map((c) => c.name);
  const casts = table.columns.map((c, i) => `$${i + 1}::${SQL_TYPE[c.kind]}[]`);
  const insert = `INSERT INTO ${table.name} (${names.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
  let arrays: unknown[][] = table.columns.map(() => []);
  let count = 0;
  const flush = async () => {
    if (count === 0) return;
    await query(`write ${table.name}`, insert, arrays);
    arrays = table.columns.map(() => []);
    count = 0;
  };
  for await (const row of r.rows) {
    row.forEach((v, i) => arrays[i]!.push(param(v, table.columns[i]!.kind)));
    if (++count === BATCH_ROWS) await flush();
  }
  await flush();
}

function fromSql(v: unknown, kind: ColumnSpec['kind']): StoredRow[number] {
  if (v === null || v === undefined) return null;
  if (kind === 'time') return (v as Date).getTime();
  return v as string | number | boolean;
}

function stateFromRow(row: Record<string, unknown>, label: string): SyncState {
  const settings = Object.fromEntries(SETTING_COLUMNS.map(([k, c]) => [k, String(row[c] ?? '')])) as unknown as SyncState['settings'];
  return checkedState(label, {
    report: row.report as SyncState['report'],
    coveredFromMs: (row.covered_from as Date).getTime(),
    coveredToMs: (row.covered_to as Date).getTime(),
    settings,
  });
}

/** Every PostgreSQL failure is exit 6: unreachable, refused (auth, privileges, read-only, disk) or failed write. */
function toDbError(label: string, doing: string, error: unknown): DbError {
  if (error instanceof DbError) return error;
  const e = error as { code?: string; message?: string };
  const why = e.message || e.code || String(error);
  const code = e.code ? ` (${e.code})` : '';
  return new DbError(redact(`PostgreSQL database ${label}: could not ${doing}: ${why}${code}; nothing was changed`));
}
