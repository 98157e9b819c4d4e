import type { NowRow } from '../metrics/now.js';
import { nowCells } from '../output/report-cells.js';
import { QUEUE_SNAPSHOTS_TABLE, type StoredRow } from './tables.js';

/**
 * A `now` snapshot as queue_snapshots keeps it: the report's cells (the one formatting step) with observed_at as
 * epoch ms, and '' for the media type of a queue with no traffic (the key needs a value).
 */
export function storedSnapshotRows(rows: Iterable<NowRow>): StoredRow[] {
  const out: StoredRow[] = [];
  for (const row of rows) {
    const cells = nowCells(row, (ms) => ms) as Record<string, StoredRow[number]>;
    out.push(QUEUE_SNAPSHOTS_TABLE.columns.map((c) => (c.name === 'media_type' ? (cells.media_type ?? '') : (cells[c.name] ?? null))));
  }
  return out;
}
