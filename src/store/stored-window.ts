import { UsageError } from '../errors.js';
import { isoZ } from '../time/format.js';
import { parseInterval } from '../time/duration.js';
import { floorToGrid } from '../time/grid.js';
import type { Window } from '../time/types.js';
import type { SyncState } from './tables.js';


/**
 * A report from stored rows is exact only when each of its buckets is a union of stored ones, and only inside what
 * was synced; anything else exits 2 saying what the database holds.
 */
export function checkStoredWindow(state: SyncState | undefined, window: Window, buckets: ReadonlyArray<{ startMs: number; endMs: number }>, label: string, report: string): SyncState {
  if (!state) throw new UsageError(`--db ${label}: no ${report} history is stored there; run gcx-metrics sync --db ${label} first`);
  const stored = parseInterval(state.settings.interval);
  const onStoredGrid = (ms: number) => floorToGrid(ms, stored, state.settings.tz) === ms;
  if (!buckets.every((b) => onStoredGrid(b.startMs) && onStoredGrid(b.endMs))) {
    throw new UsageError(
      `--interval ${window.interval.label} --tz ${window.tz}: the buckets do not roll up from the ${stored.label} intervals stored in ${label} ` +
        `(aligned in ${state.settings.tz}); use ${stored.label} or a multiple of it that aligns, e.g. 1h or 1d in ${state.settings.tz}`,
    );
  }
  if (window.startMs < state.coveredFromMs || window.endMs > state.coveredToMs) {
    throw new UsageError(
      `the window ${isoZ(window.startMs)} to ${isoZ(window.endMs)} reaches outside the stored history of ${label} ` +
        `(${isoZ(state.coveredFromMs)} to ${isoZ(state.coveredToMs)}); pick a window inside it, or run gcx-metrics sync first`,
    );
  }
  return state;
}
