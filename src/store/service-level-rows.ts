import { hasTraffic, ServiceLevelAccumulator, serviceLevelRows, type ServiceLevelCounts, type ServiceLevelFormula, type ServiceLevelKey } from '../metrics/service-level.js';
import { meanSeconds, msToSeconds } from '../metrics/round.js';
import type { GoalOf, ServiceLevelGoal } from '../metrics/service-level-goals.js';
import { serviceLevelCells } from '../output/report-cells.js';
import { SERVICE_LEVEL_TABLE, type StoredRow } from './tables.js';

const AT = Object.fromEntries(SERVICE_LEVEL_TABLE.columns.map((c, i) => [c.name, i])) as Record<string, number>;

/** Stored columns that are sums the ratios are recomputed from (the report's own count columns are sums too). */
const ADDITIVE: ReadonlyArray<[keyof ServiceLevelCounts, string]> = [
  ['offered', 'offered'],
  ['answered', 'answered'],
  ['answeredSumMs', 'answered_ms'],
  ['answeredWithin', 'answered_within'],
  ['abandoned', 'abandoned'],
  ['abandonedShort', 'abandoned_short'],
  ['flowout', 'flowout'],
  ['handled', 'handled'],
  ['handleSumMs', 'handle_ms'],
];

const keyId = (k: ServiceLevelKey) => `${k.bucketStartMs}\u0000${k.queueId}\u0000${k.mediaType}`;

export interface StoredServiceLevelOptions {
  /** The formula of the stored service_level_pct (the sync's --formula). */
  formula: ServiceLevelFormula;
  /** The goal each (queue, media) was measured against at sync time: stored with its rows. */
  goalOf: GoalOf;
  queueNames: ReadonlyMap<string, string>;
  startMs: number;
  endMs: number;
  bucketEndMs: (bucketStartMs: number) => number;
}

/**
 * The service-level rows a sync stores: the report's rows over the run's window (same row builder; SL % with the
 * sync's formula, times as UTC instants) plus the sums behind them, so a report with any formula is recomputed.
 * A cell with handle time but no traffic (a call wrapped up in the interval after the one it was offered in) makes
 * no report row, but its handle time belongs to a coarser interval's AHT: it is stored too, with zero counts.
 */
export function storedServiceLevelRows(acc: ServiceLevelAccumulator, o: StoredServiceLevelOptions): StoredRow[] {
  const counts = new Map<string, ServiceLevelCounts>();
  for (const { key, counts: c } of acc.entries()) counts.set(keyId(key), c);
  const instant = (ms: number) => ms;
  const rows = serviceLevelRows(acc, o).map((row) => {
    const key = { bucketStartMs: row.startMs, queueId: row.queueId ?? '', mediaType: row.mediaType ?? '' };
    const cells = serviceLevelCells(row, instant) as Record<string, StoredRow[number]>;
    const stored: StoredRow = SERVICE_LEVEL_TABLE.columns.map((col) => cells[col.name] ?? null);
    return withSums(stored, counts.get(keyId(key))!);
  });
  for (const { key, counts: c } of acc.entries()) {
    if (key.bucketStartMs < o.startMs || key.bucketStartMs >= o.endMs || c.handled === 0 || hasTraffic(c)) continue;
    const goal = o.goalOf(key.queueId, key.mediaType);
    const stored: StoredRow = SERVICE_LEVEL_TABLE.columns.map(() => null);
    stored[AT.interval_start!] = key.bucketStartMs;
    stored[AT.interval_end!] = o.bucketEndMs(key.bucketStartMs);
    stored[AT.queue_id!] = key.queueId;
    stored[AT.queue_name!] = o.queueNames.get(key.queueId) ?? '';
    stored[AT.media_type!] = key.mediaType;
    stored[AT.threshold_s!] = msToSeconds(goal.thresholdMs);
    stored[AT.target_pct!] = goal.targetPct;
    stored[AT.aht_s!] = meanSeconds(c.handleSumMs, c.handled);
    rows.push(withSums(stored, c));
  }
  return rows;
}

function withSums(stored: StoredRow, c: ServiceLevelCounts): StoredRow {
  for (const [k, column] of ADDITIVE) stored[AT[column]!] = c[k];
  return stored;
}

/** What reading stored rows collects besides the sums: names and goals as last stored. */
export interface StoredLookups {
  names: Map<string, string>;
  goals: Map<string, ServiceLevelGoal>;
}

/** Adds a stored row's sums into the report's bucket, and remembers the queue's name and goal as last stored. */
export function addStoredServiceLevel(acc: ServiceLevelAccumulator, seen: StoredLookups, row: StoredRow, bucketOf: (ms: number) => number): void {
  const queueId = row[AT.queue_id!] as string;
  const mediaType = row[AT.media_type!] as string;
  const delta: Partial<ServiceLevelCounts> = {};
  for (const [k, column] of ADDITIVE) delta[k] = row[AT[column]!] as number;
  acc.add({ bucketStartMs: bucketOf(row[AT.interval_start!] as number), queueId, mediaType }, delta);
  seen.names.set(queueId, storedQueueName(row));
  const thresholdS = row[AT.threshold_s!] as number | null;
  if (thresholdS !== null) seen.goals.set(`${queueId}\u0000${mediaType}`, { thresholdMs: Math.round(thresholdS * 1000), targetPct: row[AT.target_pct!] as number | null });
}

/** The goal of each (queue, media) as stored; `fallback` for pairs with no stored row. */
export function storedGoalOf(goals: ReadonlyMap<string, ServiceLevelGoal>, fallback: ServiceLevelGoal): GoalOf {
  return (queueId, mediaType) => goals.get(`${queueId}\u0000${mediaType}`) ?? fallback;
}

export const storedQueueName = (row: StoredRow) => row[AT.queue_name!] as string;

/** The media types and queues a row belongs to, for filtering stored rows by a report's selection. */
export const storedQueueAndMedia = (row: StoredRow) => ({ queueId: row[AT.queue_id!] as string, mediaType: row[AT.media_type!] as string });
