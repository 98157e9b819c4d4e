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
  return state;
}
