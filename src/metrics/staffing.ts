/**
 * The staffing row: per (interval, queue, media type), the agents Erlang C says were needed against the agents the
 * queue's members had on queue. `staffingValues` decides in unrounded numbers; `staffingCells` rounds them to the
 * contract's decimals exactly (integer ms and counts are rounded as rationals, as src/metrics/round.ts does).
 * Definitions and edge cases: docs/cli-contract.md `## staffing`, docs/staffing.md.
 */
import { erlangServiceLevel, requiredAgents } from './erlang-c.js';
import { roundDiv, meanSeconds, msToSeconds } from './round.js';
import type { Cell } from '../output/printed-table.js';
import { targetMet } from './service-level.js';

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

export type StaffingColumn = (typeof STAFFING_COLUMNS)[number];
export type StaffingRow = Record<StaffingColumn, Cell>;
/** The columns `staffingCells` fills; the caller adds the interval and queue columns. */
export type StaffingMetricColumn = Exclude<StaffingColumn, 'interval_start' | 'interval_end' | 'queue_id' | 'queue_name' | 'media_type'>;

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
export function staffingCells(v: StaffingValues): Record<StaffingMetricColumn, Cell> {
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
