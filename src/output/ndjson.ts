import type { Table } from './printed-table.js';
import { rowObject } from './json.js';

/** One JSON object per line with exactly the column keys; nothing at all when there are no rows. */
export function* renderNdjson<C extends string>(table: Table<C>): Iterable<string> {
  for (const row of table.rows) yield JSON.stringify(rowObject(table.columns, row)) + '\n';
}
