import { DateTime } from 'luxon';
import { floorToGrid, nextBoundary } from '../time/grid.js';
import { parseInterval } from '../time/duration.js';
import type { TableReplacement } from './store.js';
import { TABLE_OF, type StoredRow, type SyncState } from './tables.js';

const DAY = parseInterval('1d');

/**
 * DAYS_TABLE rows for every local day of `tz` that [fromMs, toMs) touches: the local date and the day's bounds as
 * the `--interval 1d` report grid has them (23/25 hours on DST days), so a daily view adds exactly the rows that
 * report's bucket adds.
 */
export function daysCovering(fromMs: number, toMs: number, tz: string): StoredRow[] {
  const rows: StoredRow[] = [];
  for (let start = floorToGrid(fromMs, DAY, tz); start < toMs; ) {
    const end = nextBoundary(start, DAY, tz);
    rows.push([DateTime.fromMillis(start, { zone: tz }).toISODate()!, start, end]);
    start = end;
  }
  return rows;
}

/** The days a commit's replacements touch, in the zone of the states written with them (none without states). */
export function daysOfCommit(replacements: readonly TableReplacement[], states: readonly SyncState[]): StoredRow[] {
  const byDay = new Map<string, StoredRow>();
  for (const r of replacements) {
    const state = states.find((s) => TABLE_OF[s.report] === r.table) ?? states[0];
    if (!state) continue;
    for (const row of daysCovering(r.fromMs, r.toMs, state.settings.tz)) byDay.set(row[0] as string, row);
  }
  return [...byDay.values()];
}

/** The days of every stored range (an upgrade fills the calendar of a database made before it existed). */
export function daysOfStates(states: readonly SyncState[]): StoredRow[] {
  const byDay = new Map<string, StoredRow>();
  for (const s of states) for (const row of daysCovering(s.coveredFromMs, s.coveredToMs, s.settings.tz)) byDay.set(row[0] as string, row);
  return [...byDay.values()];
}
