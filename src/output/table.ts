import type { Cell, Table } from '../metrics/rows.js';
import { formatCell } from './format-cell.js';

const GAP = '  ';

/**
 * An aligned text table for people: numeric columns (any number, no text) right-aligned with their header, others
 * left-aligned; a dashed underline under the header; `(no rows)` when empty. Widths need every row, so this one
 * buffers: it is for terminals, not for million-row exports.
 */
export function* renderTable<C extends string>(table: Table<C>): Iterable<string> {
  const { columns } = table;
  const rows: string[][] = [];
  const numeric = columns.map(() => ({ numbers: false, text: false }));
  for (const row of table.rows) {
    rows.push(
      columns.map((column, i) => {
        const cell = row[column] as Cell | undefined;
        if (typeof cell === 'number') numeric[i]!.numbers = true;
        else if (typeof cell === 'string' && cell !== '') numeric[i]!.text = true;
        return formatCell(cell).replace(/[\r\n\t]/g, ' ');
      }),
    );
  }
  const right = numeric.map((n) => n.numbers && !n.text);
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join(GAP)
      .trimEnd() + '\n';

  yield line(columns);
  yield line(widths.map((w) => '-'.repeat(w)));
  if (rows.length === 0) yield '(no rows)\n';
  for (const row of rows) yield line(row);
}
