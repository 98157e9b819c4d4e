/** The contract's output rows: column order is fixed by docs/cli-contract.md and cron jobs depend on it. */
import type { AgentCounts } from './occupancy.js';
import type { ServiceLevelCounts, ServiceLevelFormula } from './service-level.js';
import type { StaffingValues } from './staffing.js';

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
  'not_responding_s',
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

export const STAFFING_COLUMNS = [
  'interval_start',
  'interval_end',
  'queue_id',
  'queue_name',
  'media_type',
  'offered',
  'aht_s',
  'traffic_erlangs',
  'threshold_s',
  'target_pct',
  'required_agents',
  'required_fte',
  'staffed_agents',
  'staffing_gap',
  'predicted_sl_pct',
  'service_level_pct',
  'target_met',
] as const;

export type OccupancyColumn = (typeof OCCUPANCY_COLUMNS)[number];
export type ServiceLevelColumn = (typeof SERVICE_LEVEL_COLUMNS)[number];
export type StaffingColumn = (typeof STAFFING_COLUMNS)[number];

/**
 * The reports' typed rows: instants as epoch ms, sums as counts and milliseconds, ids, names and goals. The
 * calculators emit these; one formatting step (src/output/report-cells.ts) turns them into the printed cells above,
 * and the store, Parquet and the HTML charts read them (and their sums) directly.
 */
export interface OccupancyRow {
  startMs: number;
  endMs: number;
  agentId: string;
  agentName: string;
  counts: AgentCounts;
}

export interface ServiceLevelRow {
  startMs: number;
  endMs: number;
  /** null: the dimension is not grouped on (`--by`). */
  queueId: string | null;
  queueName: string | null;
  mediaType: string | null;
  counts: ServiceLevelCounts;
  formula: ServiceLevelFormula;
  /** The row's goal; null when its cells mixed different ones (or, for the target, had none). */
  thresholdMs: number | null;
  targetPct: number | null;
  /** SL % as the contract defines it (2 decimals); null when the formula's denominator is 0. */
  serviceLevelPct: number | null;
  targetMet: boolean | null;
}

/** One staffing row: a service-level row's (interval, queue, media type) with the Erlang C values, unrounded. */
export interface StaffingRow {
  startMs: number;
  endMs: number;
  queueId: string;
  queueName: string;
  mediaType: string;
  values: StaffingValues;
}
