import type { NowColumn, NowRow } from '../metrics/now.js';
import type { OccupancyColumn, OccupancyRow, ServiceLevelColumn, ServiceLevelRow, StaffingColumn, StaffingRow } from '../metrics/rows.js';
import { meanSeconds, msToSeconds, percent, roundDiv } from '../metrics/round.js';
import type { StaffingValues } from '../metrics/staffing.js';
import type { Cell } from './printed-table.js';

/**
 * The one formatting step: a typed row to the contract's cells (docs/cli-contract.md), rounded as the contract
 * says. `time` prints an instant: report text in the report's zone, or the epoch ms itself for the store and
 * Parquet, which keep instants as instants.
 */
export type TimeCell = (ms: number) => Cell;

export function occupancyCells(row: OccupancyRow, time: TimeCell): Record<OccupancyColumn, Cell> {
  const c = row.counts;
  const onQueueMs = c.idleMs + c.interactingMs + c.communicatingMs;
  return {
    interval_start: time(row.startMs),
    interval_end: time(row.endMs),
    agent_id: row.agentId,
    agent_name: row.agentName,
    handled: c.handled,
    handle_s: msToSeconds(c.handleMs),
    talk_s: msToSeconds(c.talkMs),
    hold_s: msToSeconds(c.heldMs),
    acw_s: msToSeconds(c.acwMs),
    // Genesys emits a whole handle time into the interval where wrap-up ended, so this can pass 100.
    occupancy_pct: percent(c.handleMs, row.endMs - row.startMs) ?? 0,
    on_queue_s: msToSeconds(onQueueMs),
    interacting_s: msToSeconds(c.interactingMs),
    routing_occupancy_pct: percent(c.interactingMs, onQueueMs),
    not_responding_s: msToSeconds(c.notRespondingMs),
  };
}

export function serviceLevelCells(row: ServiceLevelRow, time: TimeCell): Record<ServiceLevelColumn, Cell> {
  const c = row.counts;
  return {
    interval_start: time(row.startMs),
    interval_end: time(row.endMs),
    queue_id: row.queueId,
    queue_name: row.queueName,
    media_type: row.mediaType,
    offered: c.offered,
    answered: c.answered,
    answered_within: c.answeredWithin,
    abandoned: c.abandoned,
    abandoned_short: c.abandonedShort,
    flowout: c.flowout,
    service_level_pct: row.serviceLevelPct,
    asa_s: meanSeconds(c.answeredSumMs, c.answered),
    abandon_rate_pct: percent(c.abandoned, c.offered),
    threshold_s: row.thresholdMs === null ? null : msToSeconds(row.thresholdMs),
    target_pct: row.targetPct,
    target_met: row.targetMet,
    aht_s: meanSeconds(c.handleSumMs, c.handled),
  };
}

/** The staffing columns `staffingMetricCells` fills; the row adds the interval and queue columns. */
export type StaffingMetricColumn = Exclude<StaffingColumn, 'interval_start' | 'interval_end' | 'queue_id' | 'queue_name' | 'media_type'>;

/** round(a·b ÷ (c·d) × scale) ÷ scale, half away from zero, for non-negative integers; BigInt once a product passes 2^53. */
function roundedRatio(a: number, b: number, c: number, d: number, scale: number): number {
  const numerator = a * b * scale;
  const denominator = c * d;
  if (2 * numerator + denominator <= Number.MAX_SAFE_INTEGER) return roundDiv(numerator, denominator) / scale;
  const n = BigInt(Math.round(a)) * BigInt(Math.round(b)) * BigInt(scale);
  const den = BigInt(Math.round(c)) * BigInt(Math.round(d));
  return Number((2n * n + den) / (2n * den)) / scale;
}

/** required ÷ (1 − s/100) with 2 decimals: exact (10 000·N ÷ round(100·(100 − s))) when s has at most 2 decimals. */
function roundedFte(required: number, shrinkagePct: number): number {
  const hundredths = (100 - shrinkagePct) * 100;
  const d = Math.round(hundredths);
  if (Math.abs(hundredths - d) < 1e-6) return roundDiv(required * 1_000_000, d) / 100;
  return Math.round((required / (1 - shrinkagePct / 100)) * 100) / 100;
}

/**
 * The contract's cells for one row, rounded half away from zero:
 * - offered, required_agents: integers as they are; target_pct, service_level_pct, target_met: as given.
 * - aht_s: 3 decimals of ahtSumMs ÷ ahtCount ÷ 1000, exact. threshold_s: ms ÷ 1000 (3 decimals).
 * - traffic_erlangs: 3 decimals of offered·ahtSumMs ÷ (ahtCount·intervalMs), exact (not of the rounded aht_s).
 * - required_fte: 2 decimals of required ÷ (1 − shrinkage/100), exact for a shrinkage of at most 2 decimals
 *   (14 at 30 % is 20, not 20.000000000000004).
 * - staffed_agents: 2 decimals of Σ on-queue ms ÷ interval ms, exact.
 * - staffing_gap: the printed staffed_agents − required_agents, so the columns subtract as printed (an exact
 *   −0.005 therefore prints 0, not −0.01).
 * - predicted_sl_pct: 2 decimals of the percentage.
 * `--check` should read the printed staffing_gap < 0, so the exit status agrees with the report.
 */
export function staffingMetricCells(v: StaffingValues): Record<StaffingMetricColumn, Cell> {
  const staffedHundredths = roundDiv(Math.round(v.staffedOnQueueMs) * 100, v.intervalMs);
  const ahtKnown = v.ahtSource !== null;
  return {
    offered: v.offered,
    aht_s: ahtKnown ? meanSeconds(v.ahtSumMs, v.ahtCount) : null,
    traffic_erlangs: ahtKnown ? roundedRatio(v.offered, Math.round(v.ahtSumMs), v.ahtCount, v.intervalMs, 1000) : null,
    threshold_s: v.thresholdS === null ? null : msToSeconds(v.thresholdS * 1000),
    target_pct: v.targetPct,
    required_agents: v.requiredAgents,
    required_fte: v.requiredAgents === null ? null : roundedFte(v.requiredAgents, v.shrinkagePct),
    staffed_agents: staffedHundredths / 100,
    staffing_gap: v.requiredAgents === null ? null : (staffedHundredths - v.requiredAgents * 100) / 100,
    predicted_sl_pct: v.predictedSlPct === null ? null : Math.round(v.predictedSlPct * 100) / 100,
    service_level_pct: v.serviceLevelPct,
    target_met: v.targetMet,
  };
}

export function staffingCells(row: StaffingRow, time: TimeCell): Record<StaffingColumn, Cell> {
  return {
    interval_start: time(row.startMs),
    interval_end: time(row.endMs),
    queue_id: row.queueId,
    queue_name: row.queueName,
    media_type: row.mediaType,
    ...staffingMetricCells(row.values),
  };
}

/**
 * A `now` row as the renderers take it: observed_at printed by `time` (ISO-8601 in --tz; epoch ms for the store and
 * Parquet), alerts joined with `;` (none: empty).
 */
export function nowCells(row: NowRow, time: TimeCell): Record<NowColumn, Cell> {
  return { ...row, observed_at: time(row.observed_at), alerts: row.alerts.length > 0 ? row.alerts.join(';') : null };
}
