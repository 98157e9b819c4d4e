/**
 * The stored tables. Each holds the report's columns under the same names (cli-contract.md) plus the additive
 * quantities — counts and millisecond sums — that every ratio is recomputed from, so any roll-up of stored rows
 * to a multiple of the stored interval is exact. Primary keys start with interval_start: rows arrive in time
 * order, and appending to the key's end is about twice as fast as inserting all over it.
 */

/** time: UTC instant (ISO-8601 text with Z in SQLite, timestamptz in PostgreSQL); ms: a millisecond sum. */
export type ColumnKind = 'time' | 'text' | 'count' | 'ms' | 'real' | 'bool';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Report cells that the contract leaves empty (null) when their denominator is 0. */
  nullable?: boolean;
}

export interface TableSpec {
  name: 'occupancy' | 'service_level';
  columns: readonly ColumnSpec[];
  key: readonly string[];
}

/** A stored row in column order: times as epoch ms, bools as booleans, empty cells as null. */
export type StoredRow = Array<string | number | boolean | null>;

export const OCCUPANCY_TABLE: TableSpec = {
  name: 'occupancy',
  columns: [
    { name: 'interval_start', kind: 'time' },
    { name: 'interval_end', kind: 'time' },
    { name: 'agent_id', kind: 'text' },
    { name: 'agent_name', kind: 'text' },
    { name: 'handled', kind: 'count' },
    { name: 'handle_s', kind: 'real' },
    { name: 'talk_s', kind: 'real' },
    { name: 'hold_s', kind: 'real' },
    { name: 'acw_s', kind: 'real' },
    { name: 'occupancy_pct', kind: 'real' },
    { name: 'on_queue_s', kind: 'real' },
    { name: 'interacting_s', kind: 'real' },
    { name: 'routing_occupancy_pct', kind: 'real', nullable: true },
    // Added by issue 26 (with not_responding_ms): databases made before it need the migration that adds both (0).
    { name: 'not_responding_s', kind: 'real' },
    { name: 'handle_ms', kind: 'ms' },
    { name: 'talk_ms', kind: 'ms' },
    { name: 'held_ms', kind: 'ms' },
    { name: 'acw_ms', kind: 'ms' },
    { name: 'idle_ms', kind: 'ms' },
    { name: 'interacting_ms', kind: 'ms' },
    { name: 'communicating_ms', kind: 'ms' },
    { name: 'not_responding_ms', kind: 'ms' },
  ],
  key: ['interval_start', 'agent_id'],
};

export const SERVICE_LEVEL_TABLE: TableSpec = {
  name: 'service_level',
  columns: [
    { name: 'interval_start', kind: 'time' },
    { name: 'interval_end', kind: 'time' },
    { name: 'queue_id', kind: 'text' },
    { name: 'queue_name', kind: 'text' },
    { name: 'media_type', kind: 'text' },
    { name: 'offered', kind: 'count' },
    { name: 'answered', kind: 'count' },
    { name: 'answered_within', kind: 'count' },
    { name: 'abandoned', kind: 'count' },
    { name: 'abandoned_short', kind: 'count' },
    { name: 'flowout', kind: 'count' },
    { name: 'service_level_pct', kind: 'real', nullable: true },
    { name: 'asa_s', kind: 'real', nullable: true },
    { name: 'abandon_rate_pct', kind: 'real', nullable: true },
    { name: 'threshold_s', kind: 'real', nullable: true },
    { name: 'target_pct', kind: 'real', nullable: true },
    { name: 'target_met', kind: 'bool', nullable: true },
    { name: 'aht_s', kind: 'real', nullable: true },
    { name: 'answered_ms', kind: 'ms' },
    { name: 'handled', kind: 'count' },
    { name: 'handle_ms', kind: 'ms' },
  ],
  key: ['interval_start', 'queue_id', 'media_type'],
};

export const TABLES: readonly TableSpec[] = [OCCUPANCY_TABLE, SERVICE_LEVEL_TABLE];

export type ReportName = 'occupancy' | 'service-level';

export const TABLE_OF: Record<ReportName, TableSpec> = { occupancy: OCCUPANCY_TABLE, 'service-level': SERVICE_LEVEL_TABLE };

/** A column's position in a table's rows. */
export function columnIndex(table: TableSpec, name: string): number {
  const i = table.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no column ${name} in ${table.name}`);
  return i;
}

/**
 * One row of sync_state per report: what the stored rows cover, [covered_from, covered_to) — the high-water mark is
 * covered_to — and the settings that fixed their meaning at the first run (text, as the user gave them).
 */
export interface SyncState {
  report: ReportName;
  coveredFromMs: number;
  coveredToMs: number;
  settings: SyncSettings;
}

export interface SyncSettings {
  interval: string;
  tz: string;
  /** Comma-separated, sorted; '' = all media. */
  media: string;
  /** The selection flags as `--agent a,b --queue q`, sorted; '' = everyone with activity. */
  selection: string;
  /** service-level only ('' for occupancy). */
  threshold: string;
  /** Seconds or `org`. */
  shortAbandon: string;
  /** The SL % formula of the stored service_level_pct (a report recomputes any other from the stored sums). */
  formula: string;
}

export const SETTING_COLUMNS: ReadonlyArray<[keyof SyncSettings, string]> = [
  ['interval', 'interval'],
  ['tz', 'tz'],
  ['media', 'media'],
  ['selection', 'selection'],
  ['threshold', 'threshold_s'],
  ['shortAbandon', 'short_abandon_s'],
  // Added by issue 26: databases synced before it need the migration that adds this column (value 'genesys').
  ['formula', 'formula'],
];
