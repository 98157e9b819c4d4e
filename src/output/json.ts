import type { Cell, Table } from './printed-table.js';

/**
 * One JSON array of objects with exactly the column keys, in column order; numbers as numbers, missing as null.
 * Streamed one row per line (`[`, rows, `]`), so a million rows never become one string; `[]` when empty.
 */
export function* renderJson<C extends string>(table: Table<C>): Iterable<string> {
  let first = true;
  for (const row of table.rows) {
    yield (first ? '[\n' : ',\n') + JSON.stringify(rowObject(table.columns, row));
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

/** The row's cells under exactly `columns`, in order; absent or non-finite values become null. */
export function rowObject<C extends string>(columns: readonly C[], row: Record<C, Cell>): Record<C, Cell> {
  const out = {} as Record<C, Cell>;
  for (const column of columns) {
    const cell = row[column];
    out[column] = cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell)) ? null : cell;
  }
  return out;
}
