/**
 * The staffing row: per (interval, queue, media type), the agents Erlang C says were needed against the agents the
 * queue's members had on queue. `staffingValues` decides in unrounded numbers; `staffingCells`
 * (src/output/report-cells.ts, the one formatting step) rounds them to the contract's decimals exactly.
 * Definitions and edge cases: docs/cli-contract.md `## staffing`, docs/staffing.md.
 */
import { erlangServiceLevel, requiredAgents } from './erlang-c.js';
import { targetMet } from './service-level.js';

export interface StaffingOptions {
  /** 0 ≤ pct < 100 (`--shrinkage`). */
  shrinkagePct: number;
  /** 0 < pct ≤ 100 (`--max-occupancy`). */
  maxOccupancyPct: number;
}

/** One (interval, queue, media type): integer counts and milliseconds as the API reports them. */
export interface StaffingInput {
  /** nOffered.count of the row. */
  offered: number;
  /** tHandle.count and tHandle.sum (ms) of the row. */
  handled: number;
  handleSumMs: number;
  /** tHandle.count and tHandle.sum over the whole window for this queue and media type: the AHT when the row handled nothing. */
  windowHandled: number;
  windowHandleSumMs: number;
  /** The row's goal; a ServiceLevelGoal fits. thresholdMs null leaves the Erlang columns empty, as the contract does. */
  goal: { thresholdMs: number | null; targetPct: number | null };
  /** The interval's real length (a DST day's hours are 23 or 25 long). */
  intervalMs: number;
  /** Σ over the queue's members of their on-queue ms in this interval (a member of several queues counts in each). */
  staffedOnQueueMs: number;
  /** The row's actual service_level_pct (2 decimals, from the service-level calculator), or null. */
  serviceLevelPct: number | null;
}

/** Unrounded typed values of one row, with the integers they came from (for exact rounding and the notes). */
export interface StaffingValues {
  offered: number;
  /** Where the AHT came from: the row's own handled conversations, the window's (row handled nothing), or none. */
  ahtSource: 'row' | 'window' | null;
  /** The count and ms sum the AHT is the mean of (0 and 0 when ahtSource is null). */
  ahtCount: number;
  ahtSumMs: number;
  ahtS: number | null;
  trafficErlangs: number | null;
  thresholdS: number | null;
  targetPct: number | null;
  requiredAgents: number | null;
  requiredFte: number | null;
  shrinkagePct: number;
  staffedOnQueueMs: number;
  intervalMs: number;
  staffedAgents: number;
  staffingGap: number | null;
  /** Percent (0–100), unrounded. */
  predictedSlPct: number | null;
  serviceLevelPct: number | null;
  targetMet: boolean | null;
}

/** Agents on queue on average over an interval: Σ on-queue ms ÷ interval length (unrounded). */
export function staffedAgents(onQueueMsByMember: Iterable<number>, intervalLengthMs: number): number {
  let total = 0;
  for (const ms of onQueueMsByMember) total += ms;
  return total / intervalLengthMs;
}

/** ⌊onQueueMs ÷ intervalMs⌋ in integers, so 13.99999… never reads 14 through a rounded division. */
function wholeAgents(onQueueMs: number, intervalMs: number): number {
  const ms = Math.round(onQueueMs);
  let n = Math.floor(ms / intervalMs);
  if (n * intervalMs > ms) n--;
  else if ((n + 1) * intervalMs <= ms) n++;
  return n;
}

/**
 * The row's values, unrounded. Erlang C is fed the unrounded AHT and A (the contract computes A from the unrounded
 * AHT; the rest follows suit). Empties (null), in the contract's terms:
 * - aht_s, traffic_erlangs: the window handled nothing.
 * - required_agents, required_fte, staffing_gap: aht_s or target_pct empty (also threshold_s, which staffing always
 *   has); else 0 when offered is 0. An empty AHT or target wins over offered 0: without a goal "needed" is undefined.
 * - predicted_sl_pct: aht_s or threshold_s empty, or offered 0. It is SL(⌊staffed_agents⌋) of the UNROUNDED staffed
 *   agents: 13.996 agents on average were fewer than 14 for part of the interval, the prediction must not credit a
 *   14th, and it then does not hinge on how many decimals the report prints.
 */
export function staffingValues(input: StaffingInput, options: StaffingOptions): StaffingValues {
  const { offered, intervalMs, staffedOnQueueMs } = input;
  if (!(intervalMs > 0)) throw new RangeError(`interval length ${intervalMs} ms: expected a number above 0`);
  const fromRow = input.handled > 0;
  const ahtSource = fromRow ? 'row' : input.windowHandled > 0 ? 'window' : null;
  const ahtCount = fromRow ? input.handled : ahtSource === 'window' ? input.windowHandled : 0;
  const ahtSumMs = fromRow ? input.handleSumMs : ahtSource === 'window' ? input.windowHandleSumMs : 0;
  const ahtS = ahtSource === null ? null : ahtSumMs / ahtCount / 1000;
  const trafficErlangs = ahtSource === null ? null : (offered * ahtSumMs) / (ahtCount * intervalMs);
  const thresholdS = input.goal.thresholdMs === null ? null : input.goal.thresholdMs / 1000;
  const targetPct = input.goal.targetPct;

  let required: number | null = null;
  if (ahtS !== null && trafficErlangs !== null && thresholdS !== null && targetPct !== null) {
    required =
      offered === 0 ? 0 : requiredAgents(trafficErlangs, thresholdS, ahtS, targetPct / 100, options.maxOccupancyPct / 100);
  }
  const staffed = staffedOnQueueMs / intervalMs;
  let predictedSlPct: number | null = null;
  if (ahtS !== null && trafficErlangs !== null && thresholdS !== null && offered > 0) {
    predictedSlPct = erlangServiceLevel(wholeAgents(staffedOnQueueMs, intervalMs), trafficErlangs, thresholdS, ahtS) * 100;
  }
  return {
    offered,
    ahtSource,
    ahtCount,
    ahtSumMs,
    ahtS,
    trafficErlangs,
    thresholdS,
    targetPct,
    requiredAgents: required,
    requiredFte: required === null ? null : required / (1 - options.shrinkagePct / 100),
    shrinkagePct: options.shrinkagePct,
    staffedOnQueueMs,
    intervalMs,
    staffedAgents: staffed,
    staffingGap: required === null ? null : staffed - required,
    predictedSlPct,
    serviceLevelPct: input.serviceLevelPct,
    targetMet: targetMet(input.serviceLevelPct, targetPct),
  };
}
