import { OccupancyAccumulator, occupancyRows, type AgentCounts } from '../metrics/occupancy.js';
import type { Bucket } from '../time/types.js';
import { occupancyCells } from '../output/report-cells.js';
import { OCCUPANCY_TABLE, type StoredRow } from './tables.js';

const ADDITIVE: ReadonlyArray<[keyof AgentCounts, string]> = [
  ['handled', 'handled'],
  ['handleMs', 'handle_ms'],
  ['talkMs', 'talk_ms'],
  ['heldMs', 'held_ms'],
  ['acwMs', 'acw_ms'],
  ['idleMs', 'idle_ms'],
  ['interactingMs', 'interacting_ms'],
  ['communicatingMs', 'communicating_ms'],
  ['notRespondingMs', 'not_responding_ms'],
];
const AT = Object.fromEntries(OCCUPANCY_TABLE.columns.map((c, i) => [c.name, i])) as Record<string, number>;

/**
 * The occupancy rows a sync stores for `grid`: the report's own rows (same row builder, times as UTC instants) for
 * every (interval, agent) with any activity, plus the sums they came from. Idle (agent, interval) pairs are not
 * stored — the report fills them with zeros — so what is stored depends only on the data, never on which window a
 * run happened to cover.
 */
export function* storedOccupancyRows(
  acc: OccupancyAccumulator,
  grid: readonly Bucket[],
  agentIds: readonly string[],
  agentNames: ReadonlyMap<string, string>,
): Generator<StoredRow> {
  const instant = (ms: number) => ms;
  for (const row of occupancyRows(acc, { grid, agentIds, agentNames })) {
    const counts = row.counts;
    if (!ADDITIVE.some(([k]) => counts[k] !== 0)) continue;
    const cells = occupancyCells(row, instant) as Record<string, StoredRow[number]>;
    const stored: StoredRow = OCCUPANCY_TABLE.columns.map((c) => cells[c.name] ?? null);
    for (const [k, column] of ADDITIVE) stored[AT[column]!] = counts[k];
    yield stored;
  }
}

/** Adds a stored row's sums into the report's bucket, and remembers the agent's name as last stored. */
export function addStoredOccupancy(acc: OccupancyAccumulator, names: Map<string, string>, row: StoredRow, bucketOf: (ms: number) => number): void {
  const agentId = row[AT.agent_id!] as string;
  const delta: Partial<AgentCounts> = {};
  for (const [k, column] of ADDITIVE) delta[k] = row[AT[column]!] as number;
  acc.add(agentId, bucketOf(row[AT.interval_start!] as number), delta);
  names.set(agentId, row[AT.agent_name!] as string);
}
