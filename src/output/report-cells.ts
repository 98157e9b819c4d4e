import type { OccupancyColumn, OccupancyRow, ServiceLevelColumn, ServiceLevelRow } from '../metrics/rows.js';
import { meanSeconds, msToSeconds, percent } from '../metrics/round.js';
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
