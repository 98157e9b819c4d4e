import { DbError } from './db-error.js';
import { AGENTS_TABLE, DAYS_TABLE, QUEUE_MEMBERS_TABLE, QUEUE_SNAPSHOTS_TABLE, QUEUES_TABLE, type ColumnSpec, type TableSpec } from './tables.js';

/**
 * One declarative step of an upgrade. Each is idempotent (a table or column that is there already is left alone),
 * so a new database — created whole from the current TableSpecs — runs every step harmlessly.
 * - `create`: create the table (its current spec, every column) if it is missing;
 * - `add`: add a column to an existing table if it is missing; `fill` is what the rows already stored get (a
 *   NOT NULL column needs one; a nullable one may take null);
 * - `backfill: 'days'`: fill the days calendar for every stored range (code, in each store).
 */
export type MigrationStep =
  | { create: TableSpec }
  | { add: ColumnSpec; to: string; fill: number | string | null }
  | { backfill: 'days' };

export interface Migration {
  version: number;
  what: string;
  steps: readonly MigrationStep[];
}

/**
 * The schema's history after version 1 (the tables occupancy, service_level, sync_state, as the first releases made
 * them, before any version was recorded). A newer gcx-metrics runs, in ONE transaction, every step of every version
 * above the database's, then recreates the views and records the new version. To change the schema: change the
 * TableSpec in tables.ts (new databases get it whole) AND append one entry here (old databases get the difference).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    what: 'queues, agents and queue_members dimension tables, the days calendar, queue_snapshots, not_responding and the stored formula, the BI views',
    steps: [
      { create: QUEUES_TABLE },
      { create: AGENTS_TABLE },
      { create: DAYS_TABLE },
      { create: QUEUE_MEMBERS_TABLE },
      { create: QUEUE_SNAPSHOTS_TABLE },
      // Issue 26: Not Responding time, and the formula a database's stored service_level_pct was computed with.
      { add: { name: 'not_responding_s', kind: 'real' }, to: 'occupancy', fill: 0 },
      { add: { name: 'not_responding_ms', kind: 'ms' }, to: 'occupancy', fill: 0 },
      { add: { name: 'formula', kind: 'text' }, to: 'sync_state', fill: 'genesys' },
      { backfill: 'days' },
    ],
  },
];

/** The schema version this gcx-metrics writes. */
export const SCHEMA_VERSION = Math.max(1, ...MIGRATIONS.map((m) => m.version));

/** Tables of version 1: a database holding any of them but no schema_version is version 1. */
export const V1_TABLES: readonly string[] = ['occupancy', 'service_level', 'sync_state'];

/** The migrations an upgrade from `version` runs, in order. */
export function migrationsAfter(version: number): Migration[] {
  return MIGRATIONS.filter((m) => m.version > version).sort((a, b) => a.version - b.version);
}

/** `table.column` of every column an upgrade from `version` adds (not missing yet in an older database). */
export function pendingColumns(version: number): Set<string> {
  const pending = new Set<string>();
  for (const m of migrationsAfter(version)) for (const s of m.steps) if ('add' in s) pending.add(`${s.to}.${s.add.name}`);
  return pending;
}

/**
 * The database's schema version: the one it records; 1 when it has tables but no record (made before versions
 * were recorded); 0 when it is empty (a sync creates the current schema).
 */
export function schemaVersionOf(label: string, recorded: unknown, hasV1Tables: boolean): number {
  if (recorded === undefined) return hasV1Tables ? 1 : 0;
  const version = Number(recorded);
  if (!Number.isInteger(version) || version < 1) {
    throw new DbError(`database ${label}: schema_version holds ${JSON.stringify(String(recorded).slice(0, 40))}, not a version number; it was altered. Restore it; nothing was changed`);
  }
  return version;
}

/** Exit 6 before anything is read or written when the database was upgraded by a newer gcx-metrics. */
export function checkNotNewer(label: string, version: number): void {
  if (version <= SCHEMA_VERSION) return;
  throw new DbError(
    `database ${label} has schema version ${version}, but this gcx-metrics knows versions up to ${SCHEMA_VERSION}; a newer gcx-metrics upgraded it. Upgrade gcx-metrics (or use another --db); nothing was changed`,
  );
}

/** SQL literal of a fill value. */
export function sqlLiteral(v: number | string | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`fill ${v} is not a finite number`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}
