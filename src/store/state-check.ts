import { IANAZone } from 'luxon';
import { parseInterval } from '../time/duration.js';
import { DbError } from './db-error.js';
import type { SyncState } from './tables.js';

const REPORTS = ['occupancy', 'service-level'];

/**
 * A sync_state row as read, refused (exit 6, "could not read sync_state: …") when it cannot be one a sync wrote: an
 * unknown report, a covered range that is not two times in order. The store wraps the message with its name.
 */
export function checkedState(label: string, state: SyncState): SyncState {
  const { report, coveredFromMs: from, coveredToMs: to } = state;
  const why = !REPORTS.includes(report)
    ? `report ${JSON.stringify(report)} is not occupancy or service-level`
    : !Number.isFinite(from) || !Number.isFinite(to)
      ? `the ${report} row's covered_from/covered_to is not a time`
      : from > to
        ? `the ${report} row's covered_from is after its covered_to`
        : undefined;
  if (why) throw new DbError(`database ${label}: sync_state: ${why}; it was altered. Restore it (or delete the row and sync again with --from); nothing was changed`);
  // The grid's settings every sync writes: an empty or unknown one would otherwise surface as an empty "stored
  // value" in a settings message, or as a flag error about a flag nobody gave.
  const setting = settingProblem(report, state.settings.interval, state.settings.tz);
  if (setting) {
    throw new DbError(`database ${label}: sync_state: ${setting}; it was altered or written by another version of gcx-metrics. Restore it, or sync into another --db; nothing was changed`);
  }
  return state;
}

function settingProblem(report: string, interval: string, tz: string): string | undefined {
  if (interval === '') return `the ${report} row's interval is empty`;
  if (tz === '') return `the ${report} row's tz is empty`;
  if (!intervalKnown(interval)) return `the ${report} row's interval ${JSON.stringify(interval)} is not one gcx-metrics writes`;
  if (!IANAZone.isValidZone(tz)) return `the ${report} row's tz ${JSON.stringify(tz)} is not a time zone`;
  return undefined;
}

function intervalKnown(interval: string): boolean {
  try {
    parseInterval(interval);
    return true;
  } catch {
    return false;
  }
}
