/**
 * The stored tables. Each holds the report's columns under the same names (cli-contract.md) plus the additive
 * quantities — counts and millisecond sums — that every ratio is recomputed from, so any roll-up of stored rows
 * to a multiple of the stored interval is exact. Primary keys start with interval_start: rows arrive in time
 * order, and appending to the key's end is about twice as fast as inserting all over it.
 */

/**
 * time: UTC instant (ISO-8601 text with Z in SQLite, timestamptz in PostgreSQL); ms: a millisecond sum; date: a
 * local calendar date (`YYYY-MM-DD` text in SQLite, date in PostgreSQL).
 */
export type ColumnKind = 'time' | 'text' | 'count' | 'ms' | 'real' | 'bool' | 'date';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Report cells that the contract leaves empty (null) when their denominator is 0. */
  nullable?: boolean;
}

export interface TableSpec {
  name: string;
  columns: readonly ColumnSpec[];
  /** The first key column is the row's instant: a range of it is what a write replaces and a read selects. */
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

/**
 * Each synced queue's members as the queue members listing gave them at sync time (joined members: the listing
 * keeps only those), for `staffing --db`. Not history: a sync replaces the rows of the queues it lists. last_seen is
 * the service-level high-water mark of the sync that listed the member (the end of the history it came with), not
 * the wall clock, so two identical syncs leave identical databases.
 */
export const QUEUE_MEMBERS_TABLE: TableSpec = {
  name: 'queue_members',
  columns: [
    { name: 'queue_id', kind: 'text' },
    { name: 'agent_id', kind: 'text' },
    { name: 'joined', kind: 'bool' },
    { name: 'last_seen', kind: 'time' },
  ],
  key: ['queue_id', 'agent_id'],
};

/**
 * `sync --report now`: one snapshot of `gcx-metrics now` per run, a row per queue and media type, under the now
 * columns (observed_at in UTC; media_type '' for a queue with no traffic, as the key needs a value). History that
 * Genesys does not keep: its observations have no timestamps and no aggregation.
 */
export const QUEUE_SNAPSHOTS_TABLE: TableSpec = {
  name: 'queue_snapshots',
  columns: [
    { name: 'observed_at', kind: 'time' },
    { name: 'queue_id', kind: 'text' },
    { name: 'queue_name', kind: 'text' },
    { name: 'media_type', kind: 'text' },
    { name: 'waiting', kind: 'count' },
    { name: 'longest_wait_s', kind: 'count', nullable: true },
    { name: 'alerting', kind: 'count' },
    { name: 'interacting', kind: 'count' },
    { name: 'on_queue_agents', kind: 'count' },
    { name: 'idle_agents', kind: 'count' },
    { name: 'not_responding_agents', kind: 'count' },
    { name: 'off_queue_agents', kind: 'count' },
    { name: 'offered_today', kind: 'count' },
    { name: 'answered_today', kind: 'count' },
    { name: 'abandoned_today', kind: 'count' },
    { name: 'service_level_today_pct', kind: 'real', nullable: true },
    { name: 'threshold_s', kind: 'real', nullable: true },
    { name: 'target_pct', kind: 'real', nullable: true },
    { name: 'target_met', kind: 'bool', nullable: true },
    { name: 'alerts', kind: 'text', nullable: true },
  ],
  key: ['observed_at', 'queue_id', 'media_type'],
};


/** Media types whose goals the queues table keeps, as the reports name them (`voice` is `call` in mediaSettings). */
export const GOAL_MEDIA = ['voice', 'callback', 'chat', 'email', 'message'] as const;

/**
 * The queues as the directory listed them at the last sync that saw them: names for the views (a renamed queue
 * keeps its id and shows its new name) and each media type's configured goal, empty where none is configured.
 * last_seen: the high-water mark of that sync (not the wall clock, so a sync run twice leaves the database identical).
 */
export const QUEUES_TABLE: TableSpec = {
  name: 'queues',
  columns: [
    { name: 'id', kind: 'text' },
    { name: 'name', kind: 'text' },
    ...GOAL_MEDIA.flatMap((m) => [
      { name: `${m}_threshold_s`, kind: 'real' as const, nullable: true },
      { name: `${m}_target_pct`, kind: 'real' as const, nullable: true },
    ]),
    { name: 'last_seen', kind: 'time' },
  ],
  key: ['id'],
};

/** The users (every state: agents who left keep their names), as QUEUES_TABLE. */
export const AGENTS_TABLE: TableSpec = {
  name: 'agents',
  columns: [
    { name: 'id', kind: 'text' },
    { name: 'name', kind: 'text' },
    { name: 'email', kind: 'text', nullable: true },
    { name: 'state', kind: 'text', nullable: true },
    { name: 'last_seen', kind: 'time' },
  ],
  key: ['id'],
};

/**
 * The local calendar days (in the zone the database is synced in) that the stored rows fall in, each with its
 * bounds as UTC instants: the daily views group on it. A table rather than zone arithmetic in SQL: SQLite has no
 * time zones, and one table gives both databases the report grid's own days (23/25-hour DST days, zones whose
 * midnight is skipped).
 */
export const DAYS_TABLE: TableSpec = {
  name: 'days',
  columns: [
    { name: 'day', kind: 'date' },
    { name: 'day_start', kind: 'time' },
    { name: 'day_end', kind: 'time' },
  ],
  key: ['day'],
};

/** Every table a sync writes, in the order a new database creates them. */
export const TABLES: readonly TableSpec[] = [OCCUPANCY_TABLE, SERVICE_LEVEL_TABLE, QUEUES_TABLE, AGENTS_TABLE, DAYS_TABLE, QUEUE_MEMBERS_TABLE, QUEUE_SNAPSHOTS_TABLE];

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
