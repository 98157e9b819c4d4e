import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from './printed-table.js';
import { formatCell } from './format-cell.js';

/** Rows per chunk written: big enough to amortise a write, small enough to stream. */
const BATCH = 500;

/**
 * RFC 4180 CSV: header always (also with no rows), `\n` line ends, fields quoted only when they hold a comma, quote
 * or line break (`Doe, "JD" Jane` → `"Doe, ""JD"" Jane"`), numbers unquoted, empty cells for null.
 */
export function* renderCsv<C extends string>(table: Table<C>): Iterable<string> {
  yield csvLine([...table.columns]);
  let batch = '';
  let rows = 0;
  const columns = table.columns;
  const cells: string[] = new Array<string>(columns.length);
  for (const row of table.rows) {
    // Only a text cell can need quotes: numbers, booleans and empty cells never do.
    let plain = true;
    for (let i = 0; i < columns.length; i++) {
      const cell = row[columns[i]!] as Cell | undefined;
      if (typeof cell === 'string' && NEEDS_QUOTES.test(cell)) plain = false;
      cells[i] = formatCell(cell);
    }
    batch += plain ? `${cells.join(',')}\n` : csvLine(cells);
    if (++rows === BATCH) {
      yield batch;
      batch = '';
      rows = 0;
    }
  }
  if (rows > 0) yield batch;
}

/** A cell csv-stringify (with the options below) would quote: it holds a comma, a quote or a line break. */
const NEEDS_QUOTES = /[,"\n\r]/;

/**
 * One record with its `\n`. A row of plain cells (nearly every row of a report) is joined here: csv-stringify
 * writes those as they are, and took ~25 µs a row doing so (a tenth of a 110 MB --input report's CPU); any other
 * row is csv-stringify's (test/output/csv.test.ts checks both give the same bytes).
 */
export function csvLine(cells: string[]): string {
  for (const cell of cells) {
    // csv-stringify quotes `\n` by itself but not a lone `\r`, which RFC 4180 also requires quoted.
    if (NEEDS_QUOTES.test(cell)) return stringify([cells], { record_delimiter: '\n', quoted_match: /\r/ });
  }
  return `${cells.join(',')}\n`;
}
