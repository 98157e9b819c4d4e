import { DbError } from './db-error.js';
import { pendingColumns, SCHEMA_VERSION } from './schema-version.js';
import { SETTING_COLUMNS, TABLES, type ColumnKind } from './tables.js';

/** A column as the database describes it: its name and declared type (SQLite) or data_type (PostgreSQL). */
export interface ActualColumn {
  table: string;
  name: string;
  type: string;
}

export type Dialect = 'sqlite' | 'postgres';

/** Every table a sync writes and a report reads, with the kind each column must hold. */
export const EXPECTED_TABLES: ReadonlyArray<{ name: string; columns: ReadonlyArray<{ name: string; kind: ColumnKind }> }> = [
  ...TABLES,
  {
    name: 'sync_state',
    columns: [
      { name: 'report', kind: 'text' },
      { name: 'covered_from', kind: 'time' },
      { name: 'covered_to', kind: 'time' },
      ...SETTING_COLUMNS.map(([, name]) => ({ name, kind: 'text' as const })),
    ],
  },
  { name: 'schema_version', columns: [{ name: 'version', kind: 'count' }] },
];

const NUMBER_PG = ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'];
const PG_ACCEPTS: Record<ColumnKind, string[]> = {
  time: ['timestamp with time zone'],
  text: ['text', 'character varying'],
  count: NUMBER_PG,
  ms: NUMBER_PG,
  real: NUMBER_PG,
  bool: ['boolean'],
  date: ['date'],
};

/** SQLite's type affinity of a declared type (https://www.sqlite.org/datatype3.html, section 3.1). */
export function sqliteAffinity(declared: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t === '' || t.includes('BLOB')) return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

const SQLITE_ACCEPTS: Record<ColumnKind, string[]> = {
  time: ['TEXT'],
  text: ['TEXT'],
  count: ['INTEGER', 'REAL', 'NUMERIC'],
  ms: ['INTEGER', 'REAL', 'NUMERIC'],
  real: ['INTEGER', 'REAL', 'NUMERIC'],
  bool: ['INTEGER', 'NUMERIC'],
  date: ['TEXT'],
};

const WANTED: Record<ColumnKind, string> = {
  time: 'a timestamp',
  text: 'text',
  count: 'a number',
  ms: 'a number',
  real: 'a number',
  bool: 'a boolean',
  date: 'a date',
};

/**
 * The first way the existing tables differ from the ones gcx-metrics made (a missing column, or one whose type
 * cannot hold what is stored in it), as a phrase; undefined when they match. Tables that do not exist are not
 * checked (a sync creates them); extra columns are allowed. Numeric columns may be any numeric type: a widened
 * `bigint` or `numeric` reads the same numbers. `pending` (`table.column`) are columns an upgrade of an older
 * database is about to add: not missing yet.
 */
export function schemaMismatch(dialect: Dialect, actual: readonly ActualColumn[], pending: ReadonlySet<string> = new Set()): string | undefined {
  for (const table of EXPECTED_TABLES) {
    const present = new Map(actual.filter((c) => c.table === table.name).map((c) => [c.name.toLowerCase(), c.type]));
    if (present.size === 0) continue;
    for (const column of table.columns) {
      const type = present.get(column.name);
      if (type === undefined) {
        if (pending.has(`${table.name}.${column.name}`)) continue;
        return `table ${table.name} has no column ${column.name}`;
      }
      const ok = dialect === 'sqlite' ? SQLITE_ACCEPTS[column.kind].includes(sqliteAffinity(type)) : PG_ACCEPTS[column.kind].includes(type.toLowerCase());
      if (!ok) return `column ${table.name}.${column.name} is ${type || 'untyped'}, but must hold ${WANTED[column.kind]}`;
    }
  }
  return undefined;
}

/**
 * Exit 6 when the tables are not the ones gcx-metrics made: reading them would print wrong numbers. `version` is
 * the database's schema version: a sync is about to upgrade an older one (the columns it adds are not missing);
 * a report reading one that lacks a column is told to let a sync upgrade it.
 */
export function checkSchema(dialect: Dialect, label: string, actual: readonly ActualColumn[], version: number, mode: 'sync' | 'read'): void {
  const old = version > 0 && version < SCHEMA_VERSION;
  const mismatch = schemaMismatch(dialect, actual, mode === 'sync' && old ? pendingColumns(version) : new Set());
  if (mismatch === undefined) return;
  const what = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  if (old && mode === 'read' && schemaMismatch(dialect, actual, pendingColumns(version)) === undefined) {
    throw new DbError(
      `${what} database ${label}: ${mismatch}: its schema version ${version} is older than this gcx-metrics's ${SCHEMA_VERSION}; run gcx-metrics sync --db ${label} once to upgrade it; nothing was changed`,
    );
  }
  throw new DbError(
    `${what} database ${label}: ${mismatch}; it was altered or made by another version of gcx-metrics. Restore its tables or sync into another --db; nothing was changed`,
  );
}
