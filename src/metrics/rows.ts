/** The contract's output rows: column order is fixed by docs/cli-contract.md and cron jobs depend on it. */

export const OCCUPANCY_COLUMNS = [
  'interval_start',
  'interval_end',
  'agent_id',
  'agent_name',
  'handled',
  'handle_s',
  'talk_s',
  'hold_s',
  'acw_s',
  'occupancy_pct',
  'on_queue_s',
  'interacting_s',
  'routing_occupancy_pct',
] as const;

export const SERVICE_LEVEL_COLUMNS = [
  'interval_start',
  'interval_end',
  'queue_id',
  'queue_name',
  'media_type',
  'offered',
  'answered',
  'answered_within',
  'abandoned',
  'abandoned_short',
  'flowout',
  'service_level_pct',
  'asa_s',
  'abandon_rate_pct',
  'threshold_s',
  'target_pct',
  'target_met',
  'aht_s',
] as const;

export type OccupancyColumn = (typeof OCCUPANCY_COLUMNS)[number];
export type ServiceLevelColumn = (typeof SERVICE_LEVEL_COLUMNS)[number];

/** A cell: strings for times, ids and names; numbers; booleans (target_met); null where the contract says empty/null. */
export type Cell = string | number | boolean | null;

export type OccupancyRow = Record<OccupancyColumn, Cell>;
export type ServiceLevelRow = Record<ServiceLevelColumn, Cell>;

/** What every renderer takes: an ordered column list and rows keyed by those columns. */
export interface Table<C extends string = string> {
  columns: readonly C[];
  rows: Iterable<Record<C, Cell>>;
}
