import { UsageError } from '../errors.js';
import { OccupancyAccumulator } from '../metrics/occupancy.js';
import type { ReportWindow } from '../time/report-window.js';
import { addStoredOccupancy } from './occupancy-rows.js';
import type { Store } from './store.js';
import { checkStoredAgents } from './stored-selection.js';
import { checkStoredWindow } from './stored-window.js';
import { OCCUPANCY_TABLE } from './tables.js';

export interface StoredOccupancy {
  acc: OccupancyAccumulator;
  agentIds: string[];
  agentNames: Map<string, string>;
}

/**
 * `occupancy --db`: stored sums added into the report's buckets, for the same row builder the API report uses.
 * Agents: the --agent ids, else every agent with activity in the window; names as last stored.
 */
export async function readStoredOccupancy(store: Store, rw: ReportWindow, agents: readonly string[], media: readonly string[]): Promise<StoredOccupancy> {
  const state = checkStoredWindow((await store.readStates()).find((s) => s.report === 'occupancy'), rw.window, rw.grid, store.label, 'occupancy');
  const wantedMedia = [...media].sort().join(',');
  if (wantedMedia !== state.settings.media) {
    const stored = state.settings.media === '' ? 'all media' : `--media ${state.settings.media}`;
    throw new UsageError(`--media: ${store.label} stores occupancy for ${stored} (handle time is not kept per media type); run the report with the same --media`);
  }
  checkStoredAgents(state, { agents }, store.label);
  const acc = new OccupancyAccumulator();
  const agentNames = new Map<string, string>();
  for await (const row of store.readRows(OCCUPANCY_TABLE, rw.window.startMs, rw.window.endMs)) addStoredOccupancy(acc, agentNames, row, rw.bucketOf);
  const agentIds = agents.length > 0 ? [...agents] : acc.activeAgents(rw.window.startMs, rw.window.endMs);
  return { acc, agentIds, agentNames };
}
