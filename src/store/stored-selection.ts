import { UsageError } from '../errors.js';
import type { SyncState } from './tables.js';

/** `--agent a,b --queue q` (as sync stores it) → flag → ids. */
export function parseSelection(selection: string): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (const m of selection.matchAll(/(--[a-z]+) (\S+)/g)) flags.set(m[1]!, m[2]!.split(','));
  return flags;
}

/**
 * `occupancy --db` may only ask for agents the stored rows can speak for: with a stored `--agent` list and no
 * group or queue, an agent outside it was never fetched, and would print as zeros. A `--group`/`--queue` must be
 * one that was synced. (With a stored group or queue the members are not stored, so an --agent is taken as given.)
 */
export function checkStoredAgents(state: SyncState, wanted: { agents: readonly string[]; groups?: readonly string[]; queues?: readonly string[] }, label: string): void {
  const stored = parseSelection(state.settings.selection);
  if (stored.size === 0) return;
  const shown = state.settings.selection;
  const refuse = (flag: string, value: string) =>
    new UsageError(`${flag} ${value}: ${label} stores occupancy for ${shown} only; ask for those agents (or leave ${flag} out), or sync another --db for this selection`);
  const agents = stored.get('--agent') ?? [];
  if (!stored.has('--group') && !stored.has('--queue')) {
    const outside = wanted.agents.find((a) => !agents.includes(a));
    if (outside !== undefined) throw refuse('--agent', outside);
  }
  for (const [flag, values] of [['--group', wanted.groups ?? []], ['--queue', wanted.queues ?? []]] as const) {
    const outside = values.find((v) => !(stored.get(flag) ?? []).includes(v));
    if (outside !== undefined) throw refuse(flag, outside);
  }
}
